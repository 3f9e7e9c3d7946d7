"""A plan's life: create, choose with the expected value, the index expected (what-if's own
answer), experts' scores, acceptance into поручения linked both ways, and who may do what."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from builders import RATED, governor
from plan_rows import TODAY, add_practice
from tsifra.accounts.users import Account
from tsifra.analyses.whatif import published_whatif
from tsifra.kernel.cache import Cache
from tsifra.kernel.problems import Forbidden, ValidationFailed
from tsifra.plans.candidates import candidates
from tsifra.plans.plans import accept_plan, add_item, create_plan, plans_for, read_plan, remove_item
from tsifra.plans.scores import score_candidate
from tsifra.store import AuditEntry, Plan, PlanItem, Task, session_scope
from tsifra.tasks.tasks import get_task

YEAR = 2027
OPERATOR = governor("RU-TA")
ANALYST = Account(2, "analyst", "Аналитик", "analyst", None)
STRANGER = governor("RU-MOW")
BODY = Account(5, "roads", "Дорожное агентство", "operator", "RU-TA", body="ru-ta-roads")
VIEWER = Account(4, "viewer", "Наблюдатель", "viewer", None)


@pytest.fixture
def rated(database_copy):
    return database_copy(RATED)


@pytest.fixture
def cache():
    """One cache per test, as the web app holds one: the forecast is computed once."""
    kept = Cache(background=False)
    yield kept
    kept.close()


@pytest.fixture
def gaps(rated, cache):
    """The two largest gaps of RU-TA, each with a practice of another region that moved it."""
    found = candidates(rated, "RU-TA", YEAR, lang="ru", today=TODAY, cache=cache).indicators[:2]
    ids = [
        add_practice(rated, f"Практика {n}", "RU-MOW", {g.indicator: 3.0 * g.direction}, capex=2e6)
        for n, g in enumerate(found)
    ]
    return [(g, pid) for g, pid in zip(found, ids, strict=True)]


def test_the_default_expected_value_is_the_value_moved_by_the_effect_up_to_the_target(
    cache, rated, gaps
):
    (first, practice), _ = gaps
    plan = create_plan(rated, "RU-TA", YEAR, account=OPERATOR)
    add_item(rated, plan, first.indicator, practice, account=OPERATOR, lang="ru", cache=cache)
    item = read_plan(rated, plan, account=OPERATOR, lang="ru", cache=cache).items[0]
    sign = first.direction
    moved = first.value + 3.0 * sign
    if first.forecast is not None:  # never below where the trend leads anyway
        moved = max(moved * sign, first.forecast * sign) * sign
    cap = first.target_then
    expected = min(moved * sign, cap * sign) * sign
    assert item.expected_value == pytest.approx(expected)


def test_the_default_moves_the_current_value_by_the_effect_within_the_target():
    from tsifra.plans.candidates import IndicatorCandidates, PracticeCandidate
    from tsifra.plans.plans import default_value

    gap = IndicatorCandidates("x", "x", "x", "s", 50.0, 60.0, None, 70.0, 1, (0.0, 100.0), 1.0, ())
    practice = PracticeCandidate(1, "p", "pilot", ("RU-MOW",), 5.0, 5.0, None, None, None, None,
                                 0, TODAY, False)  # fmt: skip
    assert default_value(gap, practice) == 55.0
    assert default_value(replace(gap, forecast=58.0), practice) == 58.0  # the trend leads further
    assert default_value(replace(gap, target_then=52.0), practice) == 52.0  # no beyond the target
    lower = replace(gap, direction=-1, value=10.0, target_then=8.0, forecast=None)
    assert default_value(lower, replace(practice, raw_effect=-5.0)) == 8.0
    assert default_value(replace(gap, value=None, forecast=None), practice) == 70.0


def test_the_expected_index_is_what_ifs_answer_for_the_same_values(cache, rated, gaps):
    plan = create_plan(rated, "RU-TA", YEAR, account=OPERATOR)
    for gap, practice in gaps:
        add_item(rated, plan, gap.indicator, practice, account=OPERATOR, lang="ru", cache=cache)
    view = read_plan(rated, plan, account=OPERATOR, lang="ru", cache=cache)
    values = {i.indicator: i.expected_value for i in view.items}
    answer = published_whatif(
        rated, "RU-TA", {"anything": values}, period=str(YEAR), lang="ru", cache=cache
    )
    w = answer.outcomes[0]
    assert view.expected.changes == values
    assert view.expected.index_after == pytest.approx(w.index_after)
    assert view.expected.rank_after == w.rank_after
    assert view.expected.index_before == pytest.approx(w.index_before)
    assert view.expected.index_after >= view.expected.index_before  # never below the trend
    assert view.expected.period == f"{YEAR}Q4"


def test_experts_scores_are_kept_one_per_expert_with_mean_and_spread(cache, rated, gaps):
    (gap, practice), _ = gaps
    plan = create_plan(rated, "RU-TA", YEAR, account=OPERATOR)
    score_candidate(
        rated, plan, gap.indicator, practice, 2, "дорого", account=OPERATOR, lang="ru", cache=cache
    )
    score_candidate(
        rated, plan, gap.indicator, practice, 5, None, account=ANALYST, lang="ru", cache=cache
    )
    score_candidate(
        rated, plan, gap.indicator, practice, 4, "ок", account=BODY, lang="ru", cache=cache
    )
    score_candidate(rated, plan, gap.indicator, practice, 3, "пересмотрел", account=OPERATOR,
                    lang="ru", cache=cache)  # fmt: skip
    summary = read_plan(rated, plan, account=OPERATOR, lang="ru", cache=cache).scores[
        (gap.indicator, practice)
    ]
    assert summary.experts == 3
    assert summary.of("governor").score == 3
    assert summary.of("governor").comment == "пересмотрел"
    assert summary.mean == pytest.approx(4.0)
    assert (summary.low, summary.high) == (3, 5)
    assert summary.stdev == pytest.approx((2 / 3) ** 0.5)


def test_a_score_outside_one_to_five_or_of_no_candidate_is_refused(cache, rated, gaps):
    (_, practice), (other, _) = gaps
    plan = create_plan(rated, "RU-TA", YEAR, account=OPERATOR)
    with pytest.raises(ValidationFailed) as failed:
        score_candidate(
            rated, plan, other.indicator, practice, 6, account=OPERATOR, lang="ru", cache=cache
        )
    codes = {(p.code, p.path) for p in failed.value.problems}
    assert codes == {("plan_bad_score", "score"), ("plan_not_candidate", "practice")}


def test_accepting_creates_the_tasks_linked_both_ways_in_one_go(cache, rated, gaps):
    plan = create_plan(rated, "RU-TA", YEAR, account=OPERATOR)
    (first, p1), (second, p2) = gaps
    add_item(rated, plan, first.indicator, p1, account=OPERATOR, lang="ru", cache=cache,
             responsible="Минздрав РТ", deadline=date(YEAR, 6, 30))  # fmt: skip
    add_item(rated, plan, second.indicator, p2, account=OPERATOR, lang="ru", cache=cache)
    expected = read_plan(rated, plan, account=OPERATOR, lang="ru", cache=cache).expected
    tasks = accept_plan(rated, plan, account=OPERATOR, lang="ru", cache=cache)
    assert len(tasks) == 2
    view = read_plan(rated, plan, account=OPERATOR, lang="ru", cache=cache)
    assert view.status == "accepted" and view.accepted_by == "governor"
    assert view.kept_index == pytest.approx(expected.index_after)
    assert view.kept_rank == expected.rank_after
    assert [i.task_id for i in view.items] == list(tasks)
    one, two = (get_task(rated, t) for t in tasks)
    assert one.plan_id == two.plan_id == plan
    assert (one.indicator, one.region, one.responsible) == (first.indicator, "RU-TA", "Минздрав РТ")
    assert one.deadline == date(YEAR, 6, 30) and two.deadline == date(YEAR, 12, 31)
    assert one.target_value == pytest.approx(view.items[0].expected_value)
    assert one.title == f"Практика 0: {first.name}"
    assert two.responsible == OPERATOR.name


def test_an_accepted_plan_is_read_only(cache, rated, gaps):
    (gap, practice), (other, p2) = gaps
    plan = create_plan(rated, "RU-TA", YEAR, account=OPERATOR)
    item = add_item(rated, plan, gap.indicator, practice, account=OPERATOR, lang="ru", cache=cache)
    accept_plan(rated, plan, account=OPERATOR, lang="ru", cache=cache)
    attempts = [
        lambda: add_item(rated, plan, other.indicator, p2, account=OPERATOR, lang="ru"),
        lambda: remove_item(rated, plan, item, account=OPERATOR),
        lambda: score_candidate(rated, plan, gap.indicator, practice, 4, account=OPERATOR,
                                lang="ru", cache=cache),
        lambda: accept_plan(rated, plan, account=OPERATOR, lang="ru", cache=cache),
    ]  # fmt: skip
    for attempt in attempts:
        with pytest.raises(ValidationFailed) as failed:
            attempt()
        assert "plan_not_draft" in {p.code for p in failed.value.problems}
    with session_scope(rated) as session:
        assert session.scalar(select(func.count(Task.id)).where(Task.plan_id == plan)) == 1


def test_a_failed_acceptance_writes_nothing(cache, rated, gaps, monkeypatch):
    (gap, practice), _ = gaps
    plan = create_plan(rated, "RU-TA", YEAR, account=OPERATOR)
    add_item(rated, plan, gap.indicator, practice, account=OPERATOR, lang="ru", cache=cache)
    import tsifra.plans.plans as plans_module

    def broken(session, actor, draft):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(plans_module, "insert_task", broken)
    with pytest.raises(RuntimeError):
        accept_plan(rated, plan, account=OPERATOR, lang="ru", cache=cache)
    with session_scope(rated) as session:
        assert session.get(Plan, plan).status == "draft"
        assert session.scalar(select(func.count(Task.id))) == 0
        assert session.scalar(select(PlanItem.task_id)) is None


def test_an_empty_plan_cannot_be_accepted(cache, rated):
    plan = create_plan(rated, "RU-TA", YEAR, account=OPERATOR)
    with pytest.raises(ValidationFailed) as failed:
        accept_plan(rated, plan, account=OPERATOR, lang="ru", cache=cache)
    assert [p.code for p in failed.value.problems] == ["plan_empty"]


def test_a_choice_is_removed_and_a_double_choice_refused(cache, rated, gaps):
    (gap, practice), _ = gaps
    plan = create_plan(rated, "RU-TA", YEAR, account=OPERATOR)
    item = add_item(rated, plan, gap.indicator, practice, account=OPERATOR, lang="ru", cache=cache)
    with pytest.raises(ValidationFailed) as failed:
        add_item(rated, plan, gap.indicator, practice, account=OPERATOR, lang="ru", cache=cache)
    assert [p.code for p in failed.value.problems] == ["plan_item_exists"]
    remove_item(rated, plan, item, account=OPERATOR)
    assert read_plan(rated, plan, account=OPERATOR, lang="ru", cache=cache).items == ()


def test_bad_inputs_are_located(cache, rated, gaps):
    (gap, practice), _ = gaps
    with pytest.raises(ValidationFailed) as failed:
        create_plan(rated, "RU-TA", 1999, account=OPERATOR, title="x" * 501)
    assert {p.path for p in failed.value.problems} == {"target_year", "title"}
    plan = create_plan(rated, "RU-TA", YEAR, account=OPERATOR)
    with pytest.raises(ValidationFailed) as failed:
        add_item(rated, plan, gap.indicator, practice, account=OPERATOR, lang="ru", cache=cache,
                 expected_value=1e9, deadline=date(YEAR + 1, 1, 1))  # fmt: skip
    assert {(p.code, p.path) for p in failed.value.problems} == {
        ("out_of_range", "expected_value"),
        ("plan_deadline_after_year", "deadline"),
    }


def test_who_may_plan_score_and_read(cache, rated, gaps):
    (gap, practice), _ = gaps
    with pytest.raises(Forbidden):
        create_plan(rated, "RU-TA", YEAR, account=STRANGER)
    with pytest.raises(Forbidden):
        create_plan(rated, "RU-TA", YEAR, account=BODY)  # a body scores, it does not plan
    with pytest.raises(Forbidden):
        create_plan(rated, "RU-TA", YEAR, account=None)
    plan = create_plan(rated, "RU-TA", YEAR, account=ANALYST)
    with pytest.raises(Forbidden):
        read_plan(rated, plan, account=STRANGER, lang="ru", cache=cache)
    with pytest.raises(Forbidden):
        read_plan(rated, plan, account=None, lang="ru", cache=cache)
    with pytest.raises(Forbidden):
        score_candidate(
            rated, plan, gap.indicator, practice, 3, account=VIEWER, lang="ru", cache=cache
        )
    with pytest.raises(Forbidden):
        add_item(rated, plan, gap.indicator, practice, account=BODY, lang="ru", cache=cache)
    with pytest.raises(Forbidden):
        plans_for(rated, "RU-TA", account=STRANGER)
    assert [p.id for p in plans_for(rated, "RU-TA", account=VIEWER)] == [plan]
    with session_scope(rated) as session:
        refusals = session.scalars(
            select(AuditEntry.action).where(AuditEntry.action.like("refused.plan%"))
        ).all()
    assert len(refusals) >= 6
