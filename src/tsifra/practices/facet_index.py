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

    rows: np.ndarray  # index into FacetIndex.ids
    codes: np.ndarray  # index into values
    values: tuple[str, ...]

    def having(self, chosen: Sequence[str], n: int) -> np.ndarray:
        """Which practices have at least one of the chosen values."""
        wanted = [self.values.index(v) for v in chosen if v in self.values]
        mask = np.zeros(n, dtype=bool)
        mask[self.rows[np.isin(self.codes, wanted)]] = True
        return mask

    def counts(self, passing: np.ndarray) -> dict[str, int]:
        """Practices per value among the passing ones (the values with at least one)."""
        found = np.bincount(self.codes[passing[self.rows]], minlength=len(self.values))
        return {self.values[i]: int(n) for i, n in enumerate(found) if n}


@dataclass(frozen=True)
class FacetIndex:
    ids: np.ndarray  # practice ids, ascending
    sector: np.ndarray  # codes into SECTORS
    kind: np.ndarray  # codes into KINDS
    stage: np.ndarray  # codes into STAGES
    effect: np.ndarray  # the summary of the measured effect, NaN where not measurable
    verified: np.ndarray  # the day last verified, as a day number
    regions: Links
    indicators: Links

    @property
    def size(self) -> int:
        return len(self.ids)

    def among(self, ids: Sequence[int]) -> np.ndarray:
        """Which practices are among `ids` (the full-text matches)."""
        return np.isin(self.ids, np.asarray(ids, dtype=np.int64))

    def closed(self, name: str, chosen: Sequence[str]) -> np.ndarray:
        codes, values = {"sector": (self.sector, SECTORS), "ai_kind": (self.kind, KINDS),
                         "stage": (self.stage, STAGES)}[name]  # fmt: skip
        return np.isin(codes, [values.index(v) for v in chosen if v in values])

    def page(
        self,
        passing: np.ndarray,
        sort: str,
        page: int,
        per_page: int,
        first: np.ndarray | None = None,
    ) -> list[int]:
        """The ids of one page of the passing practices, by measured effect (best first,
        unmeasured last) or by the day verified (latest first); ties by id; the practices
        marked `first` (a title holding every word) before the others."""
        rows = np.flatnonzero(passing)
        if sort == "verified":
            keys = [self.ids[rows], -self.verified[rows]]
        else:
            effect = self.effect[rows]
            keys = [self.ids[rows], np.where(np.isnan(effect), np.inf, -effect)]
        if first is not None:
            keys.append(~first[rows])
        ordered = rows[np.lexsort(keys)]
        start = (page - 1) * per_page
        return [int(i) for i in self.ids[ordered[start : start + per_page]]]


def facet_index(engine: Engine, connection: Connection, cache: Cache | None) -> FacetIndex:
    """The registry's facets as they stand, kept in `cache` until the registry or the values
    change (never an older version: a reader who just wrote sees the write)."""
    if cache is None:
        return read_index(connection)
    version = _version(connection, engine)
    answer = cache.answer((database_key(engine), "practice_facets"), version,
                          lambda: read_index(connection))  # fmt: skip
    return answer.value if answer.fresh else read_index(connection)


def _version(connection: Connection, engine: Engine) -> tuple:
    last = connection.execute(
        select(
            select(func.max(AuditEntry.id)).scalar_subquery(),
            select(func.max(Practice.id)).scalar_subquery(),
        )
    ).one()
    return (*last, values_version(engine))


def read_index(connection: Connection) -> FacetIndex:
    p = Practice
    rows = connection.execute(
        select(p.id, p.sector, p.ai_kind, p.stage, p.effect, p.verified_at).order_by(p.id)
    ).all()
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    sectors = {v: i for i, v in enumerate(SECTORS)}
    kinds = {v: i for i, v in enumerate(KINDS)}
    stages = {v: i for i, v in enumerate(STAGES)}
    return FacetIndex(
        ids=ids,
        sector=np.array([sectors.get(r[1], -1) for r in rows], dtype=np.int16),
        kind=np.array([kinds.get(r[2] or NOT_AI, -1) for r in rows], dtype=np.int16),
        stage=np.array([stages.get(r[3], -1) for r in rows], dtype=np.int16),
        effect=np.array([np.nan if r[4] is None else r[4] for r in rows], dtype=np.float64),
        verified=np.array([r[5].toordinal() for r in rows], dtype=np.int64),
        regions=_links(connection, ids, PracticeRegion.practice_id, PracticeRegion.region),
        indicators=_links(
            connection, ids, PracticeIndicator.practice_id, PracticeIndicator.indicator
        ),
    )


def _links(connection: Connection, ids: np.ndarray, practice_id, value) -> Links:
    pairs = connection.execute(select(practice_id, value)).all()
    values = tuple(sorted({v for _, v in pairs}))
    code = {v: i for i, v in enumerate(values)}
    owners = np.fromiter((p for p, _ in pairs), dtype=np.int64, count=len(pairs))
    rows = np.searchsorted(ids, owners)
    known = (rows < len(ids)) & (ids[np.minimum(rows, len(ids) - 1)] == owners) if len(ids) else (
        np.zeros(len(owners), dtype=bool))  # fmt: skip
    codes = np.fromiter((code[v] for _, v in pairs), dtype=np.int32, count=len(pairs))
    return Links(rows[known], codes[known], values)
