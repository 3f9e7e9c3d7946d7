"""The demo's synthetic cases: the feedback pages of every region show the last four quarters."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from tsifra.accounts.users import Account
from tsifra.dashboard.feedback import federal_feedback, region_feedback
from tsifra.demo.cases import PER_QUARTER, QUARTERS, load_demo_cases
from tsifra.demo.panel import generate_panel
from tsifra.methodology import load_methodology
from tsifra.reference import load_regions
from tsifra.store import Case, CaseContact

TODAY = date(2026, 11, 15)
NOW = datetime(2026, 11, 15, 12)  # the demo fills the quarters up to noon of TODAY
ANALYST = Account(1, "fed", "Аналитик", "analyst", None)


@pytest.fixture(scope="module")
def panel():
    return generate_panel(load_methodology("ru-digital-maturity"), load_regions(), seed=2024)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_every_region_gets_four_quarters_of_cases(store, panel):
    n = load_demo_cases(store, panel, TODAY)
    assert n == 83 * PER_QUARTER * QUARTERS
    with store.connect() as connection:
        texts = connection.scalars(select(Case.text).limit(5)).all()
        contacts = connection.scalar(select(func.count()).select_from(CaseContact))
        latest = connection.scalar(select(func.max(Case.submitted_at)))
    assert all("синтетические данные" in t for t in texts) and contacts == 0
    assert latest.date() <= TODAY
    summary = federal_feedback(store, now=NOW)
    assert len(summary) == 83 and {s.period for s in summary.values()} == {"2026Q4"}
    f = region_feedback(store, "RU-TA", ANALYST, now=NOW)
    assert [q.period for q in f.trend] == ["2026Q1", "2026Q2", "2026Q3", "2026Q4"]
    assert all(0 < q.on_time <= 100 for q in f.trend[:-1])
    assert {b.key for b in f.by_body} <= {"ru-ta-roads", "ru-ta-housing"}
