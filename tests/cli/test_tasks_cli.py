"""`tsifra tasks remind` and `tsifra tasks import`, and `tsifra users email`, on the database
the commands are configured with."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine, select

from builders import invoke
from tsifra.accounts import create_user
from tsifra.store import User, session_scope
from tsifra.tasks.tasks import TaskDraft, create_task, list_tasks


@pytest.fixture
def db(store: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    monkeypatch.setenv("TSIFRA_DATABASE_URL", store.url.render_as_string(hide_password=False))
    return store


def test_remind_sends_to_the_operators_address_once(db: Engine, monkeypatch, smtp) -> None:
    inbox, settings = smtp
    analyst = create_user(db, "fed", "long-enough-pass", "analyst")
    create_user(db, "kazan", "long-enough-pass", "operator", region="RU-TA")
    r = invoke("users", "email", "kazan", "kazan@example.org")
    assert r.exit_code == 0, r.text
    assert invoke("users", "email", "kazan", "not-an-address").exit_code == 1
    create_task(db, analyst, TaskDraft("Просроченное", "RU-TA", "Иванов", date(2026, 5, 1)))
    monkeypatch.setenv("TSIFRA_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("TSIFRA_SMTP_PORT", str(settings.port))
    first = invoke("tasks", "remind", "--today", "2026-06-01")
    second = invoke("tasks", "remind", "--today", "2026-06-01")
    assert first.exit_code == 0, first.text
    assert "поставлено в очередь: 1" in first.text and "отправлено: 1" in first.text
    assert "поставлено в очередь: 0" in second.text
    assert inbox.recipients == [("kazan@example.org",)]


def test_import_a_list_from_the_command_line(db: Engine, tmp_path) -> None:
    book = Workbook()
    book.active.append(["Поручение", "Регион", "Ответственный", "Срок"])
    book.active.append(["Из файла", "Республика Татарстан", "Иванов", "01.12.2026"])
    path = tmp_path / "list.xlsx"
    book.save(path)
    r = invoke("tasks", "import", str(path))
    assert r.exit_code == 0, r.text
    assert "Создано поручений: 1" in r.text
    assert [t.title for t in list_tasks(db, "RU-TA")] == ["Из файла"]
    with session_scope(db) as session:
        assert session.scalar(select(User.id)) is None  # imported as the command, no account
    book.active.append(["Плохое", "Нарния", "Петров", "завтра"])
    book.save(path)
    r = invoke("tasks", "import", str(path))
    assert r.exit_code == 1 and "Нарния" in r.text
    assert len(list_tasks(db)) == 1
