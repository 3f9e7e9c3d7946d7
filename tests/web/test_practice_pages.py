"""The registry's pages in-process: the list with its facets and counts, a practice's card with
its costs, measured effect and caveat, the forms (new, edit, stage, verify, replication) with
problems next to their fields, and who sees which button."""

from __future__ import annotations

import io
import re

import yaml
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine

from builders import bearer, csrf_of, log_in
from practice_pages_rows import HOSPITALS, OLD, SCHOOLS
from tsifra.web import create_app
from tsifra.web.settings import Settings

API = "/api/v1/practices"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOWNLOADS = ("/practices.xlsx", "/practices/publiccode.yml")


def _create(client: TestClient, body: dict) -> int:
    made = client.post(API, json=body, headers=bearer(client, "analyst"))
    assert made.status_code == 201, made.text
    return made.json()["id"]


def _count(page: str, facet: str, value: str) -> int:
    found = re.search(
        rf'name="{facet}" value="{value}"[^>]*>.*?data-count="(\d+)"', page, re.DOTALL
    )
    assert found, f"no {facet}={value} in the facets"
    return int(found.group(1))


def _form(client: TestClient, path: str, **fields) -> dict:
    return {"csrf": csrf_of(client, path), **fields}


def test_the_list_with_facets_counts_and_marks(client: TestClient) -> None:
    hospitals, schools, old = (_create(client, b) for b in (HOSPITALS, SCHOOLS, OLD))
    page = client.get("/practices")
    assert page.status_code == 200
    text = page.text
    assert text.count("<h1") == 1 and "Реестр практик" in text
    assert 'data-total="3"' in text
    assert _count(text, "sector", "health") == 2 and _count(text, "sector", "education") == 1
    assert f'href="/practices/{hospitals}"' in text and f'href="/practices/{schools}"' in text
    assert "не проверено более 12 мес." in text.split(f'id="practice-{old}"')[1]
    assert "до/после" in text and 'id="caveat"' in text  # the effect's caveat mark

    narrowed = client.get("/practices", params={"sector": "health"}).text
    assert 'data-total="2"' in narrowed and f'href="/practices/{schools}"' not in narrowed
    # The chosen facet still counts its other values (disjunctive), and is checked.
    assert _count(narrowed, "sector", "education") == 1
    assert re.search(r'name="sector" value="health" checked', narrowed)
    # «больница» finds «больницах» and «Больничный», not the schools.
    words = client.get("/practices", params={"q": "больница"}).text
    assert 'data-total="2"' in words and f'href="/practices/{schools}"' not in words
    assert re.search(r'<option value="" selected>по соответствию запросу', words)
    english = client.get("/practices", params={"lang": "en", "sector": "health"}).text
    assert "Registry of practices" in english and "Healthcare" in english


def test_the_card_shows_costs_software_effect_and_its_caveat(client: TestClient) -> None:
    practice = _create(client, HOSPITALS)
    page = client.get(f"/practices/{practice}")
    assert page.status_code == 200 and page.text.count("<h1") == 1
    text = page.text
    assert "12,5\u00a0млн\u00a0₽" in text and "850,0\u00a0тыс.\u00a0₽" in text
    assert "reestr.digital.gov.ru" in text and "№4925" in text
    assert (
        "Измеренный эффект — разница значений показателя до и после внедрения; "
        "на неё влияют и другие причины." in text
    )
    plain = text.replace("\u00a0", " ")
    assert "(III кв. 2025)" in plain and "(IV кв. 2025)" in plain  # before and after periods
    measured = client.get(f"{API}/{practice}").json()["indicators"][0]["measured"][0]
    assert f"{measured['effect']:+.2f}".replace(".", ",").replace("-", "−") in text
    assert "Отчёт о пилоте" in text and "Пилот" in text and "15.10.2025" in text
    assert 'id="edit-practice"' not in text and 'id="verify-practice"' not in text  # anonymous
    assert "<td>analyst</td>" not in text  # who recorded a stage: for signed-in readers only
    assert client.get("/practices/424242").status_code == 404


