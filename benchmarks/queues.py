"""An operator's work queue over 10,000 open cases of its body (goal: under 100 ms), on the
SQLite default and on a throwaway PostgreSQL cluster where its binaries are installed.

The database holds 100,000 cases: 10,000 open ones of the measured body, 30,000 open ones of
four other bodies, 5,000 unrouted (the triage queue) and the rest answered or closed, so the
query has to find its rows, not read the table. A call is what the API does: the first page
(50 cases, overdue first, then by time left) and the counts of overdue and total. Medians of
REPEAT calls on one core, after one warm-up call; the p95 beside it.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks.timing import RESULTS, one_core, timed

REPEAT = 30
TOTAL = 100_000
OPEN_OF_BODY = 10_000
BODIES = ("b0", "b1", "b2", "b3", "b4")
NOW = datetime(2026, 3, 10, 9, 0)
TESTS = Path(__file__).resolve().parents[1] / "tests"


def _rows() -> list[dict]:
    rng = random.Random(13)
    open_statuses = ("registered", "forwarded", "in_progress", "extended")
    rows = []
    for n in range(TOTAL):
        if n < OPEN_OF_BODY:
            body, status = "b0", rng.choice(("submitted", *open_statuses))
        elif n < OPEN_OF_BODY + 30_000:
            body, status = BODIES[1 + n % 4], rng.choice(open_statuses)
        elif n < OPEN_OF_BODY + 35_000:
            body, status = None, "submitted"
        else:
            body, status = rng.choice(BODIES), rng.choice(("answered", "rated", "closed"))
        submitted = NOW - timedelta(hours=rng.randint(1, 60 * 24))
        rows.append(
            {
                "kind": "appeal",
                "category": "roads.pits.yard",
                "region": "RU-TA",
                "text": f"Яма во дворе дома {n}, " + "глубокая " * rng.randint(1, 60),
                "channel": "web",
                "status": status,
                "body": body,
                "submitted_at": submitted,
                "register_by": submitted + timedelta(days=3),
                "due_at": None if status == "submitted" else submitted + timedelta(days=33),
                "tracking_sha256": f"{n:064x}",
                "content_sha256": f"{n:064x}",
                "updated_at": submitted,
            }
        )
    return rows


def _fill(url: str) -> None:
    from sqlalchemy import insert, text

    from tsifra.store import make_engine, session_scope, upgrade
    from tsifra.store.models import Body, Case
    from tsifra.store.units import sync_reference_units

    engine = make_engine(url)
    upgrade(engine)
    sync_reference_units(engine)
    with session_scope(engine) as session:
        session.execute(
            insert(Body),
            [
                {"code": b, "region": "RU-TA", "name_ru": f"Орган {b}", "kind": "regional"}
                for b in BODIES
            ],
        )
        rows = _rows()
        for start in range(0, len(rows), 10_000):
            session.execute(insert(Case), rows[start : start + 10_000])
    with engine.begin() as connection:
        connection.execute(text("ANALYZE"))
    engine.dispose()


def _measure(url: str) -> dict[str, float]:
    from tsifra.accounts.users import Account
    from tsifra.cases.queues import body_queue, triage_queue
    from tsifra.store import make_engine

    engine = make_engine(url)
    operator = Account(1, "op", "Оператор", "operator", "RU-TA", "b0")
    triager = Account(2, "tri", "Оператор", "operator", "RU-TA", None)
    calls = {
        "body queue, first page (10,000 open)": lambda: body_queue(engine, operator, now=NOW),
        "body queue, page 100": lambda: body_queue(engine, operator, now=NOW, offset=4_950),
        "triage queue, first page (5,000)": lambda: triage_queue(engine, triager, "RU-TA", now=NOW),
    }
    first = body_queue(engine, operator, now=NOW)
    assert first.total == OPEN_OF_BODY, first.total
    figures = {}
    with one_core():
        for name, call in calls.items():
            call()
            times = sorted(timed(call, REPEAT))
            figures[name] = {
                "median_ms": statistics.median(times) * 1000,
                "p95_ms": times[int(0.95 * (len(times) - 1))] * 1000,
            }
    engine.dispose()
    return figures


def _postgres() -> tuple[object, str] | None:
    sys.path.insert(0, str(TESTS))
    import postgres  # tests/postgres.py: a throwaway cluster from Debian's binaries

    bin_dir = postgres.find_bin()
    if bin_dir is None:
        return None
    cluster = postgres.start(bin_dir)
    return cluster, cluster.url


def run() -> None:
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as home:
        os.environ.setdefault("TSIFRA_HOME", home)
        url = f"sqlite:///{home}/queues.db"
        _fill(url)
        results["SQLite"] = _measure(url)
    started = _postgres()
    if started is not None:
        cluster, url = started
        try:
            _fill(url)
            results["PostgreSQL"] = _measure(url)
        finally:
            cluster.stop()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "queues.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    lines = [
        f"Work queues over {TOTAL:,} cases ({OPEN_OF_BODY:,} open of the measured body); "
        "goal: a body's queue under 100 ms. Medians and p95 of "
        f"{REPEAT} calls on one core (`python -m benchmarks queues`).",
        "",
        "| database | call | median ms | p95 ms |",
        "|---|---|---|---|",
    ]
    for database, figures in results.items():
        for name, f in figures.items():
            lines.append(f"| {database} | {name} | {f['median_ms']:.1f} | {f['p95_ms']:.1f} |")
    if "PostgreSQL" not in results:
        lines += ["", "PostgreSQL: not measured (no server binaries on this machine)."]
    (RESULTS / "queues.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
