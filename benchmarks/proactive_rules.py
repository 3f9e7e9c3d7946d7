"""A flood warning rule over a year of hourly gauge readings for every municipality: 2,000
gauges, one per municipality, × 8,760 hours = 17.52 million readings in one Parquet file.

The levels are synthetic (DuckDB writes them): a base, a spring wave of a height and a date of
each gauge's own, a daily swing and noise, so that most gauges cross their `warning` mark
(some more than once, as the noise plays around the mark), some also `danger`, and some none.
The daily swing and the noise together stay under the hysteresis, so a gauge has about
one episode per level, as a river does. Every 10th municipality has a confirmed subscriber and
a body with an e-mail, so the mails are enqueued too. Timed on one core, on SQLite: the check
of the file against the mart's schema, the read (checked, joined to the rule's gauges, sorted),
the episodes (numpy), the whole first run (notices and mails written), and a re-run over the
same file (nothing new).
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from datetime import datetime
from pathlib import Path

from benchmarks.timing import RESULTS, one_core

GAUGES = 2_000
HOURS = 8_760
NOW = datetime(2026, 1, 1, 6, 0)


def _write_readings(path: Path) -> None:
    import duckdb

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.execute(
        f"""COPY (
            SELECT 'g' || lpad(g::VARCHAR, 4, '0') AS gauge,
                   TIMESTAMP '2025-01-01' + to_hours(h) AS measured,
                   round(400 + (120 + (g * 37) % 200)
                         * exp(-pow((h - (1800 + (g * 7919) % 2400)) / 240.0, 2))
                         + 5 * sin(h / 3.82) + 6 * (hash(g, h) % 1000) / 1000.0, 1)
                   AS level_cm
            FROM range({GAUGES}) t(g), range({HOURS}) s(h)
            ORDER BY gauge, measured
        ) TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)"""
    )
    con.close()


def _rule():
    from tsifra.proactive.rules import parse_rule

    gauges = [
        {
            "gauge": f"g{g:04d}",
            "name": f"Пост {g}",
            "oktmo": [f"{71000000 + g:08d}"],
            "levels": {"warning": 600, "danger": 680},
        }
        for g in range(GAUGES)
    ]
    names = {f"{71000000 + g:08d}": {"name": f"Муниципалитет {g}"} for g in range(GAUGES)}
    document = {
        "rule": "bench-flood",
        "version": "1",
        "kind": "threshold",
        "title": "Паводок",
        "title_en": "Flood",
        "region": "RU-TYU",
        "source": {"mart": "river_gauges"},
        "params": {"hysteresis_cm": 20, "municipalities": names, "gauges": gauges},
    }
    return parse_rule(document, "bench-flood.yaml", "0" * 64)


def _database(url: str) -> None:
    from sqlalchemy import insert

    from tsifra.store import Body, Subscription, make_engine, session_scope, upgrade
    from tsifra.store.units import sync_reference_units

    engine = make_engine(url)
    upgrade(engine)
    sync_reference_units(engine)
    every = range(0, GAUGES, 10)
    with session_scope(engine) as session:
        session.execute(
            insert(Body),
            [
                {"code": f"m{g}", "region": "RU-TYU", "name_ru": f"Администрация {g}",
                 "kind": "municipal", "oktmo": f"{71000000 + g:08d}",
                 "email": f"adm{g}@example.org", "active": True}
                for g in every
            ],
        )  # fmt: skip
        session.execute(
            insert(Subscription),
            [
                {"region": "RU-TYU", "oktmo": f"{71000000 + g:08d}", "email": f"r{g}@example.org",
                 "token_sha256": f"{g:064x}", "created_at": NOW, "confirmed_at": NOW}
                for g in every
            ],
        )  # fmt: skip
    engine.dispose()


def _seconds(fn):
    """Wall and CPU seconds of one call: the machine is shared, so the CPU time (of every
    thread, on the one core the suite is pinned to) is the steadier figure."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return (time.perf_counter() - wall, time.process_time() - cpu), result


def run() -> None:
    from sqlalchemy import func, select

    from tsifra.marts.checks import check_mart
    from tsifra.marts.tableschema import load_table_schema
    from tsifra.proactive.gauges import _files, find_crossings, gauges_of, read_readings
    from tsifra.proactive.runs import run_rule
    from tsifra.store import OutboxMessage, make_engine, session_scope

    figures: dict[str, tuple[float, float]] = {}
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as home:
        os.environ.setdefault("TSIFRA_HOME", home)
        data = Path(home) / "river_gauges.parquet"
        figures["write the readings (DuckDB), s"], _ = _seconds(lambda: _write_readings(data))
        url = f"sqlite:///{home}/proactive.db"
        _database(url)
        rule = _rule()
        gauges = gauges_of(rule)
        with one_core():
            schema = load_table_schema("river_gauges")
            figures["check against the schema, s"], check = _seconds(
                lambda: check_mart(_files(data), schema)
            )
            assert check.ok and check.rows == GAUGES * HOURS, check.problems
            figures["read: checked, joined, sorted, s"], (codes, times, levels) = _seconds(
                lambda: read_readings(data, [g.code for g in gauges])
            )
            figures["episodes (numpy), s"], crossings = _seconds(
                lambda: find_crossings(gauges, codes, times, levels, 20)
            )
            codes = times = levels = None  # the run reads its own
            engine = make_engine(url)
            figures["whole first run, s"], first = _seconds(
                lambda: run_rule(engine, rule, data, now=NOW)
            )
            figures["re-run (nothing new), s"], again = _seconds(
                lambda: run_rule(engine, rule, data, now=NOW)
            )
        with session_scope(engine) as session:
            mails = session.scalar(select(func.count(OutboxMessage.id)))
        engine.dispose()
    assert first.fired == len(crossings) and again.fired == 0
    counts = {
        "readings": first.records,
        "warnings issued": first.fired,
        "warning-level crossings": sum(c.level == "warning" for c in crossings),
        "danger-level crossings": sum(c.level == "danger" for c in crossings),
        "mails enqueued": mails,
    }
    measured_at = datetime.now().astimezone().isoformat(timespec="seconds")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "proactive_rules.json").write_text(
        json.dumps({"measured_at": measured_at, "load_before": load, **figures, **counts}),
        "utf-8",
    )
    lines = [
        f"A flood warning rule over a year of hourly readings of {GAUGES:,} gauges, one per "
        f"municipality ({GAUGES * HOURS:,} readings, one Parquet file), on SQLite, one core "
        f"(`python -m benchmarks proactive_rules`, {measured_at}; 1-minute load average "
        f"before {load:.1f} on this 2-core machine, so wall times are longer than CPU times).",
        "",
        "| step | wall s | CPU s |",
        "|---|---|---|",
        *(
            f"| {name.removesuffix(', s')} | {wall:.2f} | {cpu:.2f} |"
            for name, (wall, cpu) in figures.items()
        ),
        "",
        "| count | |",
        "|---|---|",
        *(f"| {name} | {value:,} |" for name, value in counts.items()),
    ]
    (RESULTS / "proactive_rules.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
