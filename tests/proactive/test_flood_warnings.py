"""A flood warning rule run on the recorded gauge data (examples/proactive): each warning once,
to the right municipalities, none where the level stays under; a re-run and a concurrent run
issue nothing new; the mails reach the subscribers and the municipalities' bodies once."""

from __future__ import annotations

import shutil
import threading
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select

from tsifra.kernel.problems import ValidationFailed
from tsifra.outbox.outbox import send_pending
from tsifra.proactive.gauges import episode_starts
from tsifra.proactive.notices import list_notices, read_notice
from tsifra.proactive.rules import load_rule, parse_rule
from tsifra.proactive.runs import file_sha256, run_rule
from tsifra.proactive.subscriptions import confirm, subscribe
from tsifra.store import Body, OutboxMessage, ProactiveNotice, RuleRun, session_scope

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "proactive"
RULE = EXAMPLES / "flood-warning.yaml"
DATA = EXAMPLES / "gauges-2026.csv"
NOW = datetime(2026, 6, 1, 9, 0)
TYUMEN, TYUMEN_DISTRICT, TOBOLSK, TOBOLSK_DISTRICT = "71701000", "71644000", "71710000", "71642000"
ISHIM, YALUTOROVSK = "71705000", "71715000"


def _notices(engine: Engine) -> list[tuple[str, str, str, str]]:
    with session_scope(engine) as session:
        rows = session.scalars(select(ProactiveNotice).order_by(ProactiveNotice.id))
        return [(n.record["gauge"], n.level, n.oktmo, n.record["measured"]) for n in rows]


def test_each_episode_warns_its_municipalities_once(store: Engine) -> None:
    report = run_rule(store, RULE, now=NOW)
    assert (report.rule, report.version, report.records, report.fired) == (
        "flood-warning-tyu",
        "2026.1",
        1472,
        9,
    )
    found = _notices(store)
    by_gauge = {}
    for gauge, level, oktmo, measured in found:
        by_gauge.setdefault(gauge, []).append((level, oktmo, measured[:10]))
    # Tura: warning, danger (escalation), and a second warning after the water fell back
    tura = by_gauge["tura-tyumen"]
    assert sorted({(level, day) for level, _, day in tura}) == [
        ("danger", "2026-04-12"),
        ("warning", "2026-04-07"),
        ("warning", "2026-05-13"),
    ]
    assert {o for _, o, _ in tura} == {TYUMEN, TYUMEN_DISTRICT} and len(tura) == 6
    # Tobolsk hovers around its mark within the hysteresis: one warning per municipality
    assert sorted(by_gauge["tobol-tobolsk"]) == [
        ("warning", TOBOLSK_DISTRICT, "2026-04-10"),
        ("warning", TOBOLSK, "2026-04-10"),
    ]
    # Yalutorovsk jumps over both marks at once: the danger notice only
    assert by_gauge["tobol-yalutorovsk"] == [("danger", YALUTOROVSK, "2026-04-20")]
    # Ishim stays under: nothing, to nobody
    assert "ishim-ishim" not in by_gauge and ISHIM not in {o for *_, o, _ in found}


def test_the_notice_names_its_rule_and_record(store: Engine) -> None:
    report = run_rule(store, RULE, now=NOW)
    notice = list_notices(store, oktmo=YALUTOROVSK)[0]
    assert (notice.rule, notice.rule_version, notice.run_id) == ("flood-warning-tyu", "2026.1", 1)
    record = notice.record
    assert record["gauge"] == "tobol-yalutorovsk" and record["threshold_cm"] == 700.0
    assert record["level_cm"] >= 700 and record["measured"] == "2026-04-20T00:00:00"
    assert record["rule_sha256"] == load_rule(RULE).sha256
    assert "flood-warning-tyu" in notice.text and "2026.1" in notice.text
    assert "720 см" in notice.text and "700 см" in notice.text
    with session_scope(store) as session:
        run = session.get(RuleRun, report.run_id)
        assert run.source == "gauges-2026.csv" and run.source_sha256 == file_sha256(DATA)
        assert run.finished_at is not None and (run.records, run.fired) == (1472, 9)
    assert read_notice(store, notice.id).oktmo == YALUTOROVSK
    assert read_notice(store, 10_000) is None


