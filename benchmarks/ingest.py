"""The ingest benchmark: one million indicator values from a CSV file into the embedded SQLite.

Each run is a separate process on a fresh database, so the peak memory (ru_maxrss of the child,
read right after the first ingest) is the ingest's own, Python and libraries included. Time is
measured end to end inside the child: reading, validating, comparing with stored values and
writing the batch.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from benchmarks.panel import benchmark_methodology
from benchmarks.timing import RESULTS
from tsifra.kernel.periods import period_range
from tsifra.reference import load_regions

# 83 subjects × 60 indicators × 201 months = 1,000,980 values. Months from 2005: values before
# 2000 are refused as typos (kernel.periods), and 201 quarters would reach back to 1975.
N_PERIODS = 201
RUNS = 3

CHILD = """
import json, resource, sys, time
start = time.perf_counter()
from tsifra.values.ingest import ingest_file
from tsifra.store.methodologies import store_methodology
from tsifra.store import make_engine, upgrade
url, methodology, data = sys.argv[1:4]
engine = make_engine(url)
upgrade(engine)
store_methodology(engine, methodology)
ready = time.perf_counter()
report = ingest_file(engine, data, "bench", methodology="bench")
first = time.perf_counter() - ready
peak_first = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
ready = time.perf_counter()
again = ingest_file(engine, data, "bench", methodology="bench")
second = time.perf_counter() - ready
print(json.dumps({
    "ingest_s": first, "reingest_unchanged_s": second, "new": report.new,
    "unchanged_again": again.unchanged,
    "peak_rss_mb": peak_first,
    "peak_rss_mb_after_reingest": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def write_inputs(folder: Path) -> tuple[Path, Path, int]:
    m = benchmark_methodology()
    methodology = folder / "bench.yaml"
    methodology.write_text(
        yaml.safe_dump(m.model_dump(mode="json", exclude_none=True), allow_unicode=True),
        encoding="utf-8",
    )
    regions = load_regions().index.to_numpy()
    periods = period_range("2005-01", "2025-12")[:N_PERIODS]
    codes = m.indicator_codes
    rng = np.random.default_rng(11)
    n = len(periods) * len(regions) * len(codes)
    frame = pd.DataFrame(
        {
            "unit": np.tile(np.repeat(regions, len(codes)), len(periods)),
            "period": np.repeat(periods, len(regions) * len(codes)),
            "indicator": np.tile(codes, len(periods) * len(regions)),
            "value": np.round(rng.lognormal(3, 0.6, size=n), 3),
        }
    )
    data = folder / "values.csv"
    frame.to_csv(data, index=False)
    return methodology, data, n


def run() -> None:
    with tempfile.TemporaryDirectory(prefix="tsifra-bench-ingest-") as tmp:
        folder = Path(tmp)
        methodology, data, n = write_inputs(folder)
        runs = []
        for k in range(RUNS):
            url = f"sqlite:///{folder / f'run{k}.db'}"
            out = subprocess.run(
                [sys.executable, "-c", CHILD, url, str(methodology), str(data)],
                check=True,
                capture_output=True,
                text=True,
            )
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
            assert runs[-1]["new"] == n and runs[-1]["unchanged_again"] == n
        size_mb = data.stat().st_size / 2**20
    figures = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "values": n,
        "file_mb": round(size_mb, 1),
        "database": "SQLite (embedded default)",
        "ingest_median_s": statistics.median(r["ingest_s"] for r in runs),
        "reingest_unchanged_median_s": statistics.median(r["reingest_unchanged_s"] for r in runs),
        "peak_rss_mb_max": max(r["peak_rss_mb"] for r in runs),
        "peak_rss_mb_reingest_max": max(r["peak_rss_mb_after_reingest"] for r in runs),
        "runs": runs,
        "target": "under 10 s, peak memory under 1 GB",
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "ingest.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    table = "\n".join(
        [
            "| benchmark | median | peak memory | target |",
            "|---|---|---|---|",
            f"| ingest {n:,} values from CSV ({size_mb:.0f} MB) into SQLite, new batch | "
            f"{figures['ingest_median_s']:.2f} s | {figures['peak_rss_mb_max']:.0f} MB | "
            "< 10 s, < 1 GB |",
            f"| the same file again (every value unchanged, nothing written) | "
            f"{figures['reingest_unchanged_median_s']:.2f} s | "
            f"{figures['peak_rss_mb_reingest_max']:.0f} MB | — |",
        ]
    )
    (RESULTS / "ingest.md").write_text(
        f"Measured {figures['measured_at']} with `make bench` ({RUNS} runs, each a fresh process "
        f"and database).\n\n{table}\n",
        encoding="utf-8",
    )
    print(table)
