"""A raw data mart's Table Schema: the columns an agency publishes and the rules each value obeys.

The format is the subset of the Frictionless Table Schema that Tsifra's marts need, in YAML:
`fields` (name, type, constraints) and a `primaryKey`. Types: string, integer, number, boolean,
date, datetime. Constraints: required, unique, minimum, maximum (numbers, dates, datetimes),
enum (strings, integers) and pattern (strings, matched against the whole value, as Frictionless
does). Our own small implementation rather than a dependency, because the checks of a mart's
files run as DuckDB queries over millions of rows (`tsifra.marts.checks`), where a row-by-row
validator would not scale; this module only reads and checks the schema itself.

A `datetime` is naive UTC: marts record instants without a time zone, so that a quarter is the
same quarter on every engine and every machine.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.methodology.loader import pydantic_problems, yaml_mapping

BUNDLED_PACKAGE = "tsifra.marts.bundled"
SUFFIX = ".schema.yaml"

FieldType = Literal["string", "integer", "number", "boolean", "date", "datetime"]
ORDERED = {"integer", "number", "date", "datetime"}  # types that take minimum and maximum
ENUMERABLE = {"string", "integer"}
Bound = bool | int | float | datetime | date | str


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt constraint must not silently check nothing."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Constraints(Strict):
    required: bool = False
    unique: bool = False
    minimum: Bound | None = None
    maximum: Bound | None = None
    enum: list[Bound] | None = Field(default=None, min_length=1)
    pattern: str | None = None


class SchemaField(Strict):
    name: str = Field(min_length=1)
    type: FieldType = "string"
    title: str | None = None
    description: str | None = None
    constraints: Constraints = Constraints()

    @property
    def minimum(self) -> Any:
        """The lower bound as a value of the field's type (None when unset)."""
        return coerce(self.constraints.minimum, self.type)

    @property
    def maximum(self) -> Any:
        return coerce(self.constraints.maximum, self.type)

    @property
    def enum(self) -> list[Any] | None:
        values = self.constraints.enum
        return None if values is None else [coerce(v, self.type) for v in values]


class TableSchema(Strict):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="the mart's name, its file stem")
    title: str
    title_en: str | None = None
    description: str | None = None
    fields: list[SchemaField] = Field(min_length=1)
    primary_key: list[str] = Field(default_factory=list, alias="primaryKey")

    @field_validator("primary_key", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @cached_property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> SchemaField:
        return next(f for f in self.fields if f.name == name)

    def required(self, name: str) -> bool:
        """Primary-key fields are required even when not marked so, as in Frictionless."""
        return self.field(name).constraints.required or name in self.primary_key


def bundled_marts() -> list[str]:
    """Names of the marts whose schemas ship with Tsifra (and that formulas read)."""
    return sorted(
        p.name.removesuffix(SUFFIX)
        for p in resources.files(BUNDLED_PACKAGE).iterdir()
        if p.name.endswith(SUFFIX)
    )


def load_table_schema(source: str | Path) -> TableSchema:
    """A schema from a file path or a bundled mart's name; ValidationFailed lists every problem."""
    path = Path(source)
    if not path.is_file():
        bundled = resources.files(BUNDLED_PACKAGE).joinpath(f"{source}{SUFFIX}")
        if not bundled.is_file():
            raise ValidationFailed([Problem("file_not_found", file=str(source))])
        path = Path(str(bundled))
    return parse_table_schema(path.read_text(encoding="utf-8"), file=str(source))


def parse_table_schema(text: str, file: str = "<schema>") -> TableSchema:
    raw = yaml_mapping(text, file)
    try:
        schema = TableSchema.model_validate(raw)
    except ValidationError as exc:
        raise ValidationFailed(pydantic_problems(exc, file)) from None
    problems = schema_problems(schema, file)
    if problems:
        raise ValidationFailed(problems)
    return schema


def schema_problems(schema: TableSchema, file: str) -> list[Problem]:
    """What parses but cannot be checked: unknown key fields, constraints that do not fit a type."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, f in enumerate(schema.fields):
        if f.name in seen:
            problems.append(
                Problem("duplicate_field", file=file, path=f"fields[{i}].name", value=f.name)
            )
        seen.add(f.name)
        problems += _constraint_problems(f, f"fields[{i}].constraints", file)
    for j, name in enumerate(schema.primary_key):
        if name not in seen:
            problems.append(
                Problem("unknown_key_field", file=file, path=f"primaryKey[{j}]", value=name)
            )
    return problems


def _constraint_problems(f: SchemaField, path: str, file: str) -> list[Problem]:
    c = f.constraints
    out: list[Problem] = []

    def wrong(constraint: str, code: str, value: Any = None, **params: Any) -> None:
        out.append(
            Problem(
                code,
                file=file,
                path=f"{path}.{constraint}",
                value=value,
                params={"constraint": constraint, "type": f.type, **params},
            )
        )

    if c.pattern is not None:
        if f.type != "string":
            wrong("pattern", "constraint_not_for_type")
        else:
            try:
                re.compile(c.pattern)
            except re.error as exc:
                wrong("pattern", "bad_pattern", c.pattern, detail=str(exc))
    if c.enum is not None:
        if f.type not in ENUMERABLE:
            wrong("enum", "constraint_not_for_type")
        else:
            for k, v in enumerate(c.enum):
                if coerce(v, f.type) is None:
                    wrong(f"enum[{k}]", "bad_constraint_value", v)
    for name in ("minimum", "maximum"):
        value = getattr(c, name)
        if value is None:
            continue
        if f.type not in ORDERED:
            wrong(name, "constraint_not_for_type")
        elif coerce(value, f.type) is None:
            wrong(name, "bad_constraint_value", value)
    low, high = f.minimum, f.maximum
    if low is not None and high is not None and low > high:
        out.append(Problem("bad_range", file=file, path=path, params={"low": low, "high": high}))
    return out


def coerce(value: Any, kind: str) -> Any:
    """A constraint's value as the field's type, or None when it is not one.

    YAML reads `2024-01-01` as a date and `2024-01-01 00:00:00` as a datetime, but a quoted value
    stays text; both spellings are accepted, so analysts need not remember which one YAML wants.
    """
    if value is None or isinstance(value, bool):
        return None
    if kind == "integer":
        return value if isinstance(value, int) else None
    if kind == "number":
        return float(value) if isinstance(value, int | float) else None
    if kind == "string":
        return value if isinstance(value, str) else None
    if kind == "datetime":
        if isinstance(value, datetime):
            return value if value.tzinfo is None else None
        if isinstance(value, date):
            return datetime(value.year, value.month, value.day)
        return _parsed(value, datetime.fromisoformat)
    if kind == "date":
        if isinstance(value, datetime):
            return None
        return value if isinstance(value, date) else _parsed(value, date.fromisoformat)
    return None


def _parsed(value: Any, parse) -> Any:
    if not isinstance(value, str):
        return None
    try:
        parsed = parse(value)
    except ValueError:
        return None
    return None if getattr(parsed, "tzinfo", None) is not None else parsed
