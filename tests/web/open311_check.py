"""What every Open311 test checks an answer against: the JSON Schemas of GeoReport v2 in
`../shared/reference/open311/` (draft 4, formats checked; the test skips with the reason where
that folder is absent, and fails under CI=true), and the XML's element names."""

from __future__ import annotations

import json
import os
from pathlib import Path
from xml.etree import ElementTree

import pytest

SCHEMAS = Path(__file__).resolve().parents[2] / ".." / "shared" / "reference" / "open311"


def _schema_dir() -> Path:
    if not SCHEMAS.is_dir():
        reason = f"the Open311 JSON Schemas are not at {SCHEMAS.resolve()}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; CI has them")
        pytest.skip(reason)
    return SCHEMAS


def validate(document: object, schema_name: str) -> None:
    """`document` is valid under the schema file `schema_name` (e.g. "requests.json")."""
    import jsonschema_rs

    folder = _schema_dir()

    def retrieve(uri: str) -> object:
        return json.loads((folder / uri.rsplit("/", 1)[-1]).read_text(encoding="utf-8"))

    schema = json.loads((folder / schema_name).read_text(encoding="utf-8"))
    validator = jsonschema_rs.Draft4Validator(
        schema,
        validate_formats=True,
        retriever=retrieve,
        base_uri=f"https://open311.test/{schema_name}",
    )
    errors = [f"{e.instance_path}: {e.message}" for e in validator.iter_errors(document)]
    assert not errors, errors


def xml_of(response) -> ElementTree.Element:
    """The parsed XML answer, after its declaration and content type are checked."""
    assert response.headers["content-type"] == "application/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    return ElementTree.fromstring(response.content)


def json_of(response) -> object:
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    return response.json()


def assert_errors(response, status: int, *words: str) -> list[str]:
    """An error answer in the spec's shape (JSON or XML by the path), each of `words` in it;
    returns the descriptions."""
    assert response.status_code == status, response.text
    if response.headers["content-type"].startswith("application/json"):
        errors = response.json()
        assert isinstance(errors, list) and errors
        assert all(set(e) == {"code", "description"} for e in errors), errors
        assert all(e["code"] == status for e in errors)
        descriptions = [e["description"] for e in errors]
    else:
        root = xml_of(response)
        assert root.tag == "errors" and [e.tag for e in root] == ["error"] * len(root)
        assert all(e.findtext("code") == str(status) for e in root)
        descriptions = [e.findtext("description") or "" for e in root]
    text = " ".join(descriptions)
    for w in words:
        assert w in text, (w, descriptions)
    return descriptions
