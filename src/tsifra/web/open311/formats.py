"""The two formats of GeoReport v2: XML with the spec's element names, and JSON.

Every answer is built once as plain data (dicts, lists, strings, numbers, flags, None) and
written in the format the path asked for (`/services.xml`, `/services.json`), so the two can
never say different things. XML is the spec's required format: a list is a root element with
one element per item (`<service_requests><request>…`), a field is an element of its name, an
empty field an empty element, a flag `true`/`false`, a nested list named by `ITEMS`
(`<attributes><attribute>…`). Characters XML 1.0 cannot carry (control characters a client
may have sent) are dropped from XML only; JSON escapes them.
"""

from __future__ import annotations

import json
import re
from typing import Any
from xml.etree import ElementTree

from fastapi.responses import Response

FORMATS = ("xml", "json")
XML_TYPE = "application/xml; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"
DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
# The element of each item of a nested list, as the spec's XML examples name them.
ITEMS = {
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "notes": "note",
}
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def answer(
    data: Any,
    fmt: str,
    root: str,
    item: str | None = None,
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    """`data` (a list of items named `item` under `root`, or one dict as `root`) as XML or JSON."""
    if fmt == "json":
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        return Response(body, status_code=status, media_type=JSON_TYPE, headers=headers)
    return Response(xml(data, root, item), status_code=status, media_type=XML_TYPE, headers=headers)


def xml(data: Any, root: str, item: str | None = None) -> bytes:
    element = ElementTree.Element(root)
    if isinstance(data, list):
        for entry in data:
            _fill(ElementTree.SubElement(element, item or "item"), entry)
    else:
        _fill(element, data)
    return DECLARATION + ElementTree.tostring(element, encoding="unicode").encode()


def _fill(element: ElementTree.Element, value: Any) -> None:
    if isinstance(value, dict):
        for name, inner in value.items():
            _fill(ElementTree.SubElement(element, name), inner)
    elif isinstance(value, list):
        for inner in value:
            _fill(ElementTree.SubElement(element, ITEMS.get(element.tag, "item")), inner)
    elif value is None:
        return
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    else:
        element.text = NOT_XML.sub("", str(value))