def test_a_rerun_and_a_new_version_issue_nothing_new(store: Engine, tmp_path: Path) -> None:
    run_rule(store, RULE, now=NOW)
    assert run_rule(store, RULE, now=NOW).fired == 0
    newer = tmp_path / "flood-warning.yaml"
    newer.write_text(RULE.read_text("utf-8").replace('"2026.1"', '"2026.2"'), "utf-8")
    shutil.copy(DATA, tmp_path / DATA.name)
    again = run_rule(store, newer, now=NOW)
    assert (again.version, again.fired) == ("2026.2", 0)  # the same episodes: no second warning
    assert len(_notices(store)) == 9


def test_a_longer_record_warns_only_of_the_new_episode(store: Engine, tmp_path: Path) -> None:
    lines = DATA.read_text("utf-8").splitlines()
    early = [lines[0], *(line for line in lines[1:] if line.split(",")[1] < "2026-05-01")]
    part = tmp_path / "april.csv"
    part.write_text("\n".join(early) + "\n", "utf-8")
    assert run_rule(store, RULE, part, now=NOW).fired == 7  # Tura's May wave not yet recorded
    assert run_rule(store, RULE, DATA, now=NOW).fired == 2  # it now is: its two municipalities


def test_levels_under_the_marks_warn_nobody(store: Engine, tmp_path: Path) -> None:
    calm = tmp_path / "calm.csv"
    calm.write_text(
        "gauge,measured,level_cm\n"
        + "".join(f"tura-tyumen,2026-04-{d:02d} 00:00:00,{600 + d}\n" for d in range(1, 30)),
        "utf-8",
    )
    report = run_rule(store, RULE, calm, now=NOW)
    assert (report.records, report.fired) == (29, 0) and _notices(store) == []


def test_two_runs_at_once_warn_once(store: Engine) -> None:
    reports = []
    errors = []

    def run() -> None:
        try:
            reports.append(run_rule(store, RULE, now=NOW))
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(r.fired for r in reports) == [0, 9]
    assert len(_notices(store)) == 9


def test_a_bad_data_file_is_refused_with_its_rows(store: Engine, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "gauge,measured,level_cm\ntura-tyumen,2026-04-01 00:00:00,abc\ntura-tyumen,вчера,600\n",
        "utf-8",
    )
    with pytest.raises(ValidationFailed) as caught:
        run_rule(store, RULE, bad, now=NOW)
    where = {(p.column, p.row) for p in caught.value.problems}
    assert ("level_cm", 2) in where and ("measured", 3) in where
    assert _notices(store) == []
    with pytest.raises(ValidationFailed):
        run_rule(store, RULE, tmp_path / "missing.csv", now=NOW)


def test_warnings_reach_subscribers_and_bodies_once(store: Engine, smtp) -> None:
    inbox, settings = smtp
    with session_scope(store) as session:
        session.add(
            Body(code="tyu-yalutorovsk", region="RU-TYU", name_ru="Администрация г. Ялуторовска",
                 kind="municipal", oktmo=YALUTOROVSK, email="adm@yalutorovsk.example.org")
        )  # fmt: skip
    token = subscribe(store, "RU-TYU", YALUTOROVSK, "Resident@Example.org", now=NOW)
    subscribe(store, "RU-TYU", ISHIM, "resident@example.org", now=NOW)  # never confirmed
    confirm(store, token)
    send_pending(store, settings)  # the confirmation mails
    inbox.received.clear()
    run_rule(store, RULE, now=NOW)
    run_rule(store, RULE, now=NOW)
    assert send_pending(store, settings).sent == 2
    assert send_pending(store, settings).sent == 0
    assert sorted(inbox.recipients) == [
        ("adm@yalutorovsk.example.org",),
        ("resident@example.org",),
    ]
    mails = {to[0]: message for to, message in inbox.received}
    resident = mails["resident@example.org"]
    assert "Паводок" in resident["Subject"] and "Ялуторовск" in resident["Subject"]
    text = resident.get_content()
    assert "/notices/unsubscribe/1-" in text and "flood-warning-tyu" in text
    assert "unsubscribe" not in mails["adm@yalutorovsk.example.org"].get_content()
    with session_scope(store) as session:
        keys = list(session.scalars(select(OutboxMessage.key).order_by(OutboxMessage.id)))
    n = list_notices(store, oktmo=YALUTOROVSK)[0].id
    assert [k for k in keys if k.startswith("notice:")] == [
        f"notice:{n}:s1",
        f"notice:{n}:btyu-yalutorovsk",
    ]


