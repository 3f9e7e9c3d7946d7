"""The methodology's data cycle: the due-date rule, the completeness threshold, and located
problems in the `data_cycle` section (what `tsifra methodology check` prints)."""

from __future__ import annotations

import textwrap
from datetime import date

import pytest

from builders import invoke
from tsifra.kernel.problems import ValidationFailed
from tsifra.methodology import load_methodology, parse_methodology
from tsifra.methodology.schema import DataCycle

GOOD = """
id: t
title: T
version: "1"
indicators:
  - {code: a, name: A, parent: X}
  - {code: b, name: B, parent: X}
nodes:
  - {code: X, name: X, parent: root}
  - {code: root, name: Root}
"""


def problems(text: str):
    with pytest.raises(ValidationFailed) as caught:
        parse_methodology(textwrap.dedent(text), file="m.yaml")
    return caught.value.problems


def test_the_official_rule_is_the_8th_day_of_the_month_after_the_quarter():
    rule = DataCycle()
    assert rule.due_date("2026Q1") == date(2026, 4, 8)
    assert rule.due_date("2026Q2") == date(2026, 7, 8)
    assert rule.due_date("2025Q4") == date(2026, 1, 8)  # the next year's January
    assert rule.due_date("2025") == date(2026, 1, 8)
    assert rule.due_date("2025-11") == date(2025, 12, 8)


def test_a_day_the_month_lacks_is_its_last_day():
    assert DataCycle(due_day=31, due_months_after=2).due_date("2026Q1") == date(2026, 5, 31)
    assert DataCycle(due_day=31).due_date("2025Q4") == date(2026, 1, 31)
    assert DataCycle(due_day=30).due_date("2026-01") == date(2026, 2, 28)
    assert DataCycle(due_day=15, due_months_after=0).due_date("2026Q1") == date(2026, 3, 15)


def test_defaults_apply_where_the_file_declares_no_cycle():
    m = parse_methodology(GOOD)
    assert m.data_cycle == DataCycle(due_day=8, due_months_after=1, complete_share=0.9)
    assert m.submitted_indicators == ["a", "b"]


def test_the_bundled_methodology_declares_the_official_cycle():
    m = load_methodology("ru-digital-maturity")
    assert "data_cycle" in m.model_fields_set
    assert (m.data_cycle.due_day, m.data_cycle.due_months_after) == (8, 1)
    assert m.data_cycle.complete_share == 0.9


def test_submitted_indicators_may_be_a_subset():
    m = parse_methodology(GOOD + "data_cycle: {submitted: [b], complete_share: 0.75}\n")
    assert m.submitted_indicators == ["b"]
    assert m.data_cycle.complete_share == 0.75


def test_every_problem_of_the_cycle_is_located():
    found = problems(
        GOOD
        + "data_cycle:\n  due_day: 0\n  complete_share: 1.5\n  submitted: [a, zz, a]\n"
        + "  frequency: Q\n"
    )
    where = {p.path: p for p in found}
    assert where["data_cycle.due_day"].code == "greater_than_equal"
    assert where["data_cycle.complete_share"].code == "less_than_equal"
    assert where["data_cycle.frequency"].code == "extra_forbidden"
    assert all(p.file == "m.yaml" for p in found)


def test_unknown_and_repeated_submitted_indicators_are_located():
    found = problems(GOOD + "data_cycle: {submitted: [a, zz, a]}\n")
    where = {p.path: p.code for p in found}
    assert where == {
        "data_cycle.submitted[1]": "unknown_indicator",
        "data_cycle.submitted[2]": "duplicate_code",
    }
    assert "m.yaml, data_cycle.submitted[1]: неизвестный показатель «zz»" in str(found[0])
    assert problems(GOOD + "data_cycle: {submitted: []}\n")[0].path == "data_cycle.submitted"


def test_methodology_check_prints_the_located_problem(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(textwrap.dedent(GOOD) + "data_cycle: {submitted: [zz]}\n", encoding="utf-8")
    result = invoke("methodology", "check", path)
    assert result.exit_code != 0
    assert "data_cycle.submitted[0]" in result.text
    assert "zz" in result.text
