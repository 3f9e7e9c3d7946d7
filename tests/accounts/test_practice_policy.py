"""Who may write the registry of practices and plan a region's work."""

from __future__ import annotations

import pytest

from tsifra.accounts.users import Account, can_plan, can_score_plan, can_write_practice


def account(role: str, region: str | None = None, body: str | None = None) -> Account:
    return Account(1, "someone", "Someone", role, region, body)


@pytest.mark.parametrize(
    ("who", "regions", "allowed"),
    [
        (None, ["RU-TA"], False),
        (account("viewer"), ["RU-TA"], False),
        (account("analyst"), ["RU-TA", "RU-KLU"], True),
        (account("admin"), [], True),
        (account("operator", "RU-TA"), ["RU-TA"], True),
        (account("operator", "RU-TA"), ["RU-TA", "RU-KLU"], False),
        (account("operator", "RU-TA"), [], False),
        (account("operator", "RU-TA", body="ru-ta-roads"), ["RU-TA"], False),
    ],
)
def test_who_writes_a_practice(who, regions, allowed):
    assert can_write_practice(who, regions) is allowed


def test_who_plans_and_who_scores():
    own, other = account("operator", "RU-TA"), account("operator", "RU-KLU")
    body = account("operator", "RU-TA", body="ru-ta-roads")
    assert can_plan(own, "RU-TA") and not can_plan(other, "RU-TA") and not can_plan(body, "RU-TA")
    assert can_plan(account("analyst"), "RU-TA") and not can_plan(account("viewer"), "RU-TA")
    assert can_score_plan(body, "RU-TA") and not can_score_plan(other, "RU-TA")
    assert not can_score_plan(None, "RU-TA") and not can_score_plan(account("viewer"), "RU-TA")
