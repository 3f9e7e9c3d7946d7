"""A task's whole life: steps in order, who reviews a report, texts each step needs, the report's
files kept privately by their digest and read only by those who may read the task."""

from __future__ import annotations

import io
import stat
import zipfile
from datetime import date

import pytest
from sqlalchemy import Engine, select

from tsifra.accounts import create_user
from tsifra.kernel.problems import Forbidden, ValidationFailed
from tsifra.store import AuditEntry, data_home, session_scope
from tsifra.tasks.listing import next_steps, report_file
from tsifra.tasks.tasks import TaskDraft, add_comment, create_task, set_status, task_for

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


@pytest.fixture
def people(store: Engine) -> dict:
    return {
        "analyst": create_user(store, "fed", "long-enough-pass", "analyst"),
        "operator": create_user(store, "op", "long-enough-pass", "operator", region="RU-TA"),
        "deputy": create_user(store, "op2", "long-enough-pass", "operator", region="RU-TA"),
        "moscow": create_user(store, "msk", "long-enough-pass", "operator", region="RU-MOW"),
        "viewer": create_user(store, "view", "long-enough-pass", "viewer"),
    }


def _draft(**fields) -> TaskDraft:
    return TaskDraft(
        **{"title": "Подключить ФАПы", "region": "RU-TA", "responsible": "Иванов",
           "deadline": date(2030, 1, 1), "source": "president",
           "document_number": "Пр-1234", **fields}
    )  # fmt: skip


def test_returned_then_accepted_with_history_and_files(store: Engine, people) -> None:
    analyst, op = people["analyst"], people["operator"]
    task = create_task(store, analyst, _draft())
    assert next_steps(op, task) == ["in_progress"]
    assert next_steps(analyst, task) == ["in_progress", "cancelled"]
    set_status(store, op, task.id, "in_progress")
    reported = set_status(store, op, task.id, "reported", "Подключено 120 ФАПов",
                          files=[("акт.pdf", PDF), ("../../etc/план.docx", _docx())])  # fmt: skip
    assert [(f.name, f.media_type) for f in reported.files] == [
        ("акт.pdf", "application/pdf"),
        ("план.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ]
    assert next_steps(op, reported) == []  # the reporter never reviews its own report
    assert next_steps(analyst, reported) == ["returned", "accepted", "cancelled"]
    returned = set_status(store, analyst, task.id, "returned", "Нет акта по 5 ФАПам")
    assert returned.status == "returned"
    add_comment(store, op, task.id, "Акты запрошены")
    set_status(store, op, task.id, "reported", "Приложены все акты", files=[("акт2.pdf", PDF)])
    done = set_status(store, analyst, task.id, "accepted")
    assert [(s, c) for _, _, s, c in done.history] == [
        ("new", None),
        ("in_progress", None),
        ("reported", "Подключено 120 ФАПов"),
        ("returned", "Нет акта по 5 ФАПам"),
        ("reported", "Приложены все акты"),
        ("accepted", None),
    ]
    assert [(who, text) for _, who, text in done.comments] == [("op", "Акты запрошены")]
    assert done.report_text == "Приложены все акты" and done.done_on_time
    assert len(done.files) == 3  # акт2.pdf is the same bytes as акт.pdf, kept once on disk

    found, path = report_file(store, people["viewer"], task.id, done.files[0].id)
    assert path.read_bytes() == PDF and found.name == "акт.pdf"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((data_home() / "task-files").stat().st_mode) == 0o700
    assert len(list((data_home() / "task-files").rglob("*"))) == 4  # 2 folders, 2 files
    with pytest.raises(Forbidden):
        report_file(store, people["moscow"], task.id, done.files[0].id)


def test_illegal_steps_are_refused_in_words(store: Engine, people) -> None:
    analyst, op = people["analyst"], people["operator"]
    task = create_task(store, analyst, _draft())
    with pytest.raises(ValidationFailed) as caught:
        set_status(store, analyst, task.id, "accepted")
    assert caught.value.problems[0].message("ru") == (
        "поручение в статусе «Новое» нельзя перевести в «Принято»"
    )
    set_status(store, op, task.id, "in_progress")
    with pytest.raises(ValidationFailed) as caught:
        set_status(store, op, task.id, "reported", "  ")
    assert [p.code for p in caught.value.problems] == ["task_needs_text"]
    with pytest.raises(ValidationFailed) as caught:
        set_status(store, analyst, task.id, "cancelled")
    assert [p.code for p in caught.value.problems] == ["task_needs_text"]
    cancelled = set_status(store, analyst, task.id, "cancelled", "Поручение снято с контроля")
    assert cancelled.cancel_reason == "Поручение снято с контроля" and not cancelled.overdue
    with pytest.raises(ValidationFailed):
        set_status(store, analyst, task.id, "in_progress")


def test_who_may_review_and_refusals_are_audited(store: Engine, people) -> None:
    op, deputy = people["operator"], people["deputy"]
    own = create_task(store, op, _draft(title="Региональное поручение", source="governor"))
    set_status(store, deputy, own.id, "in_progress")
    set_status(store, deputy, own.id, "reported", "Сделано")
    with pytest.raises(Forbidden):  # another operator of the region, not the issuer
        set_status(store, people["moscow"], own.id, "accepted")
    with pytest.raises(Forbidden):  # a viewer only reads
        set_status(store, people["viewer"], own.id, "accepted")
    with pytest.raises(Forbidden):
        set_status(store, deputy, own.id, "accepted")  # its own report
    assert set_status(store, op, own.id, "accepted").status == "accepted"  # the issuer accepts
    with pytest.raises(Forbidden):
        add_comment(store, people["viewer"], own.id, "Хочу сказать")
    with session_scope(store) as session:
        refused = session.scalars(
            select(AuditEntry.actor).where(AuditEntry.action.like("refused.%"))
        ).all()
    assert refused == ["msk", "view", "op2", "view"]


def test_files_are_checked_by_their_bytes(store: Engine, people) -> None:
    analyst, op = people["analyst"], people["operator"]
    task = create_task(store, analyst, _draft())
    set_status(store, op, task.id, "in_progress")
    sent = [("отчёт.pdf", b"MZ\x90\x00 not a pdf"), ("big.pdf", b"%PDF-" + b"0" * (10 << 20))]
    with pytest.raises(ValidationFailed) as caught:
        set_status(store, op, task.id, "reported", "Готово", files=sent)
    assert [(p.code, p.value) for p in caught.value.problems] == [
        ("task_file_type", "отчёт.pdf"),
        ("task_file_too_big", "big.pdf"),
    ]
    assert task_for(store, op, task.id).status == "in_progress"  # nothing half-written
    assert not (data_home() / "task-files").exists()


def test_a_linked_indicator_brings_its_target(store: Engine, people) -> None:
    analyst = people["analyst"]
    own = create_task(store, analyst, _draft(indicator="health_emr", target_value=93.0))
    assert own.target_value == 93.0
    methodology = create_task(store, analyst, _draft(indicator="health_emr"))
    assert methodology.target_value == 100.0  # the methodology's target for 2030
    with pytest.raises(ValidationFailed) as caught:
        create_task(store, analyst, _draft(indicator="no_such_indicator"))
    assert [p.code for p in caught.value.problems] == ["task_indicator_unknown"]
