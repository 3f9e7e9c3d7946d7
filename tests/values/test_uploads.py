"""An uploaded file: one set of rules for the API and the page — who sends, which region, the
source it is stored under, the size limit, and problems named after the file the person sent."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text

from tsifra.accounts.users import Account
from tsifra.kernel.problems import Forbidden, ValidationFailed
from tsifra.values import uploads
from tsifra.values.uploads import ingest_upload

OPERATOR = Account(1, "kazan", "Казань", "operator", "RU-TA")
ANALYST = Account(2, "fed", "ФЦ", "analyst", None)
VIEWER = Account(3, "look", "Смотрит", "viewer", None)


def _csv(*rows: str) -> bytes:
    return ("unit,period,indicator,value\r\n" + "".join(r + "\r\n" for r in rows)).encode()


def _refusals(engine: Engine) -> list[tuple]:
    with engine.connect() as connection:
        query = "SELECT actor, target FROM audit_log WHERE action = 'refused.values.ingest'"
        return [tuple(r) for r in connection.execute(text(query))]


def test_an_operators_file_is_stored_under_its_region_whatever_source_it_names(
    store: Engine,
) -> None:
    data = _csv("RU-TA,2026Q1,health_emr,91")
    report = ingest_upload(store, OPERATOR, "Данные.csv", data, source="federal", reason=None)
    assert report.source == "region:RU-TA" and report.new == 1
    named = ingest_upload(store, ANALYST, "d.csv", _csv("RU-MOW,2026Q1,health_emr,92"), "rosstat")
    assert named.source == "rosstat"
    unnamed = ingest_upload(store, ANALYST, "d.csv", _csv("RU-SPE,2026Q1,health_emr,93"))
    assert unnamed.source == "user:fed"


def test_refusals_are_recorded_and_nothing_is_stored(store: Engine) -> None:
    for account, data in [
        (None, _csv("RU-TA,2026Q1,health_emr,91")),
        (VIEWER, _csv("RU-TA,2026Q1,health_emr,91")),
        (OPERATOR, _csv("RU-TA,2026Q1,health_emr,91", "RU-MOW,2026Q1,health_emr,90")),
    ]:
        with pytest.raises(Forbidden):
            ingest_upload(store, account, "C:\\Users\\op\\отчёт.csv", data)
    assert [actor for actor, _ in _refusals(store)] == [None, "look", "kazan"]
    with store.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM indicator_values")).scalar() == 0


def test_problems_name_the_file_as_sent_and_size_and_format_are_checked(
    store: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ValidationFailed) as rejected:
        ingest_upload(store, OPERATOR, "../../Отчёт за март.csv", _csv("RU-TA,2026Q1,x,много"))
    files = {p.file for p in rejected.value.problems}
    assert files == {"Отчёт за март.csv"}
    with pytest.raises(ValidationFailed) as wrong:
        ingest_upload(store, OPERATOR, "report.docx", b"PK")
    assert [(p.code, p.value) for p in wrong.value.problems] == [("unsupported_format", ".docx")]
    monkeypatch.setattr(uploads, "MAX_UPLOAD", 10)
    with pytest.raises(ValidationFailed) as large:
        ingest_upload(store, OPERATOR, "big.csv", _csv("RU-TA,2026Q1,health_emr,91"))
    assert [p.code for p in large.value.problems] == ["too_large"]
