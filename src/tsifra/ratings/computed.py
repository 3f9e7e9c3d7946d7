"""One computed index, whatever it was computed from: the object every analysis takes.

An analysis (explain, rank intervals, sensitivity, forecast, what-if) needs the methodology, the
engine's `Result` with every step's panel, and the unit list the result was computed with (the
attributes imputation groups by). It does not care whether these came from files or from a
stored run, so there are exactly two loaders — `from_files` (validated as `compute_index` does)
and `from_run` (a stored run recomputed from its methodology version and revision set) — and
every analysis is written once, over `ComputedIndex`. The CLI and the web then analyse either.

A stored run never changes, so its recomputation is kept per (database, run id): the dashboard
pays for it once, not on every page view.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from tsifra.engine import Result
from tsifra.kernel.cache import Cache, kept
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.methodology import Methodology
from tsifra.ratings.compute import compute_index
from tsifra.ratings.published import rated_period, run_for
from tsifra.ratings.stored import recompute_run
from tsifra.store.methodologies import stored_methodology
from tsifra.store.versions import database_key
from tsifra.values.ingest import unit_table

Source = str | Path | pd.DataFrame


@dataclass(frozen=True)
class Provenance:
    """What the index was computed from, enough to cite it or compute it again.

    From files: the file names (`files`). From a stored run: the run, its methodology version
    (row and SHA-256), the moment the data were read as of, and the fingerprint of the exact set
    of revisions read.
    """

    methodology_version: str
    files: tuple[str, ...] = ()
    run_id: int | None = None
    methodology_sha256: str | None = None
    as_of: datetime | None = None
    period: str | None = None  # the period whose scores the run stores (None: every period)
    revision_count: int | None = None
    revision_set_sha256: str | None = None

    @property
    def stored(self) -> bool:
        return self.run_id is not None

    def fields(self) -> dict[str, object]:
        """The known facts as flat text-friendly pairs, for the settings of an export."""
        facts = {
            "source_files": ", ".join(self.files) or None,
            "source_run": self.run_id,
            "source_period": self.period,
            "methodology_sha256": self.methodology_sha256,
            "data_as_of": self.as_of.isoformat() if self.as_of else None,
            "revisions_read": self.revision_count,
            "revision_set_sha256": self.revision_set_sha256,
        }
        return {key: value for key, value in facts.items() if value is not None}


@dataclass(frozen=True)
class LeftOut:
    """One value a computation did without, and why: `conflict` — sources claim different
    values and nobody has chosen which holds (`claims`: each source with its value)."""

    unit: str
    period: str
    indicator: str
    reason: str
    claims: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class ComputedIndex:
    """The methodology, the engine's result and the unit list, with where they came from.

    `synthetic`: computed from the demo's synthetic data, so whoever shows an answer built on it
    must mark it. `left_out`: the values of a stored run left out because sources disagree on
    them (unit, period, indicator, reason, claims; see `values.revisions.EffectiveValues`);
    whoever shows a unit's answer says which of its values were left out. Callers must not
    modify the frames (a stored run's index is shared).
    """

    methodology: Methodology
    result: Result
    units: pd.DataFrame | None  # indexed by unit code: group columns, population
    provenance: Provenance
    synthetic: bool = False
    left_out: pd.DataFrame | None = None

    def left_out_of(self, unit: str | None = None) -> list[LeftOut]:
        """The values left out of this computation (of `unit` only, when given), oldest period
        first; empty when nothing was disputed."""
        if self.left_out is None or self.left_out.empty:
            return []
        rows = self.left_out if unit is None else self.left_out[self.left_out["unit"] == unit]
        return [
            LeftOut(r.unit, r.period, r.indicator, r.reason, tuple(r.claims))
            for r in rows.itertuples(index=False)
        ]

    @property
    def periods(self) -> tuple[str, ...]:
        return self.result.periods

    @property
    def run_id(self) -> int | None:
        return self.provenance.run_id


class OverIndex:
    """What every analysis's answer over one computed index tells whoever shows it: mark demo
    data, cite the run. Subclasses are dataclasses with an `index` field."""

    index: ComputedIndex

    @property
    def synthetic(self) -> bool:
        """Demo data: whoever shows this must mark it."""
        return self.index.synthetic

    @property
    def run_id(self) -> int | None:
        return self.index.run_id

    @property
    def methodology(self) -> str:
        return self.index.methodology.id

    def left_out_of(self, unit: str | None = None) -> list[LeftOut]:
        """The disputed values the index did without (`ComputedIndex.left_out_of`)."""
        return self.index.left_out_of(unit)


def from_files(
    methodology: str | Path | Methodology,
    data: Source,
    units: Source | None = None,
    sheet: str | None = None,
) -> ComputedIndex:
    """Validate the files and compute every period, as `index compute` does; every problem with
    the methodology, the unit list or any data row comes back together as `ValidationFailed`.

    `data` may also be a table of text cells as `values.read_table` returns it; it is synthetic
    when its `attrs` say so.
    """
    run = compute_index(methodology, data, units, sheet=sheet)
    files = tuple(str(f) for f in (data, units) if isinstance(f, str | Path))
    synthetic = bool(getattr(data, "attrs", {}).get("synthetic", False))
    provenance = Provenance(methodology_version=run.methodology.version, files=files)
    return ComputedIndex(run.methodology, run.result, run.units, provenance, synthetic)


def from_run(engine: Engine, run_id: int, cache: Cache | None = None) -> ComputedIndex:
    """A stored run computed again in memory (nothing written) with its own methodology version
    and revisions: the full result behind the stored scores. A run never changes, so `cache`
    keeps it per (database, run id) for good."""
    key = (database_key(engine), "run", run_id)
    return kept(cache, key, 0, lambda: _recomputed(engine, run_id)).value


def _recomputed(engine: Engine, run_id: int) -> ComputedIndex:
    run = recompute_run(engine, run_id)
    m = run.version.methodology
    provenance = Provenance(
        methodology_version=m.version,
        run_id=run_id,
        methodology_sha256=run.version.sha256,
        as_of=run.as_of,
        period=run.period,
        revision_count=len(run.values.revision_ids),
        revision_set_sha256=run.values.fingerprint,
    )
    units = unit_table(engine)
    return ComputedIndex(m, run.result, units, provenance, run.values.synthetic, run.left_out)


def published_run(engine: Engine, methodology: str, period: str | None = None) -> tuple[int, str]:
    """The run the public rating of `period` shows (the latest rated period by default), and that
    period: the newest stored run holding the period's scores. An unknown period is a problem."""
    period = rated_period(engine, methodology, period)
    return run_for(engine, methodology, period), period


def from_published(
    engine: Engine, methodology: str, period: str | None = None, cache: Cache | None = None
) -> ComputedIndex:
    """`from_run` of the run the public rating of `period` shows (the latest by default)."""
    return from_run(engine, published_run(engine, methodology, period)[0], cache)


def from_upload(
    engine: Engine, methodology: str, filename: str | None, data: bytes
) -> ComputedIndex:
    """A data file sent through the API, computed with the methodology version kept in the
    database and its unit list; nothing is written to the database.

    The bytes go through `from_files`, so the same validation applies; problems name the file as
    the person knows it, never the temporary copy. `data` longer than the upload limit of
    `values.uploads` is refused before anything is parsed.
    """
    from tsifra.values.reading import SUFFIXES
    from tsifra.values.uploads import MAX_UPLOAD

    name = Path(filename or "upload.csv").name or "upload.csv"
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationFailed([Problem("unsupported_format", file=name, value=suffix or name)])
    if len(data) > MAX_UPLOAD:
        limit = MAX_UPLOAD // 2**20
        raise ValidationFailed([Problem("too_large", file=name, params={"limit_mb": limit})])
    m = stored_methodology(engine, methodology).methodology
    units = unit_table(engine)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            index = from_files(m, path, units)
        except ValidationFailed as failed:
            renamed = [replace(p, file=name) if p.file else p for p in failed.problems]
            raise ValidationFailed(renamed) from None
    return replace(index, provenance=replace(index.provenance, files=(name,)))
