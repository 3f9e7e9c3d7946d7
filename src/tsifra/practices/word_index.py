"""The registry's words in memory: which practices hold each stem, and where in the practice.

Matching a common word in the database cost hundreds of milliseconds at 100,000 practices (a
prefix query over tens of thousands of documents, then a second one over the titles for the
relevance), more on PostgreSQL than on SQLite. The words of a practice change only when it is
written, so they are kept here as an inverted index: the stems in sorted order and, for each,
the ids of the practices holding it with the best place it holds it in (title; problem, tags,
owner or software; description). A query term that is a prefix covers one run of the sorted
stems, so its practices are one contiguous slice of one array: a common word is matched in a
millisecond or two, on either database alike.

The stems are the database's own full-text index (`fts.stored_words`: the stems `fts_words`
wrote on SQLite, the lexemes of the `russian` configuration on PostgreSQL), so a word matches
here exactly what it matched there. Reading and inverting the whole index takes seconds at
100,000 practices; it is done once (`base`), and a write afterwards re-reads only the practices
written since (`recent`, found in the audit log, which every write of the registry goes
through), whose entries in the base are then ignored. Past `RECENT_AT_MOST` of them the whole
index is read again. A caller without a cache (a test) reads the whole index per call.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Connection, Engine, and_, select

from tsifra.kernel.cache import Cache
from tsifra.practices import fts
from tsifra.practices.facet_index import registry_version
from tsifra.practices.fts_words import Term
from tsifra.store.models import AuditEntry, Practice
from tsifra.store.versions import database_key

TITLE, NEAR, BODY = 0, 1, 2  # where a practice holds a stem, best first
NOWHERE = 3
# A word's weight in the relevance by where the practice holds it: the title counts most,
# then the problem, tags, owner and software, then the description.
WEIGHTS = np.array([4, 2, 1, 0], dtype=np.int32)
RECENT_AT_MOST = 2_000  # practices written since the base; past that it is read anew
# Audit entries are numbered when written but seen when committed: a write numbered just
# before the base was read may commit just after. Its practice is read again with the
# recent ones, so the base misses nothing committed late.
LATE_AT_MOST = 200


@dataclass(frozen=True)
class Postings:
    """An inverted index: the stems sorted, and each stem's practices as one run of `ids`
    (`starts[k]` to `starts[k + 1]`), each with where it holds the stem (`places`)."""

    stems: list[str]
    starts: np.ndarray
    ids: np.ndarray  # practice ids, int32
    places: np.ndarray  # TITLE, NEAR or BODY, int8

    @property
    def size(self) -> int:
        return len(self.ids)

    def run(self, term: Term) -> slice:
        """The postings of every stem the term accepts: itself, or those it begins."""
        low = bisect.bisect_left(self.stems, term.text)
        if term.prefix:
            high = bisect.bisect_left(self.stems, term.text + "\U0010ffff")
        else:
            high = low + (low < len(self.stems) and self.stems[low] == term.text)
        return slice(int(self.starts[low]), int(self.starts[high]))


def postings(rows: list[tuple]) -> Postings:
    """Invert what the index holds, rows of (id, title stems, near stems, description stems):
    each (stem, practice) once, at the best place the practice holds it. Written for 100,000
    practices: the per-practice work is C (dicts made and merged whole), the rest numpy."""
    holders: list[int] = []
    counts: list[int] = []
    stems: list[str] = []
    places: list[int] = []
    for practice_id, title, near, body in rows:
        best = dict.fromkeys(body.split() if body else (), BODY)
        if near:
            best.update(dict.fromkeys(near.split(), NEAR))
        if title:
            best.update(dict.fromkeys(title.split(), TITLE))
        stems += best.keys()
        places += best.values()
        holders.append(practice_id)
        counts.append(len(best))
    # Each stem coded by where it first appears, then by its rank among the stems sorted.
    first: dict[str, int] = {}
    seen = np.fromiter(map(first.setdefault, stems, itertools.count()), np.int64, len(stems))
    vocabulary = list(first)
    rank = np.empty(len(vocabulary), dtype=np.int64)
    rank[sorted(range(len(vocabulary)), key=vocabulary.__getitem__)] = np.arange(len(vocabulary))
    codes = rank[np.searchsorted(np.fromiter(first.values(), np.int64, len(first)), seen)]
    order = np.argsort(codes, kind="stable")
    ids = np.repeat(np.asarray(holders, dtype=np.int32), np.asarray(counts, dtype=np.int64))
    return Postings(
        sorted(vocabulary),
        np.searchsorted(codes[order], np.arange(len(vocabulary) + 1)).astype(np.int64),
        ids[order],
        np.asarray(places, dtype=np.int8)[order],
    )


@dataclass(frozen=True)
class WordIndex:
    """The base read at one moment, and the practices written since with their words now."""

    base: Postings
    base_audit: int  # the last audit entry when the base was read
    base_practice: int  # the last practice then
    recent: np.ndarray  # ids written since (sorted): their postings in `base` are out of date
    recent_words: Postings

    def places(self, group: tuple[Term, ...], row_of: np.ndarray, size: int) -> np.ndarray:
        """For each of `size` practices (by row: `row_of[id]`, -1 for none, its last place for
        any larger id), the best place it holds any term of one query word: TITLE, NEAR, BODY,
        or NOWHERE."""
        best = np.full(size + 1, NOWHERE, dtype=np.int8)  # the last: practices not counted
        for postings_, skip in ((self.base, self.recent), (self.recent_words, None)):
            for term in group:
                run = postings_.run(term)
                holders, where = postings_.ids[run], postings_.places[run]
                if skip is not None and len(skip):
                    kept = ~np.isin(holders, skip)
                    holders, where = holders[kept], where[kept]
                rows = row_of[np.minimum(holders, len(row_of) - 1)]  # -1 → best's last place
                np.minimum.at(best, rows, where)
        return best[:size]

    def found(
        self, groups: list[tuple[Term, ...]], row_of: np.ndarray, size: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """Which of the `size` practices hold every word of the query (a mask by row), and how
        relevant each is: the sum, over the words, of the weight of the best place it holds
        that word."""
        mask = np.ones(size, dtype=bool)
        score = np.zeros(size, dtype=np.int32)
        for group in groups:
            best = self.places(group, row_of, size)
            mask &= best != NOWHERE
            score += WEIGHTS[best]
        return mask, np.where(mask, score, 0)


def read_words(connection: Connection) -> WordIndex:
    """The whole index, read now."""
    audit, practice = registry_version(connection)
    base = postings(fts.stored_words(connection))
    return WordIndex(base, audit, practice, np.zeros(0, np.int32), postings([]))


def word_index(
    engine: Engine,
    connection: Connection,
    cache: Cache | None,
    registry: tuple[int, int] | None = None,
) -> WordIndex:
    """The words as they stand, kept in `cache` under the registry's version (`registry`: the
    last audit entry, the last practice; read here if not given) and brought up to date from
    the one kept before by the writes since (never an older version: a reader who just wrote
    finds the words written)."""
    if cache is None:
        return read_words(connection)
    version = registry or registry_version(connection)
    key = (database_key(engine), "practice_words")
    before = cache.kept_value(key)

    def compute() -> WordIndex:
        if isinstance(before, WordIndex):
            return _brought_up(connection, before) or read_words(connection)
        return read_words(connection)

    return cache.answer(key, version, compute, exact=True).value


def _brought_up(connection: Connection, before: WordIndex) -> WordIndex | None:
    """`before` with the practices written since its base read again; None where that is not
    the cheaper way (too many, or a write the log does not name a practice for)."""
    entries = connection.execute(
        select(AuditEntry.target).where(
            and_(
                AuditEntry.id > before.base_audit - LATE_AT_MOST,
                AuditEntry.action.startswith("practice.", autoescape=True),
            )
        )
    ).scalars()
    written: set[int] = set()
    for target in entries:
        if target is None or not target.isdigit():
            return None  # a bulk write (the demo): read everything
        written.add(int(target))
        if len(written) > RECENT_AT_MOST:
            return None
    added = connection.execute(
        select(Practice.id).where(Practice.id > before.base_practice).limit(RECENT_AT_MOST + 1)
    ).scalars()
    written.update(added)
    if len(written) > RECENT_AT_MOST:
        return None
    recent = np.array(sorted(written), dtype=np.int32)
    words = postings(fts.stored_words(connection, recent.tolist()))
    return WordIndex(before.base, before.base_audit, before.base_practice, recent, words)
