"""The upload page with files as officials send them: problems in words, the problem list as a
workbook, the template and its round trip (download, fill, upload, the numbers stored)."""

from __future__ import annotations

import html
import io
import re

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook, load_workbook

from builders import WEB_PASSWORD, bearer
from tsifra.values.revisions import effective_values
from tsifra.web.pages.upload import seal, unseal

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csrf_of(client: TestClient, path: str = "/login") -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert found, f"no CSRF field on {path}"
    return found.group(1)


def log_in(client: TestClient, login: str) -> None:
    form = {"login": login, "password": WEB_PASSWORD, "csrf": csrf_of(client)}
    assert client.post("/login", data=form, follow_redirects=False).status_code == 303


def xlsx_bytes(rows: list[list], formats: dict[str, str] | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text a person typed, not a formula
    for ref, number_format in (formats or {}).items():
        sheet[ref].number_format = number_format
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def send(client: TestClient, name: str, data: bytes, **form: str):
    token = csrf_of(client, "/upload")
    return client.post("/upload", data={"csrf": token, **form}, files={"file": (name, data)})


BAD = [
    ["Регион", "Период", "health_emr", "city_permit_days"],
    ["Татарстн", "2026Q1", 88, 12],
    ["RU-MOW", "2026Q1", 91, 0.125],  # a percentage for a number of days
    ["Итого", "2026Q1", 179, 24],
    ['=HYPERLINK("http://x")', "2026Q1", 50, 10],
]


def test_a_refused_file_shows_every_problem_in_words_never_a_rule_code(client) -> None:
    log_in(client, "analyst")
    page = send(client, "bad.xlsx", xlsx_bytes(BAD, {"D3": "0.0%"}))
    assert page.status_code == 422
    text = html.unescape(page.text)
    assert 'class="table-scroll"' in page.text and 'id="problems"' in page.text
    assert "возможно, имелся в виду «Республика Татарстан»" in text
    assert "задано в процентах" in text and "«дней»" in text
    assert "«Итого» — строка итогов, а не регион" in text
    assert "не найден в справочнике регионов" in text
    for code in ("unknown_region", "total_row", "percent_not_expected", "unknown_unit"):
        assert code not in page.text


def test_the_problem_list_downloads_as_a_workbook_in_words(client, rated) -> None:
    log_in(client, "analyst")
    page = send(client, "bad.xlsx", xlsx_bytes(BAD, {"D3": "0.0%"}))
    sealed = re.search(r'name="problems" value="([^"]+)"', page.text).group(1)
    token = csrf_of(client, "/upload")
    answer = client.post("/upload/problems.xlsx", data={"csrf": token, "problems": sealed})
    assert answer.status_code == 200 and answer.headers["content-type"] == XLSX
    assert "attachment" in answer.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(answer.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Файл bad.xlsx отклонён: найдено проблем 4"
    assert rows[1] == ["Строка", "Столбец", "Значение", "Проблема"]
    by_row = {r[0]: r for r in rows[2:]}
    assert set(by_row) == {2, 3, 4, 5}
    assert by_row[2][1:3] == ["Регион", "Татарстн"]
    assert "Республика Татарстан" in by_row[2][3]
    assert by_row[3][1:3] == ["city_permit_days", "12.5%"]
    assert by_row[4][2] == "Итого" and "строка итогов" in by_row[4][3]
    formula = sheet.cell(row=[r[0] for r in rows].index(5) + 1, column=3)
    assert formula.value == '=HYPERLINK("http://x")'
    assert formula.data_type == "s"  # a value from the file is text, never a formula
    assert effective_values(rated).frame["period"].ne("2026Q1").all()  # nothing written


def test_a_tampered_or_foreign_seal_is_refused(client) -> None:
    log_in(client, "analyst")
    page = send(client, "bad.xlsx", xlsx_bytes(BAD))
    sealed = re.search(r'name="problems" value="([^"]+)"', page.text).group(1)
    body, mac = sealed.split(".")
    tampered = body[:-4] + ("AAAA" if body[-4:] != "AAAA" else "BBBB") + "." + mac
    token = csrf_of(client, "/upload")
    refused = client.post("/upload/problems.xlsx", data={"csrf": token, "problems": tampered})
    assert refused.status_code == 400 and 'id="expired"' in refused.text
    client.post("/logout", data={"csrf": token})
    log_in(client, "admin")
    token = csrf_of(client, "/upload")
    foreign = client.post("/upload/problems.xlsx", data={"csrf": token, "problems": sealed})
    assert foreign.status_code == 400
    no_csrf = client.post("/upload/problems.xlsx", data={"problems": sealed})
    assert no_csrf.status_code == 403


def test_a_seal_expires_and_carries_the_cut_list() -> None:
    from tsifra.reports.upload_files import ProblemRow

    rows = [ProblemRow(2, "unit", "X", "плохо")]
    sealed = seal(rows, "f.csv", 12_000, "analyst", "secret")
    opened = unseal(sealed, "analyst", "secret")
    assert opened == (rows, "f.csv", 12_000)
    assert unseal(sealed, "analyst", "other secret") is None
    assert unseal(sealed, "analyst", "secret", now=10**12) is None  # long after


def test_the_template_round_trip_for_an_operator(client, rated) -> None:
    log_in(client, "operator")
    page = client.get("/upload")
    assert 'href="/upload/template.xlsx"' in page.text
    answer = client.get("/upload/template.xlsx")
    assert answer.status_code == 200 and answer.headers["content-type"] == XLSX
    book = load_workbook(io.BytesIO(answer.content))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[4]]
    assert header[:3] == ["Регион", "Наименование региона", "Период"]
    codes = header[3:]
    assert "health_emr" in codes and "city_permit_days" in codes
    assert sheet.cell(row=3, column=3 + codes.index("city_permit_days") + 1).value == "дней"
    names_row = [c.value for c in sheet[2]]
    assert names_row[3 + codes.index("health_emr")].startswith("Доля граждан")
    assert sheet.max_row == 5  # the operator's own region only
    assert [c.value for c in sheet[5]][:2] == ["RU-TA", "Республика Татарстан"]
    period = sheet.cell(row=5, column=3).value
    assert re.fullmatch(r"\d{4}Q[1-4]", period)
    sheet.cell(row=5, column=4 + codes.index("health_emr")).value = 0.935
    sheet.cell(row=5, column=4 + codes.index("health_emr")).number_format = "0.0%"
    sheet.cell(row=5, column=4 + codes.index("city_permit_days")).value = 17
    filled = io.BytesIO()
    book.save(filled)
    accepted = send(client, "filled.xlsx", filled.getvalue())
    assert accepted.status_code == 200 and 'id="accepted"' in accepted.text
    values = effective_values(rated).frame.set_index(["unit", "period", "indicator"])["value"]
    assert values[("RU-TA", period, "health_emr")] == pytest.approx(93.5)
    assert values[("RU-TA", period, "city_permit_days")] == 17.0
    assert len(values.xs(period, level="period")) == 2


def test_an_analyst_template_lists_every_region_and_a_viewer_gets_none(client) -> None:
    log_in(client, "analyst")
    sheet = load_workbook(io.BytesIO(client.get("/upload/template.xlsx").content)).worksheets[0]
    assert sheet.max_row - 4 == 83
    english = client.get("/upload/template.xlsx", params={"lang": "en"}).content
    header = [c.value for c in load_workbook(io.BytesIO(english)).worksheets[0][4]][:3]
    assert header == ["region", "region_name", "period"]  # what the reader reads in English
    client.post("/logout", data={"csrf": csrf_of(client, "/upload")})
    log_in(client, "viewer")
    assert client.get("/upload/template.xlsx").status_code == 403
    client.post("/logout", data={"csrf": csrf_of(client, "/")})
    anonymous = client.get("/upload/template.xlsx", follow_redirects=False)
    assert anonymous.status_code == 303


def test_the_api_reads_names_and_refuses_totals_in_words(client, rated) -> None:
    headers = bearer(client, "analyst")
    good = xlsx_bytes(
        [["Субъект", "Период", "health_emr"], ["Чувашия", "2026Q1", 0.5]], {"C2": "0%"}
    )
    answer = client.post("/api/v1/values", headers=headers, files={"file": ("cu.xlsx", good, XLSX)})
    assert answer.status_code == 200, answer.text
    values = effective_values(rated).frame.set_index(["unit", "period", "indicator"])["value"]
    assert values[("RU-CU", "2026Q1", "health_emr")] == 50.0
    total = xlsx_bytes([["Регион", "Период", "health_emr"], ["Российская Федерация", "2026Q1", 70]])
    refused = client.post(
        "/api/v1/values", headers=headers, files={"file": ("rf.xlsx", total, XLSX)}
    )
    assert refused.status_code == 422
    [problem] = refused.json()["problems"]
    assert (problem["code"], problem["row"], problem["column"]) == ("total_row", 2, "Регион")
    assert problem["message"].startswith("«Российская Федерация» — строка итогов")
