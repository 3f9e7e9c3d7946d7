"""Computing from stored values: as of a moment, conflicts, and reproducing a stored run exactly."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import Engine

from builders import RatedDatabase, database_state
from tsifra.kernel.problems import ValidationFailed
from tsifra.ratings.stored import compute_from_store, reproduce_run, stored_scores
from tsifra.values.ingest import ingest_frame
from tsifra.values.revisions import effective_values, history, resolve_conflict

M = "ru-digital-maturity"
KEY = ("RU-TA", "2024Q4", "gov_pos_on_time")


LOADED = RatedDatabase(seed=7, start="2024Q1", end="2024Q4", rated=(), synthetic=False, accounts=())


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    return LOADED.panel()


@pytest.fixture
def loaded(database_copy) -> Engine:
    """Four quarters of values stored as one batch, nothing computed yet."""
    return database_copy(LOADED)


def _index(run, unit: str = "RU-TA", period: str = "2024Q4") -> float:
    s = run.scores
    return s[(s["unit"] == unit) & (s["period"] == period) & (s["node"] == "index")]["score"].item()


def _corrected(panel: pd.DataFrame, value: float) -> pd.DataFrame:
    at = pd.MultiIndex.from_frame(panel[["unit", "period", "indicator"]]) == KEY
    row = panel[at]
    assert len(row) == 1, "the test key must be in the panel"
    return row.assign(value=value)


def test_a_stored_run_reproduces_exactly_after_later_corrections(
    loaded: Engine, panel: pd.DataFrame
) -> None:
    first = compute_from_store(loaded, M, period="2024Q4")
    assert first.run_id is not None and len(first.scores) > 0
    assert (stored_scores(loaded, first.run_id)["score"].notna()).any()
    ingest_frame(loaded, _corrected(panel, 5.0), "region", reason="пересчитали обращения")
    second = compute_from_store(loaded, M, period="2024Q4")
    assert second.values.fingerprint != first.values.fingerprint
    assert _index(second) < _index(first)
    for run in (first, second):
        check = reproduce_run(loaded, run.run_id)
        assert check.exact, check


def test_as_of_gives_what_the_rating_showed_then(loaded: Engine, panel: pd.DataFrame) -> None:
    before = compute_from_store(loaded, M, period="2024Q4", keep=False)
    ingest_frame(loaded, _corrected(panel, 5.0), "region", reason="пересчитали обращения")
    moment = history(loaded, *KEY)["received_at"].iloc[0]
    then = compute_from_store(loaded, M, as_of=moment, period="2024Q4")
    assert then.values.fingerprint == before.values.fingerprint
    pd.testing.assert_frame_equal(then.scores, before.scores)


def test_conflicting_sources_stop_the_computation_until_resolved(
    loaded: Engine, panel: pd.DataFrame
) -> None:
    report = ingest_frame(loaded, _corrected(panel, 5.0), "formula:gov_pos_on_time")
    assert report.new == 1
    assert report.conflicts[["unit", "period", "indicator"]].values.tolist() == [list(KEY)]
    assert report.conflicts["other_sources"].item() == "region"
    with pytest.raises(ValidationFailed) as caught:
        compute_from_store(loaded, M, period="2024Q4")
    problems = caught.value.problems
    assert [(p.code, p.value) for p in problems] == [("value_conflict", "/".join(KEY))]
    assert "formula:gov_pos_on_time = 5" in str(problems[0]) and "region = " in str(problems[0])

    with pytest.raises(ValidationFailed):
        resolve_conflict(loaded, *KEY, source="nobody", reason="")
    resolve_conflict(loaded, *KEY, source="formula:gov_pos_on_time", reason="витрина точнее")
    resolved = compute_from_store(loaded, M, period="2024Q4")
    chosen = resolved.values.frame.set_index(["unit", "period", "indicator"])
    assert chosen.loc[KEY, "source"] == "formula:gov_pos_on_time"
    assert chosen.loc[KEY, "value"] == 5.0
    assert effective_values(loaded).conflicts.empty
    assert reproduce_run(loaded, resolved.run_id).exact


def test_a_failed_computation_writes_nothing(loaded: Engine, panel: pd.DataFrame) -> None:
    ingest_frame(loaded, _corrected(panel, 5.0), "another")
    before = database_state(loaded)
    with pytest.raises(ValidationFailed):
        compute_from_store(loaded, M)
    with pytest.raises(ValidationFailed):
        compute_from_store(loaded, M, period="2031Q1")
    assert database_state(loaded) == before


def test_nothing_stored_yet_is_a_clear_problem(store: Engine) -> None:
    with pytest.raises(ValidationFailed) as caught:
        compute_from_store(store, M)
    assert [p.code for p in caught.value.problems] == ["no_stored_values"]


def test_an_unknown_run_is_a_clear_problem(store: Engine) -> None:
    with pytest.raises(ValidationFailed) as caught:
        reproduce_run(store, 999)
    assert [(p.code, p.value) for p in caught.value.problems] == [("unknown_run", 999)]


def test_reproduction_notices_rows_slipped_in_before_the_run(
    loaded: Engine, panel: pd.DataFrame
) -> None:
    run = compute_from_store(loaded, M, period="2024Q4")
    backdated = run.as_of - pd.Timedelta(days=1)
    ingest_frame(
        loaded, _corrected(panel, 5.0), "region", reason="задним числом", received_at=backdated
    )
    check = reproduce_run(loaded, run.run_id)
    assert not check.same_revisions and not check.exact
    assert check.max_difference > 0
