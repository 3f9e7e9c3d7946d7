"""On the demo: a region's first candidate is its indicator with the most index points at
stake, and the practices offered for it come from other regions."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from plan_rows import DEMO, TODAY
from tsifra.analyses.explain import explain_stored
from tsifra.kernel.cache import Cache
from tsifra.plans.candidates import candidates
from tsifra.store import PracticeRegion, session_scope

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_first_candidate_is_the_largest_gap_and_its_practices_are_from_elsewhere(
    database_copy,
):
    demo = database_copy(DEMO)
    cache = Cache(background=False)
    offered = []
    for region in ("RU-TA", "RU-KLU", "RU-NIZ"):
        found = candidates(demo, region, TODAY.year + 1, lang="ru", cache=cache, today=TODAY)
        table = explain_stored(demo, region).explanation.indicators
        most = table.loc[table["gain_to_target"].idxmax()]
        first = found.indicators[0]
        assert first.indicator == most["indicator"]
        assert first.points == pytest.approx(most["gain_to_target"])
        for gap in found.indicators:
            for practice in gap.practices:
                assert region not in practice.regions
                offered.append((region, practice.practice_id))
    assert offered, "the demo's practices offer something to these regions"
    with session_scope(demo) as session:
        for region, practice in offered:
            regions = session.scalars(
                select(PracticeRegion.region).where(PracticeRegion.practice_id == practice)
            ).all()
            assert set(regions) - {region}, "measured where it runs, not in the plan's region"
    cache.close()


@pytest.mark.parametrize("backend", ["sqlite"])
def test_on_the_demo_the_plan_expects_what_whatif_answers_and_accepting_makes_linked_tasks(
    database_copy,
):
    """The issue's own check, on the demo: a plan of the first practice offered for each of the
    two largest gaps expects the index and place what-if gives for the same values, and
    accepting it creates one поручение per choice, linked both ways."""
    from tsifra.accounts.users import Account
    from tsifra.analyses.whatif import published_whatif
    from tsifra.plans.plans import accept_plan, add_item, create_plan, read_plan
    from tsifra.store import PlanItem, Task

    demo = database_copy(DEMO)
    cache = Cache(background=False)
    operator = Account(3, "operator", "Оператор", "operator", "RU-TA")
    year = TODAY.year + 1
    found = candidates(demo, "RU-TA", year, lang="ru", cache=cache, today=TODAY)
    chosen = [(g.indicator, g.practices[0].practice_id) for g in found.indicators if g.practices]
    assert len(chosen) >= 2, "the demo offers practices for at least two gaps"
    plan = create_plan(demo, "RU-TA", year, account=operator)
    for indicator, practice in chosen[:2]:
        add_item(demo, plan, indicator, practice, account=operator, lang="ru", cache=cache,
                 today=TODAY)  # fmt: skip
    view = read_plan(demo, plan, account=operator, lang="ru", cache=cache, today=TODAY)
    values = {i.indicator: i.expected_value for i in view.items}
    outcome = published_whatif(
        demo, "RU-TA", {"plan": values}, period=str(year), lang="ru", cache=cache
    ).outcomes[0]
    assert view.expected.index_after == pytest.approx(outcome.index_after)
    assert view.expected.rank_after == outcome.rank_after
    tasks = accept_plan(demo, plan, account=operator, lang="ru", cache=cache)
    assert len(tasks) == 2
    with session_scope(demo) as session:
        made = session.scalars(select(Task).where(Task.id.in_(tasks))).all()
        assert {t.plan_id for t in made} == {plan}
        assert {t.indicator for t in made} == set(values)
        linked = session.scalars(select(PlanItem.task_id).where(PlanItem.plan_id == plan)).all()
        assert sorted(linked) == sorted(tasks)
    cache.close()
