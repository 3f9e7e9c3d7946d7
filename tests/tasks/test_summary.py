"""The summary others build on: counts per region and a region's overdue and due-soon lists."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import Engine

from tsifra.accounts import create_user
from tsifra.kernel.problems import Forbidden
from tsifra.tasks.summary import RegionCounts, for_region, region_counts
from tsifra.tasks.tasks import create_task, set_status

TODAY = date(2026, 6, 1)


def _task(store, who, region, deadline, title="Поручение"):
    return create_task(store, who, title, region, "Иванов И. И.", deadline, today=TODAY)


def test_counts_and_lists_by_region(store: Engine) -> None:
    analyst = create_user(store, "fed", "long-enough-pass", "analyst")
    op = create_user(store, "op", "long-enough-pass", "operator", region="RU-TA")
    late = _task(store, analyst, "RU-TA", TODAY - timedelta(days=3), "Просроченное")
    soon = _task(store, analyst, "RU-TA", TODAY + timedelta(days=2), "Скоро")
    today_due = _task(store, analyst, "RU-TA", TODAY, "Сегодня")
    _task(store, analyst, "RU-TA", TODAY + timedelta(days=30), "Потом")
    on_time = _task(store, analyst, "RU-TA", date(2099, 1, 1), "Вовремя")  # accepted now
    cancelled = _task(store, analyst, "RU-TA", TODAY - timedelta(days=9), "Отменённое")
    _task(store, analyst, "RU-MOW", TODAY - timedelta(days=1), "Москва")
    for status, text in (("in_progress", None), ("reported", "Готово")):
        set_status(store, op, on_time.id, status, text)
    set_status(store, analyst, on_time.id, "accepted")
    set_status(store, analyst, cancelled.id, "cancelled", "Снято с контроля")

    counts = region_counts(store, analyst, TODAY)
    assert counts["RU-TA"] == RegionCounts(
        "RU-TA", total=6, open=4, overdue=1, due_soon=2, accepted=1, done_on_time=1, cancelled=1
    )
    assert counts["RU-MOW"].overdue == 1
    assert "RU-SPE" not in counts
    assert list(region_counts(store, op, TODAY)) == ["RU-TA"]  # an operator: its own only

    mine = for_region(store, op, "RU-TA", TODAY)
    assert mine.counts == counts["RU-TA"]
    assert [t.id for t in mine.overdue] == [late.id]
    assert [t.id for t in mine.due_soon] == [today_due.id, soon.id]


def test_accepted_late_is_not_done_on_time(store: Engine) -> None:
    analyst = create_user(store, "fed", "long-enough-pass", "analyst")
    op = create_user(store, "op", "long-enough-pass", "operator", region="RU-TA")
    task = _task(store, analyst, "RU-TA", date(2020, 1, 1))
    set_status(store, op, task.id, "in_progress")
    set_status(store, op, task.id, "reported", "Сделано с опозданием")
    set_status(store, analyst, task.id, "accepted")
    counts = region_counts(store, analyst, TODAY)["RU-TA"]
    assert (counts.accepted, counts.done_on_time, counts.overdue) == (1, 0, 0)


def test_summary_keeps_other_regions_and_anonymous_out(store: Engine) -> None:
    op = create_user(store, "op", "long-enough-pass", "operator", region="RU-TA")
    with pytest.raises(Forbidden):
        for_region(store, op, "RU-MOW", TODAY)
    with pytest.raises(Forbidden):
        region_counts(store, None, TODAY)
