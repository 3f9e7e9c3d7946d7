"""Open311 discovery, services and service definitions, in XML and JSON, and the spec's error
shape for every refusal (one SQLite database for the module: these answers read no case)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from open311_check import assert_errors, json_of, validate, xml_of

from databases import Templates
from tsifra.cases.categories import leaves
from tsifra.web import create_app
from tsifra.web.settings import Settings

V2 = "/open311/v2"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, templates: Templates) -> Iterator[TestClient]:
    url = templates.sqlite_copy(None, tmp_path_factory.mktemp("open311") / "tsifra.db")
    app = create_app(Settings(database_url=url, secret_key="test-" * 10))
    with TestClient(app) as test_client:
        yield test_client
    app.state.engine.dispose()


def test_discovery_names_this_endpoint_and_both_formats(client: TestClient) -> None:
    document = json_of(client.get(f"{V2}/discovery.json"))
    (endpoint,) = document["endpoints"]
    assert endpoint["url"] == "http://testserver/open311/v2"
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["formats"] == ["text/xml", "application/json"]
    assert document["changeset"].endswith("+03:00") and "api_key" not in document["contact"]
    root = xml_of(client.get(f"{V2}/discovery.xml"))
    assert root.tag == "discovery"
    assert [f.text for f in root.iter("format")] == ["text/xml", "application/json"]
    assert root.find("endpoints/endpoint/url").text == "http://testserver/open311/v2"


def test_services_list_every_leaf_a_citizen_may_file_under(client: TestClient) -> None:
    services = json_of(client.get(f"{V2}/services.json"))
    validate(services, "services.json")
    filed = [leaf.code for leaf in leaves() if leaf.kinds & {"appeal", "message"}]
    assert [s["service_code"] for s in services] == filed and len(filed) > 20
    pits = next(s for s in services if s["service_code"] == "roads.pits.yard")
    assert pits["service_name"] == "Ямы во дворе и на проезде"
    assert pits["group"] == "Дороги и тротуары" and pits["metadata"] is True
    assert pits["type"] == "realtime" and "Покрытие дорог" in pits["keywords"]
    assert "раб. дн." in pits["description"]
    english = client.get(f"{V2}/services.json", headers={"Accept-Language": "en"}).json()
    assert next(s for s in english if s["service_code"] == "roads.pits.yard")["group"] == (
        "Roads and pavements"
    )

    root = xml_of(client.get(f"{V2}/services.xml"))
    assert root.tag == "services" and {e.tag for e in root} == {"service"}
    first = root[0]
    assert [e.tag for e in first] == [
        "service_code", "service_name", "description", "metadata", "type", "keywords", "group",
    ]  # fmt: skip
    assert first.findtext("metadata") == "true"
    assert [e.findtext("service_code") for e in root] == filed


def test_a_definition_lists_its_attributes(client: TestClient) -> None:
    definition = json_of(client.get(f"{V2}/services/roads.pits.yard.json"))
    validate(definition, "service-definition.json")
    assert definition["service_code"] == "roads.pits.yard"
    codes = [a["code"] for a in definition["attributes"]]
    assert codes == ["publish", "show_name", "kind", "oktmo"]
    publish = definition["attributes"][0]
    assert publish["datatype"] == "singlevaluelist" and publish["required"] is False
    assert [v["key"] for v in publish["values"]] == ["yes", "no"]
    assert "59-ФЗ" in publish["description"]
    root = xml_of(client.get(f"{V2}/services/roads.pits.yard.xml"))
    assert root.tag == "service_definition"
    attribute = root.find("attributes/attribute")
    assert attribute.findtext("code") == "publish" and attribute.findtext("variable") == "true"
    assert [v.findtext("key") for v in attribute.findall("values/value")] == ["yes", "no"]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_refusals_are_in_the_spec_shape(client: TestClient, fmt: str) -> None:
    assert_errors(client.get(f"{V2}/services/roads.json".replace("json", fmt)), 404)
    assert_errors(client.get(f"{V2}/services/no.such.thing.{fmt}"), 404, "не найдено")
    assert_errors(client.get(f"{V2}/nothing/here.{fmt}"), 404)
    assert_errors(client.delete(f"{V2}/services.{fmt}"), 405)
    assert_errors(client.get(f"{V2}/tokens/abc.{fmt}"), 404)
    assert_errors(client.get(f"{V2}/services.{fmt}?jurisdiction_id=RU-XX"), 400, "RU-XX")
    refused = client.post(f"{V2}/requests.{fmt}", data={"service_code": "roads.pits.yard"})
    assert_errors(refused, 403, "api_key")
    bad_key = client.post(f"{V2}/requests.{fmt}", data={"api_key": "guess"})
    assert_errors(bad_key, 403)
    listed = client.get(f"{V2}/requests.{fmt}?status=pending&start_date=yesterday&page_size=999")
    lines = assert_errors(listed, 400, "status", "start_date", "page_size")
    assert len(lines) == 3


def test_a_format_nobody_serves_is_a_404_in_xml_and_answers_carry_the_headers(
    client: TestClient,
) -> None:
    answer = client.get(f"{V2}/services.html")
    assert_errors(answer, 404)
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'self'" in answer.headers["content-security-policy"]
    english = client.get(f"{V2}/services/none.json?lang=en")
    assert_errors(english, 404, "not found")
    paths = client.get("/openapi.json").json()["paths"]
    assert not [p for p in paths if p.startswith("/open311")]  # the spec documents them
