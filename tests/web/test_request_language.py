"""One language per request for the API as for the pages: `?lang`, the session, then
`Accept-Language`; Russian by default. The what-if API and the error answers follow it."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tsifra.web.language import preferred

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
SCENARIOS = {"scenarios": {"ЕПГУ": {"gov_pos_on_time": "target"}}}


def _names(answer: dict) -> list[str]:
    return [row["name"] for row in answer["outcomes"][0]["rows"]]


def test_the_what_if_api_answers_in_the_language_asked_for(client: TestClient) -> None:
    url = "/api/v1/regions/RU-TA/whatif"
    russian = client.post(url, json=SCENARIOS).json()
    assert any(CYRILLIC.search(n) for n in _names(russian))
    for asked in ({"params": {"lang": "en"}}, {"headers": {"Accept-Language": "en"}}):
        with TestClient(client.app) as fresh:  # no session carried over from another request
            english = fresh.post(url, json=SCENARIOS, **asked).json()
        names = _names(english)
        assert names and not [n for n in names if CYRILLIC.search(n)], (asked, names)
        assert english["outcomes"][0]["scenario"] == "ЕПГУ"  # what the user typed stays as typed


def test_errors_answer_in_the_request_language_with_the_same_code(client: TestClient) -> None:
    url = "/api/v1/regions/RU-TA/whatif"
    bad = {"scenarios": {"x": {"nope": 1}}}
    with TestClient(client.app) as fresh:
        russian = fresh.post(url, json=bad).json()
    with TestClient(client.app) as fresh:
        english = fresh.post(url, json=bad, headers={"Accept-Language": "en-US,en;q=0.9"}).json()
    assert russian["code"] == english["code"]
    assert [p["code"] for p in russian["problems"]] == [p["code"] for p in english["problems"]]
    assert CYRILLIC.search(russian["message"]) and not CYRILLIC.search(english["message"])
    assert not CYRILLIC.search(english["problems"][0]["message"])
    missing = client.get("/api/v1/no-such-thing", params={"lang": "en"}).json()
    assert missing == {"code": "not_found", "message": "not found"}


def test_an_unknown_language_is_refused_by_the_api_and_shown_as_a_page_to_a_browser(
    client: TestClient,
) -> None:
    refused = client.post("/api/v1/regions/RU-TA/whatif", json=SCENARIOS, params={"lang": "de"})
    assert refused.status_code == 422 and refused.json()["problems"][0]["path"] == "query.lang"
    page = client.get("/", params={"lang": "de"}, headers={"Accept": "text/html"})
    assert page.status_code == 422 and "<h1>" in page.text and "query.lang" in page.text


def test_accept_language_is_weighed() -> None:
    assert preferred("en-GB,en;q=0.9,ru;q=0.8") == "en"
    assert preferred("ru-RU,ru;q=0.9,en-US;q=0.8") == "ru"
    assert preferred("de-DE,en;q=0.3,ru;q=0.7") == "ru"
    assert preferred("de,fr") is None and preferred("") is None
    assert preferred("en;q=bad,ru") == "ru"
