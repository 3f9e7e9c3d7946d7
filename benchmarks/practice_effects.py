"""The registry's measured effects over 100,000 practices: one full refresh after the values
changed, and the check every search and plan makes before reading them (nothing changed).

`python -m benchmarks.practice_effects` (SQLite in a temporary folder; the demo panel as the
values, 83 regions × 20 quarters × 24 indicators). The practices are written straight into the
tables: each in one or two regions, linked to one or two indicators, piloted in a random
quarter of 2022–2024.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import insert

from benchmarks.timing import RESULTS, timed
from tsifra.demo.panel import generate_panel
from tsifra.practices.effects import refresh_effects
from tsifra.reference import load_regions
from tsifra.store import (
    Practice,
    PracticeIndicator,
    PracticeRegion,
    PracticeStage,
    make_engine,
    session_scope,
    upgrade,
)
from tsifra.store.methodologies import store_methodology
from tsifra.values.ingest import ingest_frame

PRACTICES = 100_000


def _registry(engine, n: int, indicators: list[str], regions: list[str]) -> None:
    rng = np.random.default_rng(14)
    at = datetime(2026, 1, 1)
    practices, stages, links, places = [], [], [], []
    for pid in range(1, n + 1):
        pilot = date(2022, 1, 1) + timedelta(days=int(rng.integers(0, 1095)))
        practices.append(
            {"id": pid, "title": f"Практика {pid}", "sector": "health", "stage": "pilot",
             "verified_at": date(2026, 1, 1), "created_at": at, "updated_at": at,
             "synthetic": True}
        )  # fmt: skip
        stages.append({"practice_id": pid, "stage": "pilot", "since": pilot, "at": at})
        for code in dict.fromkeys(rng.choice(indicators, size=int(rng.integers(1, 3)))):
            links.append({"practice_id": pid, "indicator": str(code)})
        for code in dict.fromkeys(rng.choice(regions, size=int(rng.integers(1, 3)))):
            places.append({"practice_id": pid, "region": str(code)})
    with session_scope(engine) as session:
        for table, rows in (
            (Practice, practices), (PracticeStage, stages), (PracticeIndicator, links),
            (PracticeRegion, places),
        ):  # fmt: skip
            session.execute(insert(table), rows)


def run() -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'effects.db'}")
        upgrade(engine)
        version = store_methodology(engine, "ru-digital-maturity")
        panel = generate_panel(version.methodology, load_regions())
        ingest_frame(engine, panel, "demo:synthetic", synthetic=True)
        indicators = list(version.methodology.indicator_codes)
        _registry(engine, PRACTICES, indicators, list(load_regions().index))
        cpu = time.process_time()
        [full] = timed(lambda: refresh_effects(engine), 1)
        cpu = time.process_time() - cpu
        check = timed(lambda: refresh_effects(engine), 20)
    lines = [
        f"The registry's measured effects over {PRACTICES:,} practices (SQLite, the demo panel as "
        "the values; `python -m benchmarks practice_effects`).",
        "",
        f"- full refresh after the values changed: {full:.2f} s (this process's CPU {cpu:.2f} s)",
        f"- the check every search and plan makes when nothing changed: median "
        f"{statistics.median(check) * 1000:.1f} ms, max {max(check) * 1000:.1f} ms of 20",
    ]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "practice_effects.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    run()
