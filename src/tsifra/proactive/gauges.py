"""Kind `threshold`: a river gauge's water level crossing a level warns the municipalities it
covers — their confirmed subscribers and their bodies, through the outbox, and on `/notices`.

The rule's `params` name the gauges (which municipalities by ОКТМО each covers, and its levels
in centimetres: `warning`, the «неблагоприятное явление» (НЯ), and `danger`, the «опасное
явление» (ОЯ)), the municipalities' names, and `hysteresis_cm`. Keeping the levels in the rule
means a change of a level is a new version of the rule, with its own SHA-256 on every run.

An **episode** of a level begins at the first reading at or above it (the crossing) and ends at
the first later reading more than `hysteresis_cm` below it; so a level hovering around its mark
warns once, and a flood that recedes and comes back warns again. Each level has its own
episodes: crossing `danger` during a `warning` episode is an escalation and a new notice; a
reading that crosses both at once gives only the `danger` notice. One notice per episode, level
and municipality, under the key `flood:<rule>:<gauge>:<level>:<crossing time>:<oktmo>` — without
the rule's version, so a new version of a rule does not warn again of an episode already warned
of — and a re-run over the same or a longer record finds its notices and issues nothing.

A record that begins above a level (a file cut in the middle of a flood) is read as an episode
beginning at its first reading: give a run the season's whole record, as the examples do.

The readings are the `river_gauges` mart (its Table Schema is bundled with the marts), checked by
`marts.checks` and read sorted by DuckDB; the episodes are found over whole arrays with numpy,
never a Python step per reading (a year of hourly readings of 2,000 gauges in seconds:
`benchmarks/proactive_rules.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.marts.checks import check_mart
from tsifra.marts.layout import MartFiles
from tsifra.marts.tableschema import load_table_schema
from tsifra.proactive.notices import deliver, warning_texts
from tsifra.proactive.rules import Rule
from tsifra.proactive.subscriptions import OKTMO
from tsifra.store import ProactiveNotice, session_scope

MART = "river_gauges"
LEVELS = ("warning", "danger")  # in rising order: a higher level is an escalation
GAUGE = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
KEYS_AT_ONCE = 500


@dataclass(frozen=True)
class Gauge:
    code: str
    name: str
    name_en: str
    oktmo: tuple[str, ...]
    levels: dict[str, float]


@dataclass(frozen=True)
class Crossing:
    """A reading that began an episode of a level: the record a warning names."""

    gauge: Gauge
    level: str
    measured: datetime
    level_cm: float
    threshold_cm: float


def params_problems(params: dict) -> list[Problem]:
    problems: list[Problem] = []
    hysteresis = params.get("hysteresis_cm", 0)
    if isinstance(hysteresis, bool) or not isinstance(hysteresis, int | float) or hysteresis < 0:
        problems.append(Problem("pro_gauge_bad_hysteresis", path="hysteresis_cm"))
    names = params.get("municipalities")
    if not isinstance(names, dict) or not names:
        problems.append(Problem("pro_rule_missing", path="municipalities"))
        names = {}
    names = {str(code): name for code, name in names.items()}  # YAML may read a code as a number
    for oktmo, name in names.items():
        where = f"municipalities.{oktmo}"
        if not OKTMO.fullmatch(str(oktmo)):
            problems.append(Problem("pro_gauge_bad_oktmo", path=where, value=str(oktmo)))
        if not isinstance(name, dict) or not str(name.get("name") or "").strip():
            problems.append(Problem("pro_rule_missing", path=f"{where}.name"))
    gauges = params.get("gauges")
    if not isinstance(gauges, list) or not gauges:
        return [*problems, Problem("pro_rule_missing", path="gauges")]
    seen: set[str] = set()
    for i, gauge in enumerate(gauges):
        problems += _gauge_problems(gauge, f"gauges[{i}]", names, seen)
    return problems


def _gauge_problems(gauge: Any, where: str, names: dict, seen: set[str]) -> list[Problem]:
    if not isinstance(gauge, dict):
        return [Problem("pro_rule_not_mapping", path=where)]
    problems = []
    code = str(gauge.get("gauge") or "")
    if not GAUGE.fullmatch(code):
        problems.append(Problem("pro_gauge_bad_code", path=f"{where}.gauge", value=code[:64]))
    elif code in seen:
        problems.append(Problem("pro_gauge_repeated", path=f"{where}.gauge", value=code))
    seen.add(code)
    if not str(gauge.get("name") or "").strip():
        problems.append(Problem("pro_rule_missing", path=f"{where}.name"))
    oktmo = gauge.get("oktmo")
    if not isinstance(oktmo, list) or not oktmo:
        problems.append(Problem("pro_rule_missing", path=f"{where}.oktmo"))
    else:
        for j, code in enumerate(oktmo):
            if str(code) not in names:
                path = f"{where}.oktmo[{j}]"
                problems.append(Problem("pro_gauge_unknown_oktmo", path=path, value=str(code)))
    levels = gauge.get("levels")
    if not isinstance(levels, dict) or not levels:
        return [*problems, Problem("pro_rule_missing", path=f"{where}.levels")]
    for name, value in levels.items():
        path = f"{where}.levels.{name}"
        if name not in LEVELS:
            known = {"known": ", ".join(LEVELS)}
            problems.append(Problem("pro_gauge_bad_level", path=path, value=name, params=known))
        elif isinstance(value, bool) or not isinstance(value, int | float):
            problems.append(Problem("pro_gauge_bad_mark", path=path, value=str(value)[:32]))
    marks = [levels.get(name) for name in LEVELS if isinstance(levels.get(name), int | float)]
    if len(marks) == len(LEVELS) and marks != sorted(set(marks)):
        problems.append(Problem("pro_gauge_levels_order", path=f"{where}.levels"))
    return problems


def gauges_of(rule: Rule) -> list[Gauge]:
    return [
        Gauge(
            code=str(g["gauge"]),
            name=str(g["name"]),
            name_en=str(g.get("name_en") or g["name"]),
            oktmo=tuple(str(o) for o in g["oktmo"]),
            levels={k: float(v) for k, v in g["levels"].items()},
        )
        for g in rule.params["gauges"]
    ]


def run(
    engine: Engine, rule: Rule, data: Path | None, *, run_id: int, now: datetime, actor: str
) -> tuple[int, int]:
    if data is None:
        raise ValidationFailed([Problem("pro_gauge_no_data", file=rule.file, path="source")])
    gauges = gauges_of(rule)
    codes, times, levels = read_readings(data, [g.code for g in gauges])
    crossings = find_crossings(gauges, codes, times, levels, rule.params.get("hysteresis_cm", 0))
    return len(codes), issue(engine, rule, crossings, run_id=run_id, now=now)


def read_readings(data: Path, gauges: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The readings of the rule's gauges, checked against the mart's schema, sorted by gauge and
    time: the gauge's index in `gauges`, the time in microseconds since 1970, the level (cm).
    Readings of gauges the rule does not name are not read."""
    files = _files(data)
    check = check_mart(files, load_table_schema(MART))
    if check.problems:
        raise ValidationFailed(list(check.problems))
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        con.execute("CREATE TEMP TABLE wanted (gauge VARCHAR, ix INTEGER)")
        con.executemany("INSERT INTO wanted VALUES (?, ?)", [(g, i) for i, g in enumerate(gauges)])
        paths = [str(p) for p in files.paths]
        reader = (
            f"read_parquet({paths!r})"
            if files.format == "parquet"
            else f"read_csv({paths!r}, header = true, all_varchar = true)"
        )
        arrays = con.execute(
            f"""SELECT w.ix, epoch_us(CAST(r.measured AS TIMESTAMP)),
                       CAST(r.level_cm AS DOUBLE)
                FROM {reader} r JOIN wanted w ON w.gauge = r.gauge
                ORDER BY w.ix, 2"""
        ).fetchnumpy()
    finally:
        con.close()
    keys = list(arrays)
    return (
        np.asarray(arrays[keys[0]], dtype=np.int32),
        np.asarray(arrays[keys[1]], dtype=np.int64),
        np.asarray(arrays[keys[2]], dtype=np.float64),
    )


