"""The approvals' figure `appr_median_days`: values by hand, grouped three ways, both engines.

The projects and the reason each is there are in approval_figure_rows.py; `AS_OF` is 1 July
2026.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
import pyarrow.compute as pc
import pytest

from approval_figure_rows import AS_OF, PROJECTS, at, insert_projects
from tsifra.approvals import timing
from tsifra.kernel.problems import ValidationFailed
from tsifra.marts.approvals import approvals_formulas, compute_approvals, read_approvals
from tsifra.marts.formulas import FORMULAS
from tsifra.marts.formulas.registry import file_formulas
from tsifra.marts.publish import ingest_approvals
from tsifra.store.methodologies import store_methodology

EXAMPLE = Path(__file__).parents[2] / "examples" / "methodology-with-approvals.yaml"

EXPECTED = {
    # projects 1 (4 d), 2 (10 d), 3 (14 d); 4 finished in Q2 (8.5 d); RU-MOW's 8 (2 d)
    "region": {("RU-TA", "2026Q1"): 10.0, ("RU-TA", "2026Q2"): 8.5, ("RU-MOW", "2026Q2"): 2.0},
    # excavation: 1 (4) and 3 (14), then 8 (2); new network: 2; connection: 4
    "works": {
        ("excavation", "2026Q1"): 9.0,
        ("excavation", "2026Q2"): 2.0,
        ("new_network", "2026Q1"): 10.0,
        ("connection", "2026Q2"): 8.5,
    },
    # each owner's own last answer: water 2 d (p1) and 10 d (p2, after its refusal); gas 1 d
    # (p2) and 14 d (p3, silence); power 4 d (p1; its refusal of p6 finished nothing)
    "owner": {
        ("ru-ta-vodokanal", "2026Q1"): 6.0,
        ("ru-ta-vodokanal", "2026Q2"): 8.5,
        ("ru-ta-setevaya", "2026Q1"): 4.0,
        ("ru-ta-gaz", "2026Q1"): 7.5,
        ("ru-mow-teplo", "2026Q2"): 2.0,
    },
}


@pytest.fixture
def mart(store):
    insert_projects(store)
    return read_approvals(store)


def by_key(frame) -> dict[tuple[str, str], float]:
    return {(u, p): v for u, p, v in frame[["unit", "period", "value"]].itertuples(index=False)}


@pytest.mark.parametrize("by", sorted(EXPECTED))
def test_every_grouping_by_hand(mart, by):
    computed = compute_approvals(mart, AS_OF, by=by)
    run = computed.run("appr_median_days")
    assert set(run.values["indicator"]) == {"appr_median_days"}
    got = by_key(run.values)
    assert got.keys() == EXPECTED[by].keys()
    for key, value in EXPECTED[by].items():
        assert got[key] == pytest.approx(value, abs=1e-12), key


def test_the_withdrawn_project_is_not_read(mart):
    assert 7 not in set(mart["project"].to_pylist())
    assert {1, 2, 3, 4, 5, 6, 8, 9} == set(mart["project"].to_pylist())


def test_an_earlier_moment_sees_less(mart):
    """On 11 February project 2 waits for its revision's answer: only project 1 is finished."""
    early = compute_approvals(mart, datetime(2026, 2, 11))
    assert by_key(early.values()) == {("RU-TA", "2026Q1"): 4.0}


def test_one_region_read_alone_gives_its_own_figures(store):
    insert_projects(store)
    alone = compute_approvals(read_approvals(store, region="RU-TA"), AS_OF)
    assert by_key(alone.values()) == {("RU-TA", "2026Q1"): 10.0, ("RU-TA", "2026Q2"): 8.5}


def test_the_formula_is_declared_for_the_store_not_for_files():
    (f,) = approvals_formulas()
    assert f is FORMULAS["appr_median_days"] and f.source == "formula:appr_median_days"
    assert f not in file_formulas()
    assert "last answer" in f.rule and "withdrawn" in f.rule


def test_unknown_names_are_refused(mart):
    with pytest.raises(ValidationFailed) as caught:
        compute_approvals(mart, AS_OF, formulas=["feedback_on_time"])
    assert caught.value.problems[0].value == "feedback_on_time"
    with pytest.raises(ValueError, match="grouping"):
        compute_approvals(mart, AS_OF, by="applicant")


@dataclass(frozen=True)
class Event:
    at: datetime
    action: str
    owner: str
    round: int | None


@pytest.mark.parametrize("backend", ["sqlite"])
def test_each_projects_figure_is_its_time_by_the_events(mart):
    """The formula over one project alone gives what `approvals.timing` reads from its events
    (the project's page): the total time of an approved project, each owner's time, and no
    figure for a project not approved; all events counted (as of later than any)."""
    later = datetime(2030, 1, 1)
    for project, _, _, filed, status, owners in PROJECTS:
        if status == "withdrawn":
            continue
        events = [
            Event(at(when), action, owner, turn)
            for owner, steps in owners.items()
            for action, _, turn, when in steps
        ]
        expected = timing.total_seconds(at(filed), events, status)
        one = mart.filter(pc.equal(mart["project"], project))
        got = compute_approvals(one, later).values()["value"].tolist()
        assert got == ([] if expected is None else [expected / 86400]), project
        if expected is not None:
            by_owner = compute_approvals(one, later, by="owner").values()
            seconds = timing.owner_seconds(at(filed), events)
            assert dict(zip(by_owner["unit"], by_owner["value"] * 86400, strict=True)) == seconds


def test_an_index_with_the_approvals_indicator_stores_it_once_only(store):
    """examples/methodology-with-approvals.yaml has `appr_median_days`: stored as one batch,
    `formula:appr_median_days`, the three region-quarters; a second run changes nothing."""
    insert_projects(store)
    store_methodology(store, EXAMPLE)
    done = ingest_approvals(store, as_of=AS_OF, methodology="ru-digital-maturity-approvals")
    assert done.stored == ["appr_median_days"] and done.not_in_methodology == []
    (report,) = done.reports
    assert report.source == "formula:appr_median_days" and report.new == 3
    again = ingest_approvals(store, as_of=AS_OF, methodology="ru-digital-maturity-approvals")
    assert again.reports[0].batch_id is None and again.reports[0].unchanged == 3


def test_the_bundled_methodology_only_computes_it(store):
    insert_projects(store)
    done = ingest_approvals(store, as_of=AS_OF)
    assert done.stored == [] and done.reports == []
    assert done.not_in_methodology == ["appr_median_days"]
    assert by_key(done.computation.values()) == EXPECTED["region"]


def test_no_project_is_a_located_problem(store):
    with pytest.raises(ValidationFailed) as caught:
        ingest_approvals(store, as_of=AS_OF)
    assert caught.value.problems[0].code == "afig_no_projects"


@pytest.mark.parametrize("by", sorted(EXPECTED))
def test_the_same_values_on_duckdb_and_spark(spark, mart, by):
    duck = compute_approvals(mart, AS_OF, "duckdb", by=by).values()
    sp = compute_approvals(mart, AS_OF, "spark", by=by).values()
    key = ["unit", "period", "indicator"]
    assert duck[key].equals(sp[key]) and len(duck) == len(EXPECTED[by])
    np.testing.assert_array_equal(duck["value"].to_numpy(), sp["value"].to_numpy())
