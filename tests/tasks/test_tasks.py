"""Tasks on SQLite and PostgreSQL: who may change them, overdue from the deadline, history kept."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, text

from tsifra.accounts import create_user
from tsifra.kernel.problems import Forbidden, ValidationFailed
from tsifra.tasks.tasks import create_task, list_tasks, set_status, task_for, tasks_for

TODAY = date(2026, 6, 1)


@pytest.fixture
def people(store: Engine) -> dict:
    return {
        "operator": create_user(store, "op", "long-enough-pass", "operator", region="RU-TA"),
        "viewer": create_user(store, "view", "long-enough-pass", "viewer"),
        "analyst": create_user(store, "fed", "long-enough-pass", "analyst"),
    }


def test_overdue_is_computed_and_listed_first(store: Engine, people) -> None:
    op = people["operator"]
    later = create_task(
        store, op, "Школы", "RU-TA", "Минпросвещения РТ", date(2026, 9, 1), today=TODAY
    )
    late = create_task(store, op, "ЕМИАС", "RU-TA", "Минздрав РТ", date(2026, 3, 1), today=TODAY)
    assert (later.overdue, late.overdue) == (False, True)
    assert [t.id for t in list_tasks(store, "RU-TA", today=TODAY)] == [late.id, later.id]
    set_status(store, op, late.id, "in_progress", today=TODAY)
    reported = set_status(store, op, late.id, "reported", "сделано", today=TODAY)
    assert reported.overdue is True  # a report is not yet acceptance
    done = set_status(store, people["analyst"], late.id, "accepted", today=TODAY)
    assert done.overdue is False
    assert [(s, c) for _, _, s, c in done.history] == [
        ("new", None),
        ("in_progress", None),
        ("reported", "сделано"),
        ("accepted", None),
    ]


def test_only_writers_for_the_region_change_tasks(store: Engine, people) -> None:
    task = create_task(store, people["analyst"], "Связь", "RU-MOW", "ДИТ", date(2026, 9, 1))
    for who in ("operator", "viewer"):
        with pytest.raises(Forbidden):
            set_status(store, people[who], task.id, "in_progress")
        with pytest.raises(Forbidden):
            create_task(store, people[who], "Связь", "RU-MOW", "ДИТ", date(2026, 9, 1))
    with pytest.raises(Forbidden):
        set_status(store, None, task.id, "in_progress")
    with store.connect() as connection:
        refused = connection.execute(
            text("SELECT count(*) FROM audit_log WHERE action LIKE 'refused.%'")
        ).scalar_one()
    assert refused == 5


def test_bad_input_is_a_list_of_problems(store: Engine, people) -> None:
    with pytest.raises(ValidationFailed) as caught:
        create_task(store, people["analyst"], " ", "RU-XX", "", date(2026, 9, 1))
    assert {p.code for p in caught.value.problems} == {"bad_title", "missing", "unknown_unit"}
    task = create_task(store, people["analyst"], "Связь", "RU-MOW", "ДИТ", date(2026, 9, 1))
    with pytest.raises(ValidationFailed):
        set_status(store, people["analyst"], task.id, "archived")
    with pytest.raises(ValidationFailed):
        set_status(store, people["analyst"], 999, "in_progress")


def test_who_reads_which_tasks(store: Engine, people) -> None:
    """Operators read their own region's tasks only; anonymous readers none; refusals audited."""
    kazan = create_task(store, people["analyst"], "Школы", "RU-TA", "ОИВ", date(2026, 9, 1))
    moscow = create_task(store, people["analyst"], "Связь", "RU-MOW", "ДИТ", date(2026, 9, 1))
    op, viewer = people["operator"], people["viewer"]
    assert [t.id for t in tasks_for(store, op)] == [kazan.id]
    assert {t.id for t in tasks_for(store, viewer)} == {kazan.id, moscow.id}
    assert task_for(store, op, kazan.id).title == "Школы"
    for attempt in (
        lambda: tasks_for(store, op, "RU-MOW"),
        lambda: task_for(store, op, moscow.id),
        lambda: tasks_for(store, None),
    ):
        with pytest.raises(Forbidden):
            attempt()
    with store.connect() as connection:
        refused = connection.execute(
            text("SELECT actor, target FROM audit_log WHERE action = 'refused.task.read'")
        ).all()
    assert [tuple(r) for r in refused] == [
        ("op", "RU-MOW"),
        ("op", f"task {moscow.id}"),
        (None, "all"),
    ]
