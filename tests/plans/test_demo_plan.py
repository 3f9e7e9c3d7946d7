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
