"""The measured effect on SQLite and PostgreSQL: before and after follow the stage dates, a
corrected value changes it, nothing is measured without a stage from pilot on or a value before,
a write measures its practice at once, and a refresh with the values unchanged does nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from practice_rows import NOW, TODAY, ingest_telemed, practice_draft
from tsifra.practices.effects import effects_for, period_end, refresh_effects
from tsifra.practices.records import (
    IndicatorLink,
    change_stage,
    create_practice,
    read_practice,
    update_practice,
)

PANEL = [
    ("RU-TA", "2024Q3", 40.0),
    ("RU-TA", "2024Q4", 50.0),  # ends 31.12.2024, before the pilot of 15.01.2025
    ("RU-TA", "2025Q1", 55.0),
    ("RU-TA", "2025Q4", 70.0),  # the latest
    ("RU-BA", "2024Q4", 20.0),
    ("RU-BA", "2025Q4", 10.0),
]


def test_period_ends() -> None:
    assert period_end("2025") == date(2025, 12, 31)
    assert period_end("2025Q1") == date(2025, 3, 31)
    assert period_end("2024-02") == date(2024, 2, 29)
    assert period_end("soon") is None


def test_the_effect_follows_the_stage_dates_and_a_correction(store: Engine) -> None:
    ingest_telemed(store, PANEL)
    pid = create_practice(
        store, practice_draft(stage="idea", stage_since=date(2024, 5, 1)), account=None, now=NOW
    )
    [idea] = effects_for(store, [pid])[pid]  # measured by the write itself
    assert (idea.before, idea.after, idea.effect) == (None, 70.0, None)  # not in use: no effect
    assert read_practice(store, pid, today=TODAY).effect is None

    assert refresh_effects(store) is True  # the first practice leaves the version unknown
    change_stage(store, pid, "pilot", date(2025, 1, 15), account=None, now=NOW)
    assert refresh_effects(store) is False  # the write measured it: nothing for a refresh
    [effect] = effects_for(store, [pid])[pid]
    assert (effect.before_period, effect.before, effect.after_period, effect.after) == (
        "2024Q4", 50.0, "2025Q4", 70.0,
    )  # fmt: skip
    assert effect.effect == pytest.approx(20.0) and effect.share == pytest.approx(40.0)
    view = read_practice(store, pid, today=TODAY)
    assert view.effect == pytest.approx(40.0)
    assert view.indicators[0].measured == (effect,)

    assert refresh_effects(store) is False  # nothing changed: nothing recomputed

    # the statistics office corrects 2025Q4: the effect follows
    ingest_telemed(store, [("RU-TA", "2025Q4", 65.0)], reason="уточнение Росстата")
    assert refresh_effects(store) is True
    [effect] = effects_for(store, [pid])[pid]
    assert effect.after == 65.0 and effect.effect == pytest.approx(15.0)
    assert read_practice(store, pid, today=TODAY).effect == pytest.approx(30.0)


def test_the_summary_averages_regions_and_turns_by_direction(store: Engine) -> None:
    ingest_telemed(store, PANEL)
    draft = practice_draft(regions=("RU-TA", "RU-BA"), stage="pilot", stage_since=date(2025, 1, 15))
    pid = create_practice(store, draft, account=None, now=NOW)
    refresh_effects(store)
    effects = {e.region: e for e in effects_for(store, [pid])[pid]}
    assert effects["RU-BA"].effect == pytest.approx(-10.0)
    assert effects["RU-BA"].better == pytest.approx(-10.0)  # more telemedicine is better
    assert read_practice(store, pid, today=TODAY).effect == pytest.approx((40.0 - 50.0) / 2)


def test_nothing_is_measured_without_a_value_before(store: Engine) -> None:
    ingest_telemed(store, PANEL)
    early = practice_draft(stage="production", stage_since=date(2024, 6, 1))  # before 2024Q3
    pid = create_practice(store, early, account=None, now=NOW)
    refresh_effects(store)
    [effect] = effects_for(store, [pid])[pid]
    assert effect.before is None and effect.effect is None and not effect.measured
    assert read_practice(store, pid, today=TODAY).effect is None


def test_an_edit_of_the_links_is_measured_at_once(store: Engine) -> None:
    ingest_telemed(store, PANEL)
    pilot = practice_draft(stage="pilot", stage_since=date(2025, 1, 15))
    pid = create_practice(store, pilot, account=None, now=NOW)
    refresh_effects(store)
    moved = practice_draft(stage="pilot", stage_since=date(2025, 1, 15), regions=("RU-BA",))
    update_practice(store, pid, moved, account=None, now=NOW)
    assert refresh_effects(store) is False  # measured by the write
    assert [e.region for e in effects_for(store, [pid])[pid]] == ["RU-BA"]
    unlinked = practice_draft(stage="pilot", indicators=(), regions=("RU-BA",))
    update_practice(store, pid, unlinked, account=None, now=NOW)
    assert effects_for(store, [pid]) == {}
    assert read_practice(store, pid, today=TODAY).effect is None
    relinked = practice_draft(
        stage="pilot", indicators=(IndicatorLink("health_telemed"),), regions=("RU-BA",)
    )
    update_practice(store, pid, relinked, account=None, now=NOW)
    assert read_practice(store, pid, today=TODAY).effect == pytest.approx(-50.0)
