"""The download routes: attachments with the right media type and names, problems as JSON."""

from __future__ import annotations

import io
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