def test_episodes_keep_to_their_gauge() -> None:
    """The running state is reset where a gauge's readings begin: a gauge still above its mark
    when its readings end does not carry its episode into the next gauge's."""
    codes = np.array([0, 0, 0, 1, 1, 1])
    levels = np.array([10.0, 5.0, 9.0, 9.0, 3.0, 10.0])
    marks = np.array([8.0, 8.0])
    assert episode_starts(codes, levels, marks, 2.0).tolist() == [0, 2, 3, 5]
    assert episode_starts(codes, levels, marks, 10.0).tolist() == [0, 3]
    assert episode_starts(codes, levels, np.array([np.nan, 8.0]), 2.0).tolist() == [3, 5]


def _episodes_step_by_step(codes, levels, marks, hysteresis) -> list[int]:
    """The rule read one reading at a time, as a person would apply it: the reference."""
    starts, inside, previous = [], False, None
    for i, (code, level) in enumerate(zip(codes, levels, strict=True)):
        if code != previous:
            inside, previous = False, code
        mark = marks[code]
        if np.isnan(mark):
            continue
        if level >= mark:
            if not inside:
                starts.append(i)
            inside = True
        elif level < mark - hysteresis:
            inside = False
    return starts


@settings(max_examples=300, deadline=None)
@given(
    gauges=st.lists(
        st.lists(st.integers(0, 40).map(float), min_size=1, max_size=30), min_size=1, max_size=4
    ),
    marks=st.lists(
        st.one_of(st.just(np.nan), st.integers(5, 35).map(float)), min_size=4, max_size=4
    ),
    hysteresis=st.integers(0, 12).map(float),
)
def test_the_vectorised_episodes_are_the_rule_read_step_by_step(gauges, marks, hysteresis) -> None:
    codes = np.array([g for g, readings in enumerate(gauges) for _ in readings])
    levels = np.array([level for readings in gauges for level in readings])
    marks = np.array(marks)
    found = episode_starts(codes, levels, marks, hysteresis).tolist()
    assert found == _episodes_step_by_step(codes, levels, marks, hysteresis)


def test_every_problem_of_a_rules_params_is_located() -> None:
    import yaml

    document = yaml.safe_load(RULE.read_text("utf-8"))
    params = document["params"]
    params["municipalities"] = {int(k): v for k, v in params["municipalities"].items()}
    params["gauges"][0]["oktmo"] = [71701000, 71644000]  # unquoted in YAML: numbers
    assert parse_rule(document, "numbers.yaml").params["gauges"][0]["oktmo"] == [71701000, 71644000]
    params["hysteresis_cm"] = -1
    params["gauges"][1]["levels"] = {"warning": 900, "danger": 800}
    params["gauges"][2]["gauge"] = "Ишим"
    params["gauges"][3]["oktmo"] = ["99999999"]
    params["gauges"].append(dict(params["gauges"][0]))
    with pytest.raises(ValidationFailed) as caught:
        parse_rule(document, "bad.yaml")
    assert {(p.code, p.path) for p in caught.value.problems} == {
        ("pro_gauge_bad_hysteresis", "params.hysteresis_cm"),
        ("pro_gauge_levels_order", "params.gauges[1].levels"),
        ("pro_gauge_bad_code", "params.gauges[2].gauge"),
        ("pro_gauge_unknown_oktmo", "params.gauges[3].oktmo[0]"),
        ("pro_gauge_repeated", "params.gauges[4].gauge"),
    }
