"""`tsifra approvals lapse`: consent by silence recorded once, where the terms say so."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from approval_rows import add_owners, applicant, draft, moscow, touching
from builders import invoke
from tsifra.approvals.projects import file_project, read_project


def test_lapse_records_silence_once(store: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TSIFRA_DATABASE_URL", store.url.render_as_string(hide_password=False))
    add_owners(store)
    touching(monkeypatch, "ru-ta-vodokanal", "ru-ta-gaz")
    builder = applicant(store)
    project_id = file_project(store, draft(), account=builder, now=moscow(2026, 3, 2))
    before = invoke("approvals", "lapse", "--as-of", "2026-03-10T20:00:00")  # 23:00 Moscow
    assert before.exit_code == 0, before.text
    assert "записано: 0" in before.text
    after = invoke("approvals", "lapse", "--as-of", "2026-03-11T06:00:00")
    assert "записано: 2" in after.text
    assert "записано: 0" in invoke("approvals", "lapse", "--as-of", "2026-03-12T06:00:00").text
    view = read_project(store, project_id, account=builder, now=moscow(2026, 3, 12))
    assert view.status == "approved"