def test_buttons_follow_who_may_write(client: TestClient) -> None:
    ours, theirs = _create(client, HOSPITALS), _create(client, SCHOOLS)
    log_in(client, "operator")  # RU-TA
    own = client.get(f"/practices/{ours}").text
    assert 'id="edit-practice"' in own and 'id="change-stage"' in own
    other = client.get(f"/practices/{theirs}").text
    assert 'id="edit-practice"' not in other and 'id="add-replication"' in other
    assert client.get(f"/practices/{theirs}/edit").status_code == 403
    form = _form(client, f"/practices/{ours}", stage="retired", since="2026-01-01")
    assert client.post(f"/practices/{theirs}/stage", data=form).status_code == 403
    assert client.get(f"{API}/{theirs}").json()["stage"] == "production"  # nothing written


def test_a_new_practice_refused_with_problems_beside_its_fields_then_made(
    client: TestClient,
) -> None:
    log_in(client, "analyst")
    assert client.get("/practices/new").status_code == 200
    fields = {
        "title": "", "sector": "health", "regions": ["RU-TA"], "capex": "двенадцать",
        "indicator": ["health_emr", ""], "expected_effect": ["5,5", ""],
        "evidence_kind": ["link"], "evidence_title": ["Сайт"], "evidence_url": ["ftp://x"],
    }  # fmt: skip
    refused = client.post("/practices/new", data=_form(client, "/practices/new", **fields))
    assert refused.status_code == 422
    text = refused.text
    assert "«двенадцать» — не число" in text.split('name="capex"')[1].split("</label>")[0]
    assert 'name="title" required maxlength="500" rows="2" aria-invalid="true"' in text
    assert 'value="5,5"' in text  # what was typed comes back
    assert client.get("/practices").text.count('class="practice-row"') == 0  # nothing written

    fields |= {"title": "Запись к врачу через чат-бот", "capex": "1 250 000,50",
               "evidence_url": ["https://example.org/bot"]}  # fmt: skip
    made = client.post("/practices/new", data=_form(client, "/practices/new", **fields))
    assert made.status_code == 200 and "/practices/" in str(made.url)
    practice = client.get(f"{API}/{str(made.url).rsplit('/', 1)[1]}").json()
    assert practice["capex"] == 1_250_000.5
    (link,) = practice["indicators"]
    assert (link["indicator"], link["expected_effect"]) == ("health_emr", 5.5)


def test_edit_stage_and_verify_through_the_forms(client: TestClient) -> None:
    practice = _create(client, OLD)
    log_in(client, "operator")
    edit = client.get(f"/practices/{practice}/edit").text
    assert 'value="2024-01-15"' in edit and "Больничный лист без бумаги" in edit
    fields = {"title": "Электронный больничный", "sector": "health", "regions": ["RU-TA"],
              "stage": "production", "verified_at": "2024-01-15"}  # fmt: skip
    page = client.post(f"/practices/{practice}/edit", data=_form(client, "/practices", **fields))
    assert page.status_code == 200 and "Электронный больничный" in page.text
    assert "не проверено более 12 мес." in page.text

    bad = _form(client, "/practices", stage="scaled", since="31.02.2026")
    refused = client.post(f"/practices/{practice}/stage", data=bad)
    assert refused.status_code == 422 and "«31.02.2026» — не дата" in refused.text
    good = _form(client, "/practices", stage="scaled", since="01.06.2026", note="Все районы")
    page = client.post(f"/practices/{practice}/stage", data=good).text
    assert "01.06.2026" in page and "Все районы" in page

    verified = client.post(f"/practices/{practice}/verify", data=_form(client, "/practices"))
    assert verified.status_code == 200 and 'id="stale"' not in verified.text


