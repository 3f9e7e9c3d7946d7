"""The registry's facets in memory: what each practice is filed under, as arrays.

Counting disjunctive facets in SQL reads the whole registry and its link tables on every call
(five grouped scans at 100,000 practices: hundreds of milliseconds). The keys a facet needs are
small — a code each for sector, kind and stage, the measured effect, the verification date, and
the practice's regions and indicators — so the registry is read once into arrays and every
count, filter and page by effect is array arithmetic (about a millisecond per facet at that
size). The arrays are kept in the application's one cache under the version of what they were
read from: the last audit entry (every write of the registry is audited), the last practice and
the values in force (a corrected value re-measures the effects, which the effect order reads).
A caller without a cache (the command line, a test) reads them per call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, func, select

from tsifra.kernel.cache import Cache
from tsifra.practices.effects import values_version
from tsifra.practices.vocabulary import AI_KINDS, NOT_AI, SECTORS, STAGES
from tsifra.store.models import AuditEntry, Practice, PracticeIndicator, PracticeRegion
from tsifra.store.versions import database_key

KINDS = (*AI_KINDS, NOT_AI)


@dataclass(frozen=True)
class Links:
    """One open facet kept in a table of its own: (row of a practice, code of a value) pairs."""

    rows: np.ndarray  # index into FacetIndex.ids, ascending
    codes: np.ndarray  # index into values, ascending within a row
    values: tuple[str, ...]
    starts: np.ndarray  # the pairs of row k are starts[k] to starts[k + 1]

    def of(self, row: int) -> tuple[str, ...]:
        """The values of one practice, in the values' order."""
        return tuple(self.values[c] for c in self.codes[self.starts[row] : self.starts[row + 1]])

    def having(self, chosen: Sequence[str], n: int) -> np.ndarray:
        """Which practices have at least one of the chosen values."""
        mask = np.zeros(n, dtype=bool)
        mask[self.rows[_chosen(self.values, chosen, outside=True)[self.codes]]] = True
        return mask

    def counts(self, passing: np.ndarray) -> dict[str, int]:
        """Practices per value among the passing ones (the values with at least one)."""
        found = np.bincount(self.codes, passing[self.rows], minlength=len(self.values))
        return {self.values[i]: int(n) for i, n in enumerate(found) if n}


