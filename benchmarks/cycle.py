"""The quarterly data cycle's reads on the demo database (83 regions × 20 quarters × 24
indicators): a period's completeness, one region's submission, every region's counts.

Completeness is one grouped count over the stored values, kept in the app's cache until a new
batch arrives, so a page pays it once per batch; the figures here are the uncached cost, what the
first reader after an upload (or a command-line run) pays. Medians of REPEAT calls on one core.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from benchmarks.timing import RESULTS, one_core, timed

REPEAT = 20
TSIFRA = str(Path(sys.executable).with_name("tsifra"))
M = "ru-digital-maturity"


def run() -> None:
    from tsifra.accounts.users import Account
    from tsifra.ratings.published import rated_period, unit_history
    from tsifra.store import make_engine
    from tsifra.values.submission import (
        period_completeness,
        region_submission,
        submissions_by_region,
    )

    analyst = Account(1, "analyst", "Аналитик", "analyst", None)
    today = date(2026, 2, 1)
    with tempfile.TemporaryDirectory() as home:
        env = os.environ | {"TSIFRA_HOME": home}
        subprocess.run([TSIFRA, "demo", "--top", "1"], env=env, check=True, capture_output=True)
        engine = make_engine(f"sqlite:///{home}/tsifra.db")
        cases = {
            "period_completeness": lambda: period_completeness(engine, M),
            "rated_period (default)": lambda: rated_period(engine, M),
            "unit_history RU-TA": lambda: unit_history(engine, M, "RU-TA"),
            "region_submission RU-TA 2025Q4": lambda: region_submission(
                engine, analyst, "RU-TA", M, "2025Q4", today
            ),
            "submissions_by_region 2025Q4": lambda: submissions_by_region(
                engine, analyst, M, "2025Q4", today
            ),
        }
        figures = {}
        with one_core():
            for name, call in cases.items():
                call()
                figures[name] = statistics.median(timed(call, REPEAT)) * 1000
        engine.dispose()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "cycle.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")
    lines = ["| read (uncached) | median ms |", "|---|---|"]
    lines += [f"| {name} | {ms:.1f} |" for name, ms in figures.items()]
    (RESULTS / "cycle.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
