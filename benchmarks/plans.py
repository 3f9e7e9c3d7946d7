"""A region's plan on the demo (goal: under 1 s): its candidates — the gaps by index points at
stake with the practices that moved each elsewhere — and the index and place expected with
three chosen practices (what-if on the forecast for the target year), as the plan's page
computes them.

The demo is loaded into a SQLite file in a temporary folder, with its practices; where the
demo has fewer than PRACTICES, synthetic ones are added in its regions, linked to its
indicators, put to use in the middle of its history, so their effects are measured from the
demo's own values. Two cases are timed: warm (the application's cache already holds the
published rating's forecast, as after the first visit of any region page) and cold (a new
cache each call: the forecast is computed again). Median and p95 of REPEAT calls on one core.
"""

from __future__ import annotations

import json
import os
import platform
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from benchmarks.timing import RESULTS, one_core, timed

REGION = "RU-TA"
PRACTICES = 2_000
REPEAT_WARM = 30
REPEAT_COLD = 5
TARGET_S = 1.0
TODAY = date(2026, 11, 30)


def run() -> None:
    os.environ.setdefault("TSIFRA_PASSWORD_HASH", "fast")
    from tsifra.demo.store import load_demo
    from tsifra.store import make_engine
    from tsifra.store.migrate import upgrade

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tsifra-bench-plans-") as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'demo.db'}")
        upgrade(engine)
        begun = time.perf_counter()
        load_demo(engine, password="bench-password-123", today=TODAY)
        load_s = time.perf_counter() - begun
        added = add_practices(engine, PRACTICES)
        with one_core():
            rows, facts = bench(engine)
        engine.dispose()
    figures = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "cpu_cores": os.cpu_count(),
        "region": REGION,
        "demo_load_s": load_s,
        "practices_added": added,
        **facts,
        "rows": rows,
        "suite_s": time.perf_counter() - started,
    }
    write(figures)


def add_practices(engine, wanted: int) -> int:
    """Synthetic practices in the demo's regions up to `wanted`, each linked to two indicators,
    in use from the middle of the demo's history; their effects are then measured."""
    from sqlalchemy import func, insert, select

    from tsifra.practices.effects import refresh_effects
    from tsifra.reference import load_regions
    from tsifra.store import (
        Practice,
        PracticeIndicator,
        PracticeRegion,
        PracticeReplication,
        PracticeStage,
        session_scope,
    )
    from tsifra.store.methodologies import stored_methodology

    with engine.connect() as connection:
        have = connection.scalar(select(func.count(Practice.id))) or 0
    missing = max(0, wanted - have)
    if missing:
        rng = random.Random(14)
        regions = list(load_regions().index)
        codes = list(stored_methodology(engine, "ru-digital-maturity").methodology.indicator_codes)
        at = datetime(2025, 1, 10)
        with session_scope(engine) as session:
            first = (session.scalar(select(func.max(Practice.id))) or 0) + 1
            ids = range(first, first + missing)
            session.execute(
                insert(Practice),
                [
                    {"id": i, "title": f"Практика {i}", "sector": "health",
                     "stage": "production", "capex": rng.uniform(1e6, 50e6),
                     "opex": rng.uniform(1e5, 5e6), "verified_at": date(2026, 3, 1),
                     "created_at": at, "updated_at": at, "synthetic": True}
                    for i in ids
                ],
            )  # fmt: skip
            session.execute(
                insert(PracticeRegion),
                [{"practice_id": i, "region": rng.choice(regions)} for i in ids],
            )
            session.execute(
                insert(PracticeStage),
                [{"practice_id": i, "stage": "pilot", "since": date(2025, 1, 10), "at": at}
                 for i in ids],
            )  # fmt: skip
            session.execute(
                insert(PracticeIndicator),
                [{"practice_id": i, "indicator": c} for i in ids for c in rng.sample(codes, 2)],
            )
            session.execute(
                insert(PracticeReplication),
                [{"practice_id": i, "region": rng.choice(regions), "started_on": date(2025, 6, 1),
                  "status": "production", "evidence_kind": "act", "evidence_number": f"{i}",
                  "evidence_date": date(2025, 6, 1), "verified_at": date(2026, 3, 1),
                  "created_at": at}
                 for i in ids if rng.random() < 0.3],
            )  # fmt: skip
    refresh_effects(engine)
    return missing


def bench(engine) -> tuple[list[dict], dict]:
    from tsifra.kernel.cache import Cache
    from tsifra.plans.candidates import candidates
    from tsifra.plans.expected import expected_index, plan_changes
    from tsifra.plans.plans import default_value

    year = TODAY.year + 1

    def plan_page(cache: Cache) -> tuple:
        found = candidates(engine, REGION, year, lang="ru", cache=cache, today=TODAY)
        chosen = [(g, g.practices[0]) for g in found.indicators if g.practices][:3]
        values = [(g.indicator, default_value(g, p)) for g, p in chosen]
        directions = {g.indicator: g.direction for g in found.indicators}
        changes = plan_changes(values, directions)
        expected = expected_index(engine, REGION, year, changes, methodology=found.methodology,
                                  lang="ru", cache=cache)  # fmt: skip
        return found, expected

    warm_cache = Cache(background=False)
    found, expected = plan_page(warm_cache)  # warm-up: the forecast is now kept
    warm = timed(lambda: plan_page(warm_cache), REPEAT_WARM)
    candidates_only = timed(
        lambda: candidates(engine, REGION, year, lang="ru", cache=Cache(background=False),
                           today=TODAY),
        REPEAT_COLD,
    )  # fmt: skip
    cold = timed(lambda: plan_page(Cache(background=False)), REPEAT_COLD)
    warm_cache.close()
    rows = [
        row("plan page, warm cache (forecast kept)", warm),
        row("plan page, cold cache (forecast computed)", cold),
        row("candidates only, cold cache", candidates_only),
    ]
    facts = {
        "gaps": len(found.indicators),
        "candidates": sum(len(g.practices) for g in found.indicators),
        "first_gap": found.indicators[0].indicator if found.indicators else None,
        "expected_index_before": expected.index_before,
        "expected_index_after": expected.index_after,
        "expected_rank_before": expected.rank_before,
        "expected_rank_after": expected.rank_after,
    }
    return rows, facts


def row(call: str, times: list[float]) -> dict:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    median = statistics.median(times)
    return {"call": call, "runs": len(times), "median_s": median, "p95_s": p95,
            "target_met": p95 < TARGET_S}  # fmt: skip


def write(figures: dict) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "plans.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    lines = [
        f"A region's plan on the demo ({figures['region']}, target year {TODAY.year + 1}): "
        f"candidates and the index expected with three chosen practices; goal under "
        f"{TARGET_S:.0f} s. Measured {figures['measured_at']} with `python -m benchmarks plans` "
        f"on one of {figures['cpu_cores']} cores (shared), SQLite; demo loaded in "
        f"{figures['demo_load_s']:.0f} s, {figures['practices_added']:,} synthetic practices "
        f"added; {figures['gaps']} gaps, {figures['candidates']} candidates.",
        "",
        "| call | runs | median ms | p95 ms | under 1 s |",
        "|---|---|---|---|---|",
    ]
    for r in figures["rows"]:
        lines.append(
            f"| {r['call']} | {r['runs']} | {1000 * r['median_s']:.0f} | "
            f"{1000 * r['p95_s']:.0f} | {'yes' if r['target_met'] else 'no'} |"
        )
    lines += ["", f"Whole suite: {figures['suite_s']:.0f} s."]
    (RESULTS / "plans.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