def _files(data: Path) -> MartFiles:
    if data.is_dir():
        parts = tuple(sorted(data.glob("*.parquet")))
        return MartFiles(MART, "parquet", data, parts)
    if not data.is_file() or data.suffix.lower() not in (".csv", ".parquet"):
        raise ValidationFailed([Problem("pro_gauge_bad_file", file=data.name)])
    fmt = "parquet" if data.suffix.lower() == ".parquet" else "csv"
    return MartFiles(MART, fmt, data, (data,))


def episode_starts(
    codes: np.ndarray, levels: np.ndarray, marks: np.ndarray, hysteresis: float
) -> np.ndarray:
    """Indices of the readings that begin an episode of a level, over readings sorted by gauge
    and time; `marks[g]` is gauge g's mark for this level (NaN: none).

    A reading at or above the mark puts its gauge in an episode, one more than `hysteresis`
    below takes it out, and any other leaves it as it was: the state is the last such reading's,
    found with a running maximum of their indices, reset where a gauge's readings begin."""
    n = len(codes)
    if n == 0:
        return np.empty(0, dtype=np.int64)
    at = np.arange(n)
    first = np.empty(n, dtype=bool)
    first[0] = True
    np.not_equal(codes[1:], codes[:-1], out=first[1:])
    begins = np.maximum.accumulate(np.where(first, at, 0))
    mark = marks[codes]
    with np.errstate(invalid="ignore"):
        up = levels >= mark
        down = levels < mark - hysteresis
    last = np.maximum.accumulate(np.where(up | down, at, -1))
    inside = (last >= begins) & up[np.maximum(last, 0)]
    before = np.empty(n, dtype=bool)
    before[0] = False
    before[1:] = inside[:-1]
    return np.flatnonzero(inside & (~before | first))


