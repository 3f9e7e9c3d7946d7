"""Bad input through the API and the pages: a 422 naming the row and the column in the user's
words, never a 500, a 404 for what was sent, a library's message or a server's path; anonymous
refusals do not flood the audit log. On both backends (`client`)."""

from __future__ import annotations

import io
import json
import re

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook
from sqlalchemy import text

from builders import WEB_PASSWORD, bearer
from tsifra.accounts.refusals import WRITTEN_PER_MINUTE, flush_anonymous_refusals

LONG = "unit,period,indicator,value"


def _csv(*lines: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode()


def _xlsx(*rows: list) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _send(client: TestClient, name: str, data: bytes, **form: str):
    return client.post(
        "/api/v1/values",
        headers=bearer(client, "analyst"),
        files={"file": (name, data)},
        data=form,
        params={"lang": "en"},
    )


def _located(response) -> list[tuple]:
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "validation_failed"
    return [(p["code"], p["file"], p["row"], p["column"]) for p in response.json()["problems"]]


CASES = {
    "repeated header, long CSV": (
        "d.csv", _csv(f"{LONG},Value", "RU-TA,2025Q4,health_emr,1,2"),
        [("repeated_column", "d.csv", 1, "Value")],
    ),
    "repeated header, wide CSV": (
        "d.csv", _csv("unit,period,health_emr,health_emr", "RU-TA,2025Q4,1,2"),
        [("repeated_column", "d.csv", 1, "health_emr")],
    ),
    "repeated header, long XLSX": (
        "d.xlsx", _xlsx(["unit", "period", "indicator", "value", "значение"],
                        ["RU-TA", "2025Q4", "health_emr", 1, 2]),
        [("repeated_column", "d.xlsx", 1, "значение")],
    ),
    "repeated header, wide XLSX": (
        "d.xlsx", _xlsx(["unit", "period", "health_emr", "HEALTH_EMR"], ["RU-TA", "2025Q4", 1, 2]),
        [("repeated_column", "d.xlsx", 1, "HEALTH_EMR")],
    ),
    "empty value": (
        "d.csv", _csv(LONG, "RU-TA,2025Q4,health_emr,1", "RU-MOW,2025Q4,health_emr,"),
        [("empty_value", "d.csv", 3, "value")],
    ),
    "JSON NaN": (
        "d.json",
        b'[{"unit": "RU-TA", "period": "2025Q4", "indicator": "health_emr", "value": NaN}]',
        [("not_numeric", "d.json", 1, "value")],
    ),
    "JSON Infinity, wide": (
        "d.json", b'[{"unit": "RU-TA", "period": "2025Q4", "health_emr": Infinity}]',
        [("not_numeric", "d.json", 1, "health_emr")],
    ),
    "period 0000Q1": (
        "d.csv", _csv(LONG, "RU-TA,0000Q1,health_emr,1"),
        [("period_out_of_range", "d.csv", 2, "period")],
    ),
    "period 2099Q1, wide": (
        "d.csv", _csv("unit,period,health_emr", "RU-TA,2099Q1,1"),
        [("period_out_of_range", "d.csv", 2, "period")],
    ),
    "unknown indicator, wide": (
        "d.csv", _csv("unit,period,nope", "RU-TA,2025Q4,1"),
        [("unknown_indicator", "d.csv", 1, "nope")],
    ),
    "unknown indicator, long": (
        "d.csv", _csv(LONG, "RU-TA,2025Q4,nope,1"),
        [("unknown_indicator", "d.csv", 2, "indicator")],
    ),
    "row longer than the header": (
        "d.csv", _csv(LONG, *["RU-TA,2025Q4,health_emr,1"] * 12, "RU-TA,2025Q4,health_emr,1,2"),
        [("row_too_long", "d.csv", 14, None)],
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(CASES))
def test_each_bad_input_is_a_422_naming_row_and_column(client: TestClient, case: str) -> None:
    name, data, expected = CASES[case]
    response = _send(client, name, data)
    assert _located(response) == expected
    for p in response.json()["problems"]:
        assert "Error" not in p["message"] and "/" not in p["message"], p["message"]
    with client.app.state.engine.connect() as connection:
        stored = connection.execute(
            text("SELECT count(*) FROM indicator_values WHERE period IN ('0000Q1', '2099Q1')")
        ).scalar_one()
    assert stored == 0


def test_a_broken_workbook_shows_no_library_text_or_server_path(client: TestClient) -> None:
    response = _send(client, "C:\\Users\\op\\отчёт.xlsx", b"PK\x03\x04 not really a workbook")
    assert _located(response) == [("unreadable_workbook", "отчёт.xlsx", None, None)]
    body = response.text
    for fragment in ("zip", "Zip", "/tmp", "tmp", "Error", "openpyxl", "pandas"):
        assert fragment not in body, fragment


def test_a_source_in_anothers_namespace_is_a_422(client: TestClient) -> None:
    data = _csv(LONG, "RU-TA,2025Q4,health_emr,1")
    for source in ("region:RU-TA", "formula:permit_issue_days", "demo:synthetic"):
        response = _send(client, "d.csv", data, source=source)
        assert response.status_code == 422, response.text
        [p] = response.json()["problems"]
        assert (p["path"], p["value"]) == ("source", source) and source in p["message"]


def test_unknown_things_in_a_path_stay_404_and_in_a_body_become_422(client: TestClient) -> None:
    """A read of, or a write to, a resource that does not exist is a 404; naming an unknown
    indicator in what is sent is bad input (errors.py's docstring)."""
    assert client.get("/api/v1/indicators/nope").status_code == 404
    missing = client.post(
        "/api/v1/regions/RU-XX/whatif", json={"scenarios": {"x": {"gov_pos_on_time": 99}}}
    )
    assert missing.status_code == 404
    sent = client.post("/api/v1/regions/RU-TA/whatif", json={"scenarios": {"x": {"nope": 1}}})
    assert sent.status_code == 422
    assert [p["code"] for p in sent.json()["problems"]] == ["unknown_indicator"]


def _log_in(client: TestClient, login: str) -> str:
    """Sign in through the page; the CSRF token of the task page comes back."""
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)
    form = {"login": login, "password": WEB_PASSWORD, "csrf": token}
    assert client.post("/login", data=form, follow_redirects=False).status_code == 303
    return re.search(r'name="csrf" value="([^"]+)"', client.get("/tasks").text).group(1)


@pytest.mark.parametrize("task_id", [str(2**31), str(2**63), "9" * 30, "0", "-1"])
def test_a_task_id_beyond_the_stores_integers_is_a_422_not_a_500(
    client: TestClient, task_id: str
) -> None:
    api_headers = bearer(client, "analyst")  # asked before the page sign-in: a cookie write
    token = _log_in(client, "analyst")  # to the API would need the CSRF token
    form = {"status": "done", "csrf": token}
    page = client.post(f"/tasks/{task_id}/status", data=form, headers={"Accept": "text/html"})
    assert page.status_code == 422 and "task_id" in page.text
    api = client.post(f"/tasks/{task_id}/status", data=form)
    assert api.status_code == 422 and api.json()["problems"][0]["path"] == "path.task_id"
    message = api.json()["problems"][0]["message"]  # the catalogue's words, not pydantic's
    assert message.startswith("значение ") and "Input should" not in message
    patch = client.patch(f"/api/v1/tasks/{task_id}", json={"status": "done"}, headers=api_headers)
    assert patch.status_code == 422


def test_anonymous_refusals_cannot_flood_the_audit_log(client: TestClient) -> None:
    engine = client.app.state.engine
    data = {"file": ("d.csv", _csv(LONG, "RU-TA,2025Q4,health_emr,1"))}
    for _ in range(200):
        assert client.post("/api/v1/values", files=data).status_code == 401
    flush_anonymous_refusals(engine)
    query = "SELECT target, details FROM audit_log WHERE action = 'refused.values.ingest'"
    with engine.connect() as connection:
        rows = connection.execute(text(query)).all()
    one_by_one = [r for r in rows if r.target == "/api/v1/values"]
    details = [json.loads(d) if isinstance(d, str) else d for t, d in rows if t == "repeated"]
    counted = sum(d["repeated"] for d in details)  # JSON: text on SQLite
    assert len(one_by_one) + counted == 200
    # one minute's allowance and its count; two if the test ran across a minute's end
    assert len(rows) <= 2 * (WRITTEN_PER_MINUTE + 1)