@dataclass(frozen=True)
class FacetIndex:
    ids: np.ndarray  # practice ids, ascending
    row_of: np.ndarray  # id → its row (-1: none; the last place stands for every larger id)
    sector: np.ndarray  # codes into SECTORS
    kind: np.ndarray  # codes into KINDS
    stage: np.ndarray  # codes into STAGES
    effect: np.ndarray  # the summary of the measured effect, NaN where not measurable
    verified: np.ndarray  # the day last verified, as a day number
    # Each practice's place in each order, ties by id (computed once: a page then sorts the
    # passing practices by one integer, and only as far as the page it shows)
    title: np.ndarray  # by title, in the database's own order of titles
    by_effect: np.ndarray  # by measured effect, best first, unmeasured last
    by_verified: np.ndarray  # by the day last verified, latest first
    regions: Links
    indicators: Links

    @property
    def size(self) -> int:
        return len(self.ids)

    def regions_of(self, ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
        """The regions of these practices (those the index holds), in code order."""
        wanted = [int(i) for i in ids]
        rows = np.searchsorted(self.ids, np.asarray(wanted, dtype=np.int64)).tolist()
        return {
            i: self.regions.of(r)
            for i, r in zip(wanted, rows, strict=True)
            if r < self.size and self.ids[r] == i
        }

    def count(self, name: str, passing: np.ndarray) -> np.ndarray:
        """Passing practices per value of a closed facet, in the vocabulary's order (a weighted
        count: no copy of the passing ones, which costs more than the count)."""
        codes = {"sector": self.sector, "ai_kind": self.kind, "stage": self.stage}[name]
        size = {"sector": len(SECTORS), "ai_kind": len(KINDS), "stage": len(STAGES)}[name]
        return np.bincount(codes + 1, passing, minlength=size + 1)[1:]  # -1: outside, dropped

    def closed(self, name: str, chosen: Sequence[str]) -> np.ndarray:
        codes, values = {"sector": (self.sector, SECTORS), "ai_kind": (self.kind, KINDS),
                         "stage": (self.stage, STAGES)}[name]  # fmt: skip
        return _chosen(values, chosen, outside=True)[codes]

    def page(
        self,
        passing: np.ndarray,
        sort: str,
        page: int,
        per_page: int,
        score: np.ndarray | None = None,
    ) -> list[int]:
        """The ids of one page of the passing practices, by measured effect (best first,
        unmeasured last), by the day verified (latest first) or by title; ties by id; with a
        `score` (the relevance to the words), the higher score first, each score in that
        order."""
        rows = np.flatnonzero(passing)
        places = {"verified": self.by_verified, "title": self.title}.get(sort, self.by_effect)
        key = places[rows]
        if score is not None:  # a higher score first; each score in the order asked
            key = (score.max(initial=0) - score[rows]).astype(np.int64) * self.size + key
        start = (page - 1) * per_page
        end = min(start + per_page, len(rows))
        if start >= end:
            return []
        if end < len(rows):  # only the first `end` in order: no full sort of the registry
            first = np.argpartition(key, end - 1)[:end]
            ordered = rows[first[np.argsort(key[first])]]
        else:
            ordered = rows[np.argsort(key)]
        return [int(i) for i in self.ids[ordered[start : start + per_page]]]


def _chosen(values: Sequence[str], chosen: Sequence[str], outside: bool = False) -> np.ndarray:
    """A lookup table, code → chosen: one take per practice instead of a search per value
    (`outside`: one more place, last, for the code -1 of a value outside the vocabulary)."""
    wanted = set(chosen)
    table = np.zeros(len(values) + outside, dtype=bool)
    table[[i for i, v in enumerate(values) if v in wanted]] = True
    return table


def facet_index(
    engine: Engine,
    connection: Connection,
    cache: Cache | None,
    registry: tuple[int, int] | None = None,
    values: str | None = None,
) -> FacetIndex:
    """The registry's facets as they stand, kept in `cache` until the registry or the values
    change (their versions `registry` and `values`, read here if not given); never an older
    version: a reader who just wrote sees the write."""
    if cache is None:
        return read_index(connection)
    version = (*(registry or registry_version(connection)), values or values_version(engine))
    key = (database_key(engine), "practice_facets")
    return cache.answer(key, version, lambda: read_index(connection), exact=True).value


def registry_version(connection: Connection) -> tuple[int, int]:
    """The last audit entry (every write of the registry is audited) and the last practice."""
    audit, practice = connection.execute(
        select(
            select(func.max(AuditEntry.id)).scalar_subquery(),
            select(func.max(Practice.id)).scalar_subquery(),
        )
    ).one()
    return audit or 0, practice or 0


def read_index(connection: Connection) -> FacetIndex:
    """The keys of every practice, read with the driver and coded column by column (no object
    per row: a registry of 100,000 practices is read in a fraction of a second)."""
    p, r, i = Practice.__table__.c, PracticeRegion.__table__.c, PracticeIndicator.__table__.c
    keys = _frame(connection, select(p.id, p.sector, p.ai_kind, p.stage, p.effect,
                                     p.verified_at).order_by(p.id))  # fmt: skip
    ids = keys["id"].to_numpy(dtype=np.int64)
    verified = pd.to_datetime(keys["verified_at"]).to_numpy(dtype="datetime64[D]").astype(np.int64)
    effect = pd.to_numeric(keys["effect"]).to_numpy(dtype=np.float64, na_value=np.nan)
    row_of = np.full(int(ids.max(initial=0)) + 2, -1, dtype=np.int32)  # the last: any id above
    row_of[ids] = np.arange(len(ids), dtype=np.int32)
    return FacetIndex(
        ids=ids,
        row_of=row_of,
        sector=_codes(keys["sector"], SECTORS),
        kind=_codes(keys["ai_kind"].fillna(NOT_AI), KINDS),
        stage=_codes(keys["stage"], STAGES),
        effect=effect,
        verified=verified,
        title=_places(ids, _frame(connection, select(p.id).order_by(p.title, p.id))["id"]),
        by_effect=_place_of(np.lexsort([ids, np.where(np.isnan(effect), np.inf, -effect)])),
        by_verified=_place_of(np.lexsort([ids, -verified])),
        regions=_links(ids, _frame(connection, select(r.practice_id, r.region))),
        indicators=_links(ids, _frame(connection, select(i.practice_id, i.indicator))),
    )


def _frame(connection: Connection, statement) -> pd.DataFrame:
    """The rows as the driver gives them (a parameterless statement), column by column: handed
    row objects, pandas probes each for attributes, ten times the read itself."""
    sql = str(statement.compile(dialect=connection.dialect))
    cursor = connection.connection.cursor()  # the driver's own: plain tuples
    try:
        cursor.execute(sql)
        names = [d[0] for d in cursor.description]
        columns = list(zip(*cursor.fetchall(), strict=True)) or [()] * len(names)
    finally:
        cursor.close()
    return pd.DataFrame(
        {n: pd.Series(c, dtype=object) for n, c in zip(names, columns, strict=True)}
    )


def _place_of(order: np.ndarray) -> np.ndarray:
    """Each row's place in an order given as the rows in that order."""
    places = np.empty(len(order), dtype=np.int64)
    places[order] = np.arange(len(order))
    return places


def _places(ids: np.ndarray, ordered: pd.Series) -> np.ndarray:
    """Each practice's place in an order the database gave (a collation Python does not know)."""
    owners = ordered.to_numpy(dtype=np.int64)
    rows = np.searchsorted(ids, owners)
    known = rows < len(ids)
    known[known] &= ids[rows[known]] == owners[known]  # one written between the two reads
    places = len(owners) + np.arange(len(ids), dtype=np.int64)  # one written in between: last
    places[rows[known]] = np.flatnonzero(known)
    return places


def _codes(column: pd.Series, values: tuple[str, ...]) -> np.ndarray:
    """Each value's place in `values` (-1 for one outside it)."""
    return pd.Categorical(column, categories=values).codes.astype(np.intp)  # as bincount takes


def _links(ids: np.ndarray, pairs: pd.DataFrame) -> Links:
    owners = pairs.iloc[:, 0].to_numpy(dtype=np.int64)
    codes, values = pd.factorize(pairs.iloc[:, 1], sort=True)
    rows = np.searchsorted(ids, owners)
    known = rows < len(ids)
    known[known] &= ids[rows[known]] == owners[known]
    rows, codes = rows[known], codes[known].astype(np.intp)  # as bincount takes them
    order = np.lexsort([codes, rows])
    rows, codes = rows[order], codes[order]
    starts = np.searchsorted(rows, np.arange(len(ids) + 1))
    return Links(rows, codes, tuple(values), starts)
