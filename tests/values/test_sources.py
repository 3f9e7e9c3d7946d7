"""Reserved source namespaces: `region:` for that region's operator, `formula:` and `demo:` for
the processes that compute them; a refusal is a problem naming the source, audited, and nothing
is stored. On both backends (`store`)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text

from tsifra.accounts.users import Account
from tsifra.kernel.problems import ValidationFailed
from tsifra.values.ingest import ingest_file
from tsifra.values.sources import check_upload_source
from tsifra.values.uploads import ingest_upload

OPERATOR = Account(1, "kazan", "Казань", "operator", "RU-TA")
ANALYST = Account(2, "fed", "ФЦ", "analyst", None)
ADMIN = Account(3, "root", "Админ", "admin", None)
DATA = b"unit,period,indicator,value\r\nRU-TA,2026Q1,health_emr,91\r\n"


def _stored(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(text("SELECT count(*) FROM indicator_values")).scalar_one()


def _source_refusals(engine: Engine) -> list[tuple]:
    query = "SELECT actor, target FROM audit_log WHERE action = 'refused.values.source' ORDER BY id"
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(text(query))]


@pytest.mark.parametrize(
    ("account", "source", "code"),
    [
        (ANALYST, "region:RU-TA", "reserved_source_region"),
        (ADMIN, "Region: RU-MOW", "reserved_source_region"),
        (OPERATOR, "region:RU-MOW", "reserved_source_region"),
        (ANALYST, "formula:permit_issue_days", "reserved_source_process"),
        (OPERATOR, " demo:synthetic", "reserved_source_process"),
        (ADMIN, "DEMO : synthetic", "reserved_source_process"),
    ],
)
def test_an_upload_under_anothers_namespace_is_refused(
    store: Engine, account: Account, source: str, code: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        ingest_upload(store, account, "d.csv", DATA, source=source)
    p = refused.value.problems[0]
    assert (p.code, p.path, p.value) == (code, "source", source)
    assert source in p.message("ru") and "/" not in p.message("ru")
    assert _stored(store) == 0
    assert _source_refusals(store) == [(account.login, source)]


def test_an_operator_may_name_its_own_region_and_others_any_plain_name(store: Engine) -> None:
    own = ingest_upload(store, OPERATOR, "d.csv", DATA, source="region:RU-TA")
    assert own.source == "region:RU-TA" and own.new == 1
    plain = b"unit,period,indicator,value\r\nRU-MOW,2026Q1,health_emr,80\r\n"
    named = ingest_upload(store, ANALYST, "d.csv", plain, source="rosstat:regions")
    assert named.source == "rosstat:regions" and _source_refusals(store) == []


@pytest.mark.parametrize("source", ["formula:mine", "demo:synthetic"])
def test_a_file_is_never_stored_as_a_formula_or_the_demo(
    store: Engine, tmp_path, source: str
) -> None:
    """`tsifra ingest` may load a region's file on its behalf, but no file is a process's."""
    path = tmp_path / "d.csv"
    path.write_bytes(DATA)
    with pytest.raises(ValidationFailed) as refused:
        ingest_file(store, path, source)
    assert [(p.code, p.path) for p in refused.value.problems] == [
        ("reserved_source_process", "source")
    ]
    assert ingest_file(store, path, "region:RU-TA").new == 1


def test_the_rule_without_a_database() -> None:
    check_upload_source("rosstat", None)
    check_upload_source("region:ru-ta", "RU-TA")  # the operator's own, in any case
    for source, region in [("region:", None), ("regionRU-TA", None), ("formula:", "RU-TA")]:
        if source == "regionRU-TA":
            check_upload_source(source, region)  # not the namespace: a plain name
            continue
        with pytest.raises(ValidationFailed):
            check_upload_source(source, region)
