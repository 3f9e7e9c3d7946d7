"""The download routes: attachments with the right media type and names, problems as JSON."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from types import ModuleType
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from builders import bearer
from tsifra.reports.pdf import PdfUnavailable
from tsifra.web.api import exports

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _names(disposition: str) -> tuple[str, str]:
    parts = dict(p.strip().split("=", 1) for p in disposition.split(";") if "=" in p)
    return parts["filename"].strip('"'), unquote(parts["filename*"].removeprefix("UTF-8''"))


def test_the_three_downloads(report_client: TestClient, weasyprint: ModuleType) -> None:
    response = report_client.get("/api/v1/ratings/export.xlsx", params={"period": "2025Q3"})
    assert response.status_code == 200 and response.headers["content-type"] == XLSX
    assert response.headers["content-disposition"].startswith("attachment;")
    assert _names(response.headers["content-disposition"]) == (
        "rating_2025Q3.xlsx",
        "Рейтинг_2025Q3.xlsx",
    )
    assert load_workbook(io.BytesIO(response.content)).sheetnames == ["Рейтинг"]

    response = report_client.get("/api/v1/regions/RU-TA/profile.xlsx")
    assert response.status_code == 200 and response.headers["content-type"] == XLSX
    assert _names(response.headers["content-disposition"]) == (
        "profile_RU-TA_2025Q4.xlsx",
        "Профиль_RU-TA_2025Q4.xlsx",
    )

    response = report_client.get("/api/v1/regions/RU-TA/brief.pdf", params={"period": "2025Q4"})
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert _names(response.headers["content-disposition"]) == (
        "brief_RU-TA_2025Q4.pdf",
        "Справка_RU-TA_2025Q4.pdf",
    )


def test_the_profile_download_carries_tasks_only_for_a_reader_who_may_see_them(
    report_client: TestClient,
) -> None:
    url = "/api/v1/regions/RU-TA/profile.xlsx"
    anonymous = load_workbook(io.BytesIO(report_client.get(url).content))
    assert "Поручения" not in anonymous.sheetnames
    signed_in = report_client.get(url, headers=bearer(report_client, "admin"))
    assert "Поручения" in load_workbook(io.BytesIO(signed_in.content)).sheetnames


def test_unknown_regions_and_periods_are_json_problems(report_client: TestClient) -> None:
    """A bad period is a 422; a missing region or methodology may be a 404 (nothing to find)."""
    for url, params, code in [
        ("/api/v1/ratings/export.xlsx", {"period": "2031Q1"}, "unknown_period"),
        ("/api/v1/regions/RU-XX/profile.xlsx", {}, "unit_not_in_data"),
        ("/api/v1/regions/RU-TA/brief.pdf", {"period": "2031Q1"}, "unknown_period"),
        ("/api/v1/regions/RU-TA/brief.pdf", {"methodology": "nope"}, "no_ratings"),
    ]:
        response = report_client.get(url, params=params)
        assert response.status_code in ((422,) if code == "unknown_period" else (404, 422)), url
        body = response.json()
        assert [p["code"] for p in body["problems"]] == [code]


def test_the_downloads_are_in_the_openapi_document(report_client: TestClient) -> None:
    paths = report_client.get("/openapi.json").json()["paths"]
    assert XLSX in paths["/api/v1/ratings/export.xlsx"]["get"]["responses"]["200"]["content"]
    assert (
        XLSX in paths["/api/v1/regions/{code}/profile.xlsx"]["get"]["responses"]["200"]["content"]
    )
    pdf = paths["/api/v1/regions/{code}/brief.pdf"]["get"]["responses"]["200"]["content"]
    assert "application/pdf" in pdf


def test_without_pdf_libraries_the_brief_is_a_503_and_the_rest_still_works(
    report_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unavailable(*args, **kwargs) -> bytes:
        raise PdfUnavailable("no Pango here")

    monkeypatch.setattr(exports, "brief_pdf", unavailable)
    response = report_client.get("/api/v1/regions/RU-TA/brief.pdf")
    assert response.status_code == 503 and "code" in response.json()
    assert report_client.get("/api/v1/regions/RU-TA/profile.xlsx").status_code == 200


def test_the_downloads_in_english_by_query_or_by_header(
    report_client: TestClient, poppler: dict[str, str], weasyprint: ModuleType, tmp_path: Path
) -> None:
    url = "/api/v1/ratings/export.xlsx"
    by_header = {"Accept-Language": "en-GB,en;q=0.9,ru;q=0.8"}
    for params, headers in (({"lang": "en"}, {}), ({}, by_header)):
        response = report_client.get(url, params={"period": "2025Q3", **params}, headers=headers)
        assert response.status_code == 200 and response.headers["content-language"] == "en"
        names = _names(response.headers["content-disposition"])
        assert names == ("rating_2025Q3.xlsx", "rating_2025Q3.xlsx")
        assert load_workbook(io.BytesIO(response.content)).sheetnames == ["Rating"]

    response = report_client.get("/api/v1/regions/RU-TA/profile.xlsx", headers=by_header)
    assert _names(response.headers["content-disposition"])[1] == "profile_RU-TA_2025Q4.xlsx"
    assert load_workbook(io.BytesIO(response.content)).sheetnames[0] == "Summary"

    response = report_client.get("/api/v1/regions/RU-TA/brief.pdf", params={"lang": "en"})
    assert _names(response.headers["content-disposition"])[1] == "brief_RU-TA_2025Q4.pdf"
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        [poppler["pdftotext"], str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert "Republic of Tatarstan" in text and "Республика" not in text


def test_the_query_wins_over_the_header_and_russian_is_the_default(
    report_client: TestClient,
) -> None:
    url = "/api/v1/ratings/export.xlsx"
    english = {"Accept-Language": "en"}
    for params, headers in (({"lang": "ru"}, english), ({}, {}), ({}, {"Accept-Language": "de"})):
        response = report_client.get(url, params=params, headers=headers)
        assert response.headers["content-language"] == "ru"
        assert _names(response.headers["content-disposition"])[1] == "Рейтинг_2025Q4.xlsx"
        assert load_workbook(io.BytesIO(response.content)).sheetnames == ["Рейтинг"]
    assert "Accept-Language" in response.headers["vary"]
    refused = report_client.get(url, params={"lang": "de"})
    assert refused.status_code == 422 and refused.json()["problems"][0]["path"] == "query.lang"


def test_the_lang_parameter_is_in_the_openapi_document(report_client: TestClient) -> None:
    paths = report_client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/v1/ratings/export.xlsx",
        "/api/v1/regions/{code}/profile.xlsx",
        "/api/v1/regions/{code}/brief.pdf",
    ):
        lang = next(p for p in paths[path]["get"]["parameters"] if p["name"] == "lang")
        assert lang["in"] == "query" and not lang.get("required", False)
        enums = [k["enum"] for k in lang["schema"].get("anyOf", [lang["schema"]]) if "enum" in k]
        assert enums == [["ru", "en"]]


def test_the_pages_link_to_the_downloads_in_their_language(report_client: TestClient) -> None:
    rating_page = report_client.get("/", params={"lang": "en"}).text
    assert "/api/v1/ratings/export.xlsx?period=2025Q4&amp;lang=en" in rating_page
    region_page = report_client.get("/regions/RU-TA").text  # the session keeps English
    assert "/api/v1/regions/RU-TA/profile.xlsx?period=2025Q4&amp;lang=en" in region_page
    assert "/api/v1/regions/RU-TA/brief.pdf?period=2025Q4&amp;lang=en" in region_page
    russian = report_client.get("/regions/RU-TA", params={"lang": "ru"}).text
    assert "/api/v1/regions/RU-TA/brief.pdf?period=2025Q4&amp;lang=ru" in russian


def test_a_planted_formula_comes_out_of_the_downloaded_profile_as_text(
    report_client: TestClient,
) -> None:
    headers = bearer(report_client, "admin")
    task = {"title": "=1+1", "region": "RU-TA", "responsible": "+7 999", "deadline": "2026-06-30"}
    assert report_client.post("/api/v1/tasks", json=task, headers=headers).status_code == 201
    response = report_client.get("/api/v1/regions/RU-TA/profile.xlsx", headers=headers)
    sheet = load_workbook(io.BytesIO(response.content))["Поручения"]
    planted = next(r for r in sheet.iter_rows() if r[0].value == "=1+1")
    assert [(c.value, c.data_type) for c in planted[:2]] == [("=1+1", "s"), ("+7 999", "s")]
    assert response.headers["cache-control"] == "private, no-store"  # a reader's own file