def find_crossings(
    gauges: list[Gauge],
    codes: np.ndarray,
    times: np.ndarray,
    levels: np.ndarray,
    hysteresis: float,
) -> list[Crossing]:
    """Every episode's first reading, per level; a reading beginning a higher level's episode
    gives only that level's (one warning of the worst, not two at once)."""
    starts: dict[str, np.ndarray] = {}
    for level in LEVELS:
        marks = np.array([g.levels.get(level, np.nan) for g in gauges], dtype=np.float64)
        starts[level] = episode_starts(codes, levels, marks, float(hysteresis))
    out: list[Crossing] = []
    for k, level in enumerate(LEVELS):
        higher = [starts[h] for h in LEVELS[k + 1 :]]
        chosen = starts[level]
        if higher:
            chosen = np.setdiff1d(chosen, np.concatenate(higher), assume_unique=True)
        for i in chosen.tolist():
            gauge = gauges[int(codes[i])]
            measured = datetime.fromtimestamp(int(times[i]) / 1e6, UTC).replace(tzinfo=None)
            out.append(Crossing(gauge, level, measured, float(levels[i]), gauge.levels[level]))
    out.sort(key=lambda c: (c.measured, c.gauge.code, LEVELS.index(c.level)))
    return out


def notice_key(rule: Rule, crossing: Crossing, oktmo: str) -> str:
    c = crossing
    return f"flood:{rule.rule}:{c.gauge.code}:{c.level}:{c.measured:%Y%m%dT%H%M%S}:{oktmo}"


def issue(
    engine: Engine, rule: Rule, crossings: list[Crossing], *, run_id: int, now: datetime
) -> int:
    """The notices not issued yet, with their mails, in one transaction; 0 when all exist.

    Two runs at once both try to write the same keys: the loser's transaction fails on the
    unique key and is tried again once, when it finds every notice written and adds nothing."""
    for attempt in (1, 2):
        try:
            with session_scope(engine) as session:
                return _issue(session, rule, crossings, run_id=run_id, now=now)
        except IntegrityError:
            if attempt == 2:
                raise
    return 0


def _issue(
    session: Session, rule: Rule, crossings: list[Crossing], *, run_id: int, now: datetime
) -> int:
    wanted = [(notice_key(rule, c, o), c, o) for c in crossings for o in c.gauge.oktmo]
    keys = [key for key, _, _ in wanted]
    existing: set[str] = set()
    for i in range(0, len(keys), KEYS_AT_ONCE):
        chunk = keys[i : i + KEYS_AT_ONCE]
        existing |= set(
            session.scalars(select(ProactiveNotice.key).where(ProactiveNotice.key.in_(chunk)))
        )
    names = {str(code): name for code, name in rule.params["municipalities"].items()}
    made: list[ProactiveNotice] = []
    for key, crossing, oktmo in wanted:
        if key in existing:
            continue
        record = _record(rule, crossing, oktmo, names[oktmo])
        title, text = warning_texts(record)
        made.append(
            ProactiveNotice(
                key=key,
                rule=rule.rule,
                rule_version=rule.version,
                run_id=run_id,
                kind="flood_warning",
                region=rule.region,
                oktmo=oktmo,
                level=crossing.level,
                title=title[:500],
                text=text,
                record=record,
                recipient=None,
                issued_at=now,
            )
        )
    session.add_all(made)
    session.flush()
    deliver(session, made)
    return len(made)


def _record(rule: Rule, c: Crossing, oktmo: str, name: dict) -> dict[str, Any]:
    """What a notice says caused it: the rule as run and the gauge's reading."""
    return {
        "rule": rule.rule,
        "version": rule.version,
        "rule_sha256": rule.sha256,
        "gauge": c.gauge.code,
        "gauge_name": c.gauge.name,
        "gauge_name_en": c.gauge.name_en,
        "measured": c.measured.isoformat(),
        "level": c.level,
        "level_cm": c.level_cm,
        "threshold_cm": c.threshold_cm,
        "oktmo": oktmo,
        "municipality": str(name["name"]),
        "municipality_en": str(name.get("name_en") or name["name"]),
    }