def test_a_replication_through_its_form_counts_only_with_a_contract(client: TestClient) -> None:
    practice = _create(client, SCHOOLS)
    log_in(client, "operator")
    path = f"/practices/{practice}/replications/new"
    claim = {"region": "RU-TA", "started_on": "2026-03-01", "status": "pilot", "agency": "ЦРБ",
             "evidence_kind": ""}  # fmt: skip
    page = client.post(path, data=_form(client, path, **claim)).text
    assert 'id="replication-count">0<' in page and "не учтено: нет контракта или акта" in page
    contract = claim | {"evidence_kind": "contract", "evidence_number": "17",
                        "evidence_date": "2026-02-20"}  # fmt: skip
    page = client.post(path, data=_form(client, path, **contract)).text
    assert 'id="replication-count">1<' in page and "учтено" in page
    bare = claim | {"evidence_kind": "act"}  # an act named, without number, link or file
    page = client.post(path, data=_form(client, path, **bare)).text
    assert 'id="replication-count">1<' in page
    assert "не учтено: у документа нет номера с датой, ссылки или файла" in page
    no_day = client.post(path, data=_form(client, path, **(claim | {"started_on": ""})))
    assert no_day.status_code == 422 and "Укажите дату" in no_day.text


def test_an_anonymous_post_writes_nothing(client: TestClient) -> None:
    token = csrf_of(client, "/login")  # an anonymous session's own token
    fields = {"title": "Чужая", "sector": "health", "csrf": token}
    answer = client.post("/practices/new", data=fields, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
    assert 'data-total="0"' in client.get("/practices").text


def _replaced(workbook: bytes, old: str, new: str) -> bytes:
    """The workbook with every cell reading `old` reading `new`."""
    book = load_workbook(io.BytesIO(workbook))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value == old:
                    cell.value = new
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_downloads_and_the_import_of_the_registry(client: TestClient) -> None:
    practice = _create(client, HOSPITALS)
    workbook = client.get("/practices.xlsx")
    assert workbook.status_code == 200 and workbook.headers["content-type"] == XLSX
    assert "attachment" in workbook.headers["content-disposition"]
    publiccode = client.get("/practices/publiccode.yml")
    assert publiccode.status_code == 200
    (document,) = list(yaml.safe_load_all(publiccode.text))
    assert document["name"] == HOSPITALS["software"] and document["url"] == HOSPITALS["url"]

    assert client.get("/practices/import", follow_redirects=False).status_code == 303
    log_in(client, "viewer")
    assert client.get("/practices/import").status_code == 403
    client.post("/logout", data={"csrf": csrf_of(client, "/practices")})
    log_in(client, "analyst")
    renamed = _replaced(workbook.content, HOSPITALS["title"], "Флюорография с ИИ")
    files = {"file": ("реестр.xlsx", renamed, XLSX)}
    page = client.post("/practices/import", data=_form(client, "/practices/import"), files=files)
    assert page.status_code == 200 and 'id="imported"' in page.text, page.text
    assert "обновлено 1" in page.text
    assert client.get(f"{API}/{practice}").json()["title"] == "Флюорография с ИИ"

    broken = _replaced(renamed, "Здравоохранение", "Космос")
    files = {"file": ("реестр.xlsx", broken, XLSX)}
    page = client.post("/practices/import", data=_form(client, "/practices/import"), files=files)
    assert page.status_code == 422
    row = re.search(r'<tbody><tr><td>(реестр\.xlsx: [^<]+)</td><td>(\d+)</td><td>([^<]+)</td>',
                    page.text)  # fmt: skip
    assert row, page.text  # the file and sheet, the row and the column of the problem
    assert client.get(f"{API}/{practice}").json()["sector"] == "health"  # nothing written


def test_an_anonymous_caller_gets_a_few_downloads_a_minute(rated: Engine) -> None:
    url = rated.url.render_as_string(hide_password=False)
    settings = Settings(database_url=url, secret_key="test-" * 10, rate_limit_exports="2/minute")
    app = create_app(settings)
    with TestClient(app) as client:
        answers = [client.get(path).status_code for path in DOWNLOADS * 2]
        assert answers == [200, 200, 429, 429]
        log_in(client, "viewer")  # a known, audited account is not limited
        assert client.get("/practices.xlsx").status_code == 200
    app.state.engine.dispose()
