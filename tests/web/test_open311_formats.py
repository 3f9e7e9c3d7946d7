"""The two formats of GeoReport v2 written from one piece of data: XML with the spec's element
names (nested lists by `ITEMS`), flags as true/false, empty fields as empty elements, and no
character XML 1.0 cannot carry; JSON as sent."""

from __future__ import annotations

import json
from xml.etree import ElementTree

from tsifra.web.open311.formats import answer, xml


def test_the_same_data_in_both_formats() -> None:
    data = [
        {
            "service_request_id": "7",
            "metadata": True,
            "description": None,
            "lat": 54.5,
            "notes": [{"action": "submitted"}, {"action": "registered"}],
            "attributes": [{"values": [{"key": "yes"}]}],
            "text": "яма\x01 и <тег> & «кавычки»",
        }
    ]
    root = ElementTree.fromstring(xml(data, "service_requests", "request"))
    request = root.find("request")
    assert request.findtext("service_request_id") == "7"
    assert request.findtext("metadata") == "true"
    assert request.find("description") is not None and request.find("description").text is None
    assert [n.findtext("action") for n in request.findall("notes/note")] == [
        "submitted",
        "registered",
    ]
    assert request.findtext("attributes/attribute/values/value/key") == "yes"
    assert request.findtext("text") == "яма и <тег> & «кавычки»"  # the control character dropped
    as_json = answer(data, "json", "service_requests", "request")
    assert json.loads(as_json.body) == data  # JSON escapes it instead
    assert as_json.headers["content-type"] == "application/json; charset=utf-8"
    as_xml = answer(data, "xml", "service_requests", "request", status=400)
    assert as_xml.status_code == 400
    assert as_xml.headers["content-type"] == "application/xml; charset=utf-8"
