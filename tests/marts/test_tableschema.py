"""Table Schemas of raw marts: the bundled ones load; every mistake is named with its path."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.marts.tableschema import (
    bundled_marts,
    load_table_schema,
    parse_table_schema,
)

GOOD = """
name: things
title: Things
fields:
  - {name: id, type: integer, constraints: {minimum: 1}}
  - {name: code, type: string, constraints: {unique: true, pattern: "[A-Z]{3}"}}
  - {name: kind, type: string, constraints: {enum: [a, b]}}
  - {name: share, type: number, constraints: {minimum: 0, maximum: 100}}
  - {name: flag, type: boolean, constraints: {required: true}}
  - {name: day, type: date, constraints: {minimum: 2020-01-01, maximum: "2030-12-31"}}
  - {name: at, type: datetime, constraints: {minimum: "2020-01-01T00:00:00"}}
primaryKey: id
"""


def problems(text: str) -> list[Problem]:
    with pytest.raises(ValidationFailed) as caught:
        parse_table_schema(text, file="things.schema.yaml")
    assert all(p.file == "things.schema.yaml" for p in caught.value.problems)
    return caught.value.problems


def with_field(field: str) -> str:
    return f"name: things\ntitle: Things\nfields:\n  - {{name: id, type: integer}}\n  - {field}\n"


def test_the_bundled_marts_load():
    assert bundled_marts() == ["appeals", "building_permits", "river_gauges", "service_requests"]
    for mart in bundled_marts():
        schema = load_table_schema(mart)
        assert schema.name == mart
        assert schema.primary_key and all(schema.required(k) for k in schema.primary_key)


def test_constraint_values_take_the_field_type():
    schema = parse_table_schema(GOOD)
    assert schema.primary_key == ["id"]  # one name is a one-field key
    assert schema.field("share").minimum == 0.0
    assert schema.field("day").minimum == date(2020, 1, 1)
    assert schema.field("day").maximum == date(2030, 12, 31)  # quoted or not, a date
    assert schema.field("at").minimum == datetime(2020, 1, 1)
    assert schema.field("kind").enum == ["a", "b"]
    assert schema.required("id") and schema.required("flag") and not schema.required("kind")


def test_a_misspelt_constraint_is_named_with_its_path():
    (p,) = problems(with_field("{name: n, type: integer, constraints: {minimun: 1}}"))
    assert (p.code, p.path) == ("extra_forbidden", "fields[1].constraints.minimun")


def test_an_unknown_type_lists_the_known_ones():
    (p,) = problems(with_field("{name: n, type: text}"))
    assert (p.code, p.path) == ("literal_error", "fields[1].type")
    assert "datetime" in p.message("ru")


def test_a_field_declared_twice():
    (p,) = problems(with_field("{name: id, type: string}"))
    assert (p.code, p.path, p.value) == ("duplicate_field", "fields[1].name", "id")
    assert "id" in p.message("ru")


def test_a_primary_key_names_fields_that_exist():
    text = with_field("{name: n, type: integer}") + "primaryKey: [id, nope]\n"
    (p,) = problems(text)
    assert (p.code, p.path, p.value) == ("unknown_key_field", "primaryKey[1]", "nope")


@pytest.mark.parametrize(
    ("field", "path"),
    [
        ("{name: n, type: integer, constraints: {pattern: '[0-9]+'}}", "pattern"),
        ("{name: n, type: boolean, constraints: {enum: [true]}}", "enum"),
        ("{name: n, type: string, constraints: {minimum: a}}", "minimum"),
        ("{name: n, type: boolean, constraints: {maximum: 1}}", "maximum"),
    ],
)
def test_a_constraint_that_does_not_fit_the_type(field, path):
    (p,) = problems(with_field(field))
    assert (p.code, p.path) == ("constraint_not_for_type", f"fields[1].constraints.{path}")
    assert path in p.message("ru") and path in p.message("en")


@pytest.mark.parametrize(
    ("field", "path"),
    [
        ("{name: n, type: datetime, constraints: {minimum: yesterday}}", "minimum"),
        (
            "{name: n, type: datetime, constraints: {maximum: '2024-01-01T00:00:00+03:00'}}",
            "maximum",
        ),
        ("{name: n, type: integer, constraints: {minimum: 1.5}}", "minimum"),
        ("{name: n, type: date, constraints: {minimum: 2024-01-01 10:00:00}}", "minimum"),
        ("{name: n, type: integer, constraints: {enum: [1, two]}}", "enum[1]"),
    ],
)
def test_a_constraint_value_of_the_wrong_type(field, path):
    (p,) = problems(with_field(field))
    assert (p.code, p.path) == ("bad_constraint_value", f"fields[1].constraints.{path}")


def test_minimum_above_maximum():
    (p,) = problems(with_field("{name: n, type: number, constraints: {minimum: 5, maximum: 1}}"))
    assert (p.code, p.path) == ("bad_range", "fields[1].constraints")


def test_a_pattern_that_is_no_regular_expression():
    (p,) = problems(with_field("{name: n, type: string, constraints: {pattern: '[A-Z'}}"))
    assert (p.code, p.value) == ("bad_pattern", "[A-Z")


def test_every_problem_at_once():
    text = (
        "name: things\ntitle: Things\nfields:\n"
        "  - {name: a, type: integer, constraints: {pattern: x}}\n"
        "  - {name: a, type: string, constraints: {minimum: 1}}\n"
        "primaryKey: b\n"
    )
    codes = [p.code for p in problems(text)]
    assert codes == [
        "constraint_not_for_type",
        "duplicate_field",
        "constraint_not_for_type",
        "unknown_key_field",
    ]


def test_yaml_syntax_names_the_line():
    (p,) = problems("name: things\nfields: [\n  - oops\n")
    assert p.code == "yaml_syntax" and p.row is not None


def test_a_missing_file_or_unknown_mart():
    with pytest.raises(ValidationFailed) as caught:
        load_table_schema("no_such_mart")
    assert [p.code for p in caught.value] == ["file_not_found"]


def test_a_schema_file_on_disk(tmp_path):
    path = tmp_path / "things.schema.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert load_table_schema(path).field_names == [
        "id",
        "code",
        "kind",
        "share",
        "flag",
        "day",
        "at",
    ]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_messages_are_filled_in(lang):
    text = with_field("{name: n, type: string, constraints: {minimum: 1, pattern: '[a'}}")
    for p in problems(text):
        assert "{" not in p.message(lang), p.message(lang)
