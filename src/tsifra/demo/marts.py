"""Synthetic raw marts of any size, consistent with the demo panel: for demos, tests, benchmarks.

THE DATA ARE SYNTHETIC. Every file carries the Parquet key-value metadata `tsifra.synthetic =
true` (and the demo note), `check_mart` reads it back, and whatever is computed from such a mart
must show `DEMO_MARK` like the demo panel does.

The records are drawn so that each formula's output lands near the demo panel's value of its
indicator for the same region and quarter (`tsifra.demo.generate_panel`, same seed): a message is
answered on time, an application filed online, a permit applied for online with the panel's
probability, and a permit takes a Poisson number of days with the panel's mean. The number of
records of a region is proportional to its population and the same in every quarter, so large
regions land within a point or two of the panel and the smallest are noisy, as real ones are.

Records are generated and written a slice of time at a time (at most `chunk_rows` rows), with
numpy arrays rather than Python objects, so 50 million rows need a few hundred megabytes of
memory, not 50 million rows' worth. Each slice has its own random stream, derived from the seed,
the mart, the quarter and the slice, so the same arguments always give the same files.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from tsifra.demo.panel import DEMO_NOTE, generate_panel
from tsifra.marts.checks import SYNTHETIC_KEY
from tsifra.methodology import load_methodology
from tsifra.reference import load_regions

GENERATOR_VERSION = "2"  # in each file's metadata; bumped when the same seed gives other files
DAY = 86_400  # seconds; timestamps are built as integer seconds, stored in microseconds
MARTS = ("appeals", "service_requests", "building_permits")
SERVICES = (  # a handful of mass socially significant services, by relative demand
    ("child_benefit", 20),
    ("kindergarten_enrolment", 14),
    ("school_enrolment", 12),
    ("housing_subsidy", 9),
    ("disability_parking", 4),
    ("large_family_status", 6),
    ("land_plot_lease", 5),
    ("archive_certificate", 8),
    ("utility_compensation", 10),
    ("sports_facility_booking", 3),
    ("hunting_licence", 2),
    ("adoption_consultation", 1),
)


@dataclass(frozen=True)
class GeneratedMart:
    mart: str
    path: Path
    rows: int


def generate_marts(
    out_dir: str | Path,
    rows: int,
    seed: int = 2024,
    marts: Sequence[str] | None = None,
    start: str = "2021Q1",
    end: str = "2025Q4",
    chunk_rows: int = 1_000_000,
    progress: Callable[[int], None] | None = None,
) -> list[GeneratedMart]:
    """Write `<out_dir>/<mart>.parquet` with exactly `rows` records PER MART (all, or `marts`).

    The marts cover the quarters `start`..`end`; their cut-off is the end of `end`, so records
    after it (answers, completions, decisions) are absent, as in a real extract. `progress` is
    called with the number of rows just written, for a progress bar over `rows * len(marts)`.
    """
    if rows < 0:
        raise ValueError(f"rows must be non-negative, got {rows}")
    if chunk_rows < 1:
        raise ValueError(f"chunk_rows must be positive, got {chunk_rows}")
    names = list(marts) if marts is not None else list(MARTS)
    unknown = [m for m in names if m not in MARTS]
    if unknown:
        raise ValueError(f"no generator for mart(s) {unknown}; known: {', '.join(MARTS)}")
    world = _World.build(seed, start, end)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return [
        _write(out, mart, MARTS.index(mart), rows, world, seed, chunk_rows, progress)
        for mart in names
    ]


@dataclass(frozen=True)
class _World:
    """What every mart is drawn from: regions, quarters and the panel's values."""

    regions: np.ndarray  # ISO codes, sorted
    population: np.ndarray
    starts: np.ndarray  # quarter starts, seconds since the epoch; one more for the cut-off
    panel: pd.DataFrame  # value per (unit, period) row × indicator column

    @classmethod
    def build(cls, seed: int, start: str, end: str) -> _World:
        regions = load_regions().sort_index()
        panel = generate_panel(
            load_methodology("ru-digital-maturity"),
            regions,
            seed=seed,
            start=start,
            end=end,
            missing_share=0.0,  # every cell drawn; the same values as the demo's observed ones
        )
        periods = pd.period_range(start, end, freq="Q")
        edges = [*periods.start_time, periods[-1].end_time.ceil("D")]
        epoch = pd.Timestamp("1970-01-01")
        starts = np.array([(e - epoch) // pd.Timedelta(seconds=1) for e in edges], dtype=np.int64)
        wide = panel.pivot_table(index=["unit", "period"], columns="indicator", values="value")
        return cls(
            regions.index.to_numpy(dtype=str),
            regions["population"].to_numpy(dtype=float),
            starts,
            wide,
        )

    @property
    def cutoff(self) -> int:
        return int(self.starts[-1])

    def values(self, indicator: str, quarter: int) -> np.ndarray:
        """The panel's value of `indicator` for every region in quarter number `quarter`."""
        period = str(pd.Period(pd.Timestamp(self.starts[quarter], unit="s"), freq="Q"))
        index = pd.MultiIndex.from_product([self.regions, [period]])
        return self.panel[indicator].reindex(index).to_numpy(dtype=float)


def _write(
    out: Path,
    mart: str,
    number: int,
    rows: int,
    world: _World,
    seed: int,
    chunk_rows: int,
    progress: Callable[[int], None] | None,
) -> GeneratedMart:
    n_quarters = len(world.starts) - 1
    weights = np.repeat(world.population[:, None], n_quarters, axis=1)
    counts = _allocate(rows, weights)  # region × quarter
    schema = SCHEMAS[mart].with_metadata(
        {
            SYNTHETIC_KEY: "true",
            "tsifra.note": DEMO_NOTE,
            "tsifra.mart": mart,
            "tsifra.seed": str(seed),
            "tsifra.generator": GENERATOR_VERSION,
        }
    )
    path = out / f"{mart}.parquet"
    partial = path.with_suffix(".parquet.partial")  # not a mart until it is complete
    next_id = 1
    labels = [f.name for f in schema if pa.types.is_dictionary(f.type)]
    # Dictionary pages for labels only: for millions of distinct instants they would just be
    # abandoned half-way through each row group, and make every reader decode two encodings.
    with pq.ParquetWriter(partial, schema, compression="snappy", use_dictionary=labels) as writer:
        for q in range(n_quarters):
            total = int(counts[:, q].sum())
            slices = max(1, math.ceil(total / chunk_rows))
            begin, length = world.starts[q], world.starts[q + 1] - world.starts[q]
            for s in range(slices):
                share = counts[:, q] // slices + (s < counts[:, q] % slices)
                window = (begin + length * s // slices, begin + length * (s + 1) // slices)
                rng = np.random.default_rng([seed, number, q, s])
                region = np.repeat(np.arange(len(share), dtype=np.int16), share)
                when = rng.integers(*window, size=len(region), dtype=np.int64)
                order = np.argsort(when, kind="stable")
                region, when = region[order], when[order]
                columns = BUILDERS[mart](rng, region, when, world, q)
                ids = np.arange(next_id, next_id + len(region), dtype=np.int64)
                next_id += len(region)
                table = _table(schema, ids, world.regions, region, columns)
                writer.write_table(table, row_group_size=chunk_rows)
                if progress is not None:
                    progress(len(region))
    partial.replace(path)
    return GeneratedMart(mart, path, rows)


def _allocate(total: int, weights: np.ndarray) -> np.ndarray:
    """Integer counts proportional to `weights` summing exactly to `total` (largest remainders)."""
    share = weights / weights.sum() * total
    counts = np.floor(share).astype(np.int64)
    rest = total - int(counts.sum())
    order = np.argsort(-(share - counts), axis=None, kind="stable")[:rest]
    counts.flat[order] += 1
    return counts


def _appeals(rng, region, when, world: _World, q: int) -> dict[str, pa.Array]:
    """Messages: 10- or 30-day deadlines; answered on time with the panel's probability."""
    n = len(region)
    p_on_time = np.clip(world.values("gov_pos_on_time", q) / 100, 0, 1)[region]
    deadline = when + np.where(rng.random(n) < 0.7, 10, 30) * DAY
    early = when + (rng.uniform(0.05, 1.0, n) * (deadline - when)).astype(np.int64)
    late = deadline + 60 + rng.exponential(7 * DAY, n).astype(np.int64)
    answered = np.where(rng.random(n) < p_on_time, early, late)
    return {
        "channel": _labels(rng.choice(3, n, p=[0.55, 0.30, 0.15]), ["portal", "mobile", "widget"]),
        "created": _times(when),
        "deadline": _times(deadline),
        "answered": _times(answered, answered >= world.cutoff),
    }


def _service_requests(rng, region, when, world: _World, q: int) -> dict[str, pa.Array]:
    """Applications: filed online with the panel's probability, done a few days later."""
    n = len(region)
    p_online = np.clip(world.values("gov_mszu_requests_online", q) / 100, 0, 1)[region]
    names, demand = zip(*SERVICES, strict=True)
    service = rng.choice(len(names), n, p=np.array(demand) / sum(demand))
    completed = when + rng.exponential(5 * DAY, n).astype(np.int64)
    return {
        "service": _labels(service, list(names)),
        "online": pa.array(rng.random(n) < p_online),
        "submitted": _times(when),
        "completed": _times(completed, completed >= world.cutoff),
    }


def _building_permits(rng, region, when, world: _World, q: int) -> dict[str, pa.Array]:
    """Applications by decision time: Poisson days to a decision with the panel's mean.

    Half of the applications of the last 30 days before the cut-off are still pending.
    """
    n = len(region)
    p_online = np.clip(world.values("city_permits_online", q) / 100, 0, 1)[region]
    mean_days = np.clip(world.values("city_permit_days", q), 0, None)[region]
    days = rng.poisson(mean_days)
    day = when // DAY
    # Same-day permits are applied for earlier that day; others at any time of their day.
    into_day = np.where(days == 0, when - day * DAY, DAY)
    submitted = (day - days) * DAY + (rng.random(n) * into_day).astype(np.int64)
    pending = (world.cutoff - when < 30 * DAY) & (rng.random(n) < 0.5)
    outcome = np.where(pending, 2, np.where(rng.random(n) < 0.88, 0, 1))
    return {
        "kind": _labels((rng.random(n) < 0.35).astype(np.int8), ["construction", "commissioning"]),
        "online": pa.array(rng.random(n) < p_online),
        "submitted": _times(submitted),
        "outcome": _labels(outcome, ["issued", "refused", "pending"]),
        "decided": _times(when, pending),
    }


BUILDERS = {
    "appeals": _appeals,
    "service_requests": _service_requests,
    "building_permits": _building_permits,
}
_LABEL = pa.dictionary(pa.int16(), pa.string())  # repeated text: dictionary-encoded, as in Parquet
_TIME = pa.timestamp("us")  # naive UTC; microseconds, which Spark reads (nanoseconds it cannot)
SCHEMAS = {
    "appeals": pa.schema(
        [
            ("appeal_id", pa.int64()),
            ("region", _LABEL),
            ("channel", _LABEL),
            ("created", _TIME),
            ("deadline", _TIME),
            ("answered", _TIME),
        ]
    ),
    "service_requests": pa.schema(
        [
            ("request_id", pa.int64()),
            ("region", _LABEL),
            ("service", _LABEL),
            ("online", pa.bool_()),
            ("submitted", _TIME),
            ("completed", _TIME),
        ]
    ),
    "building_permits": pa.schema(
        [
            ("permit_id", pa.int64()),
            ("region", _LABEL),
            ("kind", _LABEL),
            ("online", pa.bool_()),
            ("submitted", _TIME),
            ("outcome", _LABEL),
            ("decided", _TIME),
        ]
    ),
}


def _table(
    schema: pa.Schema, ids: np.ndarray, codes: np.ndarray, region: np.ndarray, columns: dict
) -> pa.Table:
    arrays = [pa.array(ids), _labels(region, list(codes)), *columns.values()]
    return pa.Table.from_arrays(arrays, schema=schema)


def _labels(indices: np.ndarray, labels: list[str]) -> pa.DictionaryArray:
    return pa.DictionaryArray.from_arrays(
        pa.array(indices.astype(np.int16)), pa.array(labels, pa.string())
    )


def _times(seconds: np.ndarray, missing: np.ndarray | None = None) -> pa.Array:
    return pa.array(seconds * 1_000_000, type=_TIME, mask=missing)
