"""One region's dispute between sources, on the web: every other region's analyses still work
(API and page), the disputed region's page says what was left out, and the conflicts page
shows both claims and settles the dispute with a reason, audited, for analysts and admins only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from builders import RATED, WEB_PASSWORD, bearer, write_values_csv
from tsifra.ratings.stored import compute_from_store
from tsifra.store import AuditEntry, session_scope
from tsifra.values.ingest import ingest_frame
from tsifra.values.revisions import effective_values, open_conflicts
from tsifra.web import create_app
from tsifra.web.settings import Settings

M = "ru-digital-maturity"
KEY = ("RU-KL", "2025Q4", "gov_pos_on_time")
OTHERS = ("RU-TA", "RU-MOW")


@pytest.fixture
def disputed(database_copy) -> Engine:
    """The web tests' two rated quarters; then Kalmykia's office sends a value the stored
    source disagrees with, and the analyst publishes 2025Q4 with the dispute left out."""
    engine = database_copy(RATED)
    stored = effective_values(engine, indicators=[KEY[2]]).frame.set_index(
        ["unit", "period", "indicator"]
    )
    claimed = float(stored.loc[KEY, "value"])
    frame = pd.DataFrame([dict(zip(("unit", "period", "indicator"), KEY, strict=True))])
    ingest_frame(engine, frame.assign(value=claimed + 9), "region:RU-KL", actor="operator")
    compute_from_store(engine, M, period="2025Q4", leave_out_conflicts=True, actor="analyst")
    return engine


@pytest.fixture
def web(disputed: Engine) -> Iterator[TestClient]:
    url = disputed.url.render_as_string(hide_password=False)
    app = create_app(Settings(database_url=url, secret_key="test-" * 10))
    with TestClient(app) as test_client:
        yield test_client
    app.state.engine.dispose()


def _sign_in(client: TestClient, login: str) -> str:
    """Sign in through the form; returns the session's CSRF token (every signed-in page has
    it in `<meta name="csrf-token">`)."""
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)
    form = {"login": login, "password": WEB_PASSWORD, "csrf": token}
    assert client.post("/login", data=form, follow_redirects=False).status_code == 303
    return re.search(r'name="csrf-token" content="([^"]+)"', client.get("/").text).group(1)


def _audit(engine: Engine, action: str) -> list[AuditEntry]:
    with session_scope(engine) as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()
        session.expunge_all()
        return rows


def test_other_regions_keep_their_forecast_interval_and_whatif_through_the_api(
    web: TestClient,
) -> None:
    for unit in OTHERS:
        forecast = web.get(f"/api/v1/regions/{unit}/forecast")
        assert forecast.status_code == 200, forecast.text
        assert forecast.json()["index"] and forecast.json()["left_out"] == []
        interval = web.get(f"/api/v1/regions/{unit}/uncertainty")
        assert interval.status_code == 200, interval.text
        assert interval.json()["units"][0]["unit"] == unit
        assert interval.json()["left_out"] == []
        whatif = web.post(
            f"/api/v1/regions/{unit}/whatif",
            json={"scenarios": {"цель": {"gov_pos_on_time": "target"}}},
        )
        assert whatif.status_code == 200, whatif.text
        assert whatif.json()["outcomes"][0]["index_after"] is not None
        assert whatif.json()["left_out"] == []


def test_the_disputed_region_is_analysed_and_says_what_was_left_out(web: TestClient) -> None:
    forecast = web.get("/api/v1/regions/RU-KL/forecast")
    assert forecast.status_code == 200, forecast.text
    (item,) = forecast.json()["left_out"]
    assert (item["unit"], item["period"], item["indicator"], item["reason"]) == (*KEY, "conflict")
    assert {c["source"] for c in item["claims"]} == {"region", "region:RU-KL"}
    interval = web.get("/api/v1/regions/RU-KL/uncertainty").json()
    assert [i["indicator"] for i in interval["left_out"]] == [KEY[2]]


def test_region_pages_show_the_analyses_and_the_disputed_one_says_what_and_where(
    web: TestClient,
) -> None:
    other = web.get("/regions/RU-TA").text
    assert 'id="forecast-title"' in other and 'class="rank-interval"' in other
    assert "Прогноз недоступен" not in other and 'id="left-out"' not in other

    page = web.get("/regions/RU-KL").text
    assert "Прогноз недоступен" not in page and 'class="rank-interval"' in page
    section = page[page.index('id="left-out"') : page.index('id="robustness"')]
    assert "источники расходятся (их значения не совпадают)" in section
    assert "IV\u00a0кв.\u00a02025" in section
    assert "учтено как пропуск по правилам методики" in section
    assert "Открытых расхождений в значениях региона: 1" in section
    assert "tsifra resolve" not in page and "командой" not in page
    assert "/conflicts" not in section  # an anonymous reader is told who can resolve
    assert "федеральный аналитик" in section

    _sign_in(web, "analyst")
    signed = web.get("/regions/RU-KL").text
    section = signed[signed.index('id="left-out"') : signed.index('id="robustness"')]
    assert 'href="/conflicts?unit=RU-KL"' in section
    assert "region:RU-KL = " in section and "region = " in section


def test_the_conflicts_page_shows_both_claims_and_resolving_needs_a_reason(
    web: TestClient, disputed: Engine
) -> None:
    assert web.get("/conflicts", follow_redirects=False).status_code == 303  # sign in first
    token = _sign_in(web, "analyst")
    page = web.get("/conflicts").text
    assert "<h1>Расхождения источников</h1>" in page
    (number,) = re.findall(r'<section class="conflict" id="conflict-(\d+)"', page)
    section = page[page.index(f'id="conflict-{number}"') :]
    assert "Республика Калмыкия" in section and "IV\u00a0кв.\u00a02025" in section
    assert "region:RU-KL" in section and ">region<" in section
    assert 'class="table-scroll"' in section and "operator" in section  # who sent the new one

    # An empty reason: refused, the problem said beside the form, nothing written.
    refused = web.post(
        f"/conflicts/{number}/resolve",
        data={"csrf": token, "source": "region", "reason": "  "},
    )
    assert refused.status_code == 422
    problems = refused.text[refused.text.index(f'id="problems-{number}"') :]
    assert "Причина выбора: укажите причину" in problems
    assert 'aria-invalid="true"' in refused.text
    assert len(open_conflicts(disputed)) == 2 and _audit(disputed, "conflict.resolve") == []

    done = web.post(
        f"/conflicts/{number}/resolve",
        data={"csrf": token, "source": "region:RU-KL", "reason": "данные Минцифры региона точнее"},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == f"/conflicts?resolved={number}"
    after = web.get(done.headers["location"]).text
    assert f"Расхождение № {number} разрешено" in after and 'id="no-conflicts"' in after
    assert open_conflicts(disputed).empty
    (entry,) = _audit(disputed, "conflict.resolve")
    assert entry.actor == "analyst" and entry.target == "/".join(KEY)
    assert entry.details == {"source": "region:RU-KL", "reason": "данные Минцифры региона точнее"}
    # The region page no longer counts an open dispute (its cached parts see the resolution);
    # the published rating keeps its figures, and the page says the value enters the next one.
    page = web.get("/regions/RU-KL").text
    section = page[page.index('id="left-out"') : page.index('id="robustness"')]
    assert "Открытых расхождений" not in section
    assert "Расхождение уже разрешено: выбранное значение войдёт в следующий расчёт" in section
    english = web.get("/conflicts", params={"lang": "en"}).text
    assert "<h1>Conflicts between sources</h1>" in english and "No open conflicts" in english


@pytest.mark.parametrize("login", ["operator", "viewer"])
def test_operators_and_viewers_are_refused_and_the_refusal_is_audited(
    web: TestClient, disputed: Engine, login: str
) -> None:
    token = _sign_in(web, login)
    assert web.get("/conflicts").status_code == 403
    number = open_conflicts(disputed)["id"].min()
    refused = web.post(
        f"/conflicts/{number}/resolve", data={"csrf": token, "source": "region", "reason": "x"}
    )
    assert refused.status_code == 403
    assert len(open_conflicts(disputed)) == 2
    actions = {(e.actor, e.action) for e in _audit(disputed, "refused.conflicts.read")}
    actions |= {(e.actor, e.action) for e in _audit(disputed, "refused.conflict.resolve")}
    assert actions == {(login, "refused.conflicts.read"), (login, "refused.conflict.resolve")}


def test_the_api_lists_and_resolves_with_located_problems(
    web: TestClient, disputed: Engine
) -> None:
    assert web.get("/api/v1/conflicts").status_code == 401
    assert web.get("/api/v1/conflicts", headers=bearer(web, "viewer")).status_code == 403
    analyst = bearer(web, "analyst")
    (conflict,) = web.get("/api/v1/conflicts?unit=RU-KL", headers=analyst).json()
    assert (conflict["unit"], conflict["period"], conflict["indicator"]) == KEY
    assert conflict["unit_name"] == "Республика Калмыкия"
    (english,) = web.get("/api/v1/conflicts?lang=en", headers=analyst).json()
    assert "Kalmykia" in english["unit_name"] and english["indicator_name"] != KEY[2]
    assert english["indicator_name"] != conflict["indicator_name"]  # the methodology's English
    claims = conflict["claims"]
    assert [c["source"] for c in claims] == ["region", "region:RU-KL"]
    assert claims[0]["value"] + 9 == pytest.approx(claims[1]["value"])
    assert claims[1]["actor"] == "operator" and claims[0]["batch_id"] < claims[1]["batch_id"]
    assert web.get("/api/v1/conflicts?unit=RU-TA", headers=analyst).json() == []

    url = f"/api/v1/conflicts/{conflict['id']}/resolve"
    bad = web.post(url, json={"source": "nobody", "reason": ""}, headers=analyst)
    assert bad.status_code == 422
    assert {(p["code"], p["path"]) for p in bad.json()["problems"]} == {
        ("unknown_source", "source"),
        ("conflict_reason_required", "reason"),
    }
    assert web.post(
        "/api/v1/conflicts/1999999/resolve", json={"source": "region", "reason": "x"},
        headers=analyst,
    ).status_code == 404  # fmt: skip
    good = web.post(url, json={"source": "region", "reason": "сверено с витриной"}, headers=analyst)
    assert good.status_code == 200, good.text
    assert good.json()["conflict"] == conflict["id"] and good.json()["source"] == "region"
    assert web.get("/api/v1/conflicts", headers=analyst).json() == []
    again = web.post(url, json={"source": "region", "reason": "ещё раз"}, headers=analyst)
    assert again.status_code == 404  # settled: nobody overrules it unknowingly
    # The next rating takes the chosen value in and leaves nothing out.
    run = compute_from_store(disputed, M, period="2025Q4")
    assert run.left_out.empty


def test_the_whatif_page_of_the_disputed_region_says_what_was_left_out(web: TestClient) -> None:
    page = web.get("/regions/RU-KL/whatif", params={"indicator1": "gov_edo", "target1": "on"})
    assert page.status_code == 200
    assert 'id="whatif-result"' in page.text and 'id="left-out"' in page.text
    assert 'id="left-out"' not in web.get("/regions/RU-TA/whatif").text


@pytest.mark.parametrize("login", ["operator", "analyst"])
def test_an_upload_that_disagrees_says_who_settles_it(
    web: TestClient, disputed: Engine, tmp_path, login: str
) -> None:
    """Tatarstan's office (or an analyst, under its own source) sends a value the stored source
    disagrees with: the analyst is sent to the conflicts page, the operator told who settles
    it."""
    stored = effective_values(disputed, indicators=["health_emr"]).frame
    value = stored.set_index(["unit", "period", "indicator"]).loc[
        ("RU-TA", "2025Q4", "health_emr"), "value"
    ]
    path = write_values_csv(tmp_path / "ta.csv", [("RU-TA", "2025Q4", "health_emr", value - 3)])
    token = _sign_in(web, login)
    with path.open("rb") as handle:
        page = web.post("/upload", data={"csrf": token}, files={"file": ("ta.csv", handle)})
    assert page.status_code == 200, page.text
    cell = page.text[page.text.index('id="upload-conflicts"') :]
    cell = cell[: cell.index("</td>")]
    if login == "analyst":
        assert 'href="/conflicts"' in cell
    else:
        assert "федеральный аналитик" in cell and "/conflicts" not in cell
