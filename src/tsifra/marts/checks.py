"""Checking a mart's files against its Table Schema, as DuckDB queries that scale to 10M+ rows.

Every rule becomes a SQL condition that is true where a row breaks it; one scan counts the rows
breaking each rule, and only rules with failures are queried again for their first `limit` rows.
So a clean 10-million-row mart costs one pass (with a distinct count per unique key), and a broken
one reports every kind of problem (with file, column, row and value) without flooding the user:
past `limit` rows a rule gets one `more_rows` problem with the count.

Rows are numbered as users find them: in a CSV file as a spreadsheet shows it (header = row 1),
in a Parquet file by record (first record = row 1). CSV values are checked as the text they are,
so "12,5" in an integer column is reported as written; the accepted spellings are the ones
`tsifra.marts.backends` reads identically on DuckDB and Spark.

A mart is validated with DuckDB whatever engine will compute its formulas: the check needs
row numbers and fast counts, not a cluster. Engine-specific limits (Spark cannot read nanosecond
timestamps) are reported as problems too, before any JVM starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import duckdb

from tsifra.kernel.problems import Problem
from tsifra.marts.layout import MartFiles
from tsifra.marts.tableschema import SchemaField, TableSchema

_INTEGERS = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT")
ACCEPTED: dict[str, tuple[str, ...]] = {  # DuckDB types a Parquet column may have, per field type
    "string": ("VARCHAR",),
    "integer": (*_INTEGERS, *(f"U{t}" for t in _INTEGERS)),
    "number": (*_INTEGERS, *(f"U{t}" for t in _INTEGERS), "FLOAT", "DOUBLE", "DECIMAL"),
    "boolean": ("BOOLEAN",),
    "date": ("DATE",),
    "datetime": ("TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS"),
}
# How CSV text must look for each type. Both engines parse exactly these spellings the same way.
TEXT_PATTERNS: dict[str, str] = {
    "integer": r"[+-]?[0-9]{1,18}",
    "number": r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?",
    "date": r"[0-9]{4}-[0-9]{2}-[0-9]{2}",
    "datetime": r"[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?)?",
}
TRUE_TEXT, FALSE_TEXT = ("true", "1"), ("false", "0")  # compared in lower case
EXAMPLES = {
    "integer": "42",
    "number": "12.5",
    "boolean": "true",
    "date": "2024-03-31",
    "datetime": "2024-03-31 23:59:59",
}
SYNTHETIC_KEY = "tsifra.synthetic"


@dataclass(frozen=True)
class MartCheck:
    """A mart's files against its schema: the row count and every problem found."""

    files: MartFiles
    rows: int
    problems: tuple[Problem, ...]
    synthetic: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class _Rule:
    code: str
    column: str
    condition: str  # SQL over the view `src`, true where a row breaks the rule
    shown: str  # SQL of the value the problem quotes
    params: dict[str, Any] = field(default_factory=dict)


def check_mart(
    files: MartFiles, schema: TableSchema, *, engine: str = "duckdb", limit: int = 10
) -> MartCheck:
    """Check every file of a mart; `engine` adds the limits of the engine that will read it."""
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")  # callers draw their own
        problems = _structure(con, files, schema, engine)
        synthetic = _synthetic(con, files)
        if problems:  # value queries would fail on a missing or mistyped column
            return MartCheck(files, 0, tuple(problems), synthetic)
        _register(con, files, schema)
        rules = _rules(files, schema)
        keys = [[f.name] for f in schema.fields if f.constraints.unique]
        if schema.primary_key and schema.primary_key not in keys:
            keys.append(list(schema.primary_key))
        counts = con.execute(
            "SELECT count(*)"
            + "".join(f", count(*) FILTER (WHERE {r.condition})" for r in rules)
            + "".join(f", {_repeats(key)}" for key in keys)
            + " FROM src"
        ).fetchone()
        rows = int(counts[0])
        if rows == 0:
            return MartCheck(files, 0, (Problem("no_data", file=str(files.location)),), synthetic)
        for rule, count in zip(rules, counts[1 : 1 + len(rules)], strict=True):
            if count:
                problems += _rule_problems(con, files, rule, int(count), limit)
        for key, repeats in zip(keys, counts[1 + len(rules) :], strict=True):
            if repeats:  # where the repeats are costs a second pass: only when there are some
                problems += _duplicates(con, files, schema, key, limit)
        return MartCheck(files, rows, tuple(problems), synthetic)
    finally:
        con.close()


def _structure(
    con: duckdb.DuckDBPyConnection, files: MartFiles, schema: TableSchema, engine: str
) -> list[Problem]:
    problems: list[Problem] = []
    for path in files.paths:
        try:
            described = con.execute(f"DESCRIBE SELECT * FROM {_reader(files, [path])}").fetchall()
        except duckdb.Error as exc:
            detail = str(exc).splitlines()[0]
            problems.append(Problem("unreadable", file=str(path), params={"detail": detail}))
            continue
        present = {row[0]: str(row[1]) for row in described}
        for f in schema.fields:
            kind = present.get(f.name)
            if kind is None:
                problems.append(
                    Problem("missing_column", file=str(path), column=f.name, value=f.name)
                )
            elif files.format == "parquet":
                problems += _type_problems(f, kind, str(path), engine)
    return problems


def _type_problems(f: SchemaField, kind: str, file: str, engine: str) -> list[Problem]:
    params = {"actual": kind, "expected": f.type}
    if f.type == "datetime" and kind.startswith("TIMESTAMP WITH TIME ZONE"):
        return [Problem("timestamp_has_zone", file=file, column=f.name, params=params)]
    if kind.split("(")[0] not in ACCEPTED[f.type]:
        return [Problem("wrong_type", file=file, column=f.name, params=params)]
    if engine == "spark" and kind == "TIMESTAMP_NS":
        return [Problem("nanosecond_timestamps", file=file, column=f.name, params=params)]
    return []


def _reader(files: MartFiles, paths: list) -> str:
    listed = "[" + ", ".join(_literal(str(p)) for p in paths) + "]"
    if files.format == "csv":
        return f"read_csv({listed}, all_varchar = true, header = true)"
    return f"read_parquet({listed}, filename = true, file_row_number = true, union_by_name = true)"


def _register(con: duckdb.DuckDBPyConnection, files: MartFiles, schema: TableSchema) -> None:
    """The view `src`: __file, __row and each field typed; a CSV field also as its `#text`."""
    names = [_name(f.name) for f in schema.fields]
    if files.format == "parquet":
        con.execute(
            "CREATE VIEW src AS SELECT filename AS __file, file_row_number + 1 AS __row, "
            + ", ".join(names)
            + f" FROM {_reader(files, list(files.paths))}"
        )
        return
    # A table, not a view: its rowid keeps the file's order, which gives spreadsheet row numbers.
    con.execute(f"CREATE TEMP TABLE raw AS SELECT * FROM {_reader(files, list(files.paths))}")
    typed = ", ".join(
        f"{_parsed(_name(f.name), f.type)} AS {_name(f.name)}, {_name(f.name)} AS "
        f"{_name(f.name + '#text')}"
        for f in schema.fields
    )
    con.execute(
        f"CREATE VIEW src AS SELECT {_literal(str(files.location))} AS __file, "
        f"rowid + 2 AS __row, {typed} FROM raw"
    )


def _parsed(column: str, kind: str) -> str:
    """SQL turning CSV text into the field's type; NULL where the text is not a valid spelling."""
    text = f"trim({column})"
    if kind == "string":
        return column
    if kind == "boolean":
        true, false = (", ".join(map(_literal, values)) for values in (TRUE_TEXT, FALSE_TEXT))
        return (
            f"CASE WHEN lower({text}) IN ({true}) THEN true "
            f"WHEN lower({text}) IN ({false}) THEN false END"
        )
    sql_type = {"integer": "BIGINT", "number": "DOUBLE", "date": "DATE", "datetime": "TIMESTAMP"}
    return (
        f"CASE WHEN regexp_full_match({text}, {_literal(TEXT_PATTERNS[kind])}) "
        f"THEN TRY_CAST({text} AS {sql_type[kind]}) END"
    )


def _rules(files: MartFiles, schema: TableSchema) -> list[_Rule]:
    rules: list[_Rule] = []
    for f in schema.fields:
        column = _name(f.name)
        text = _name(f.name + "#text") if files.format == "csv" else column
        shown = f"CAST({column} AS VARCHAR)"
        if schema.required(f.name):
            rules.append(_Rule("empty_value", f.name, f"{text} IS NULL", "NULL"))
        if files.format == "csv" and f.type != "string":
            params = {"expected": f.type, "example": EXAMPLES[f.type]}
            condition = f"{text} IS NOT NULL AND {column} IS NULL"
            rules.append(_Rule("not_castable", f.name, condition, text, params))
        if f.minimum is not None:
            params = {"minimum": _shown(f.minimum)}
            condition = f"{column} < {_literal(f.minimum)}"
            rules.append(_Rule("below_minimum", f.name, condition, shown, params))
        if f.maximum is not None:
            params = {"maximum": _shown(f.maximum)}
            condition = f"{column} > {_literal(f.maximum)}"
            rules.append(_Rule("above_maximum", f.name, condition, shown, params))
        if f.enum is not None:
            params = {"expected": ", ".join(map(str, f.enum))}
            condition = f"{column} NOT IN ({', '.join(map(_literal, f.enum))})"
            rules.append(_Rule("literal_error", f.name, condition, shown, params))
        if f.constraints.pattern is not None:
            pattern = f.constraints.pattern
            condition = f"NOT regexp_full_match({column}, {_literal(pattern)})"
            rules.append(_Rule("pattern_mismatch", f.name, condition, shown, {"pattern": pattern}))
    return rules


def _repeats(key: list[str]) -> str:
    """SQL counting the rows whose key repeats an earlier row's (rows with a NULL key aside)."""
    present = " AND ".join(f"{_name(k)} IS NOT NULL" for k in key)
    value = _name(key[0]) if len(key) == 1 else "(" + ", ".join(map(_name, key)) + ")"
    return f"count(*) FILTER (WHERE {present}) - count(DISTINCT {value}) FILTER (WHERE {present})"


def _rule_problems(
    con: duckdb.DuckDBPyConnection, files: MartFiles, rule: _Rule, count: int, limit: int
) -> list[Problem]:
    rows = con.execute(
        f"SELECT __file, __row, {rule.shown} FROM src WHERE {rule.condition} "
        f"ORDER BY __file, __row LIMIT {int(limit)}"
    ).fetchall()
    problems = [
        Problem(
            rule.code, file=file, row=int(row), column=rule.column, value=value, params=rule.params
        )
        for file, row, value in rows
    ]
    return problems + _more(files, rule.column, count, len(rows))


def _duplicates(
    con: duckdb.DuckDBPyConnection,
    files: MartFiles,
    schema: TableSchema,
    key: list[str],
    limit: int,
) -> list[Problem]:
    columns = ", ".join(map(_name, key))
    present = " AND ".join(f"{_name(k)} IS NOT NULL" for k in key)
    shown = ", ".join(f"CAST({_name(k)} AS VARCHAR)" for k in key)
    rows = con.execute(
        f"""
        WITH dup AS (
            SELECT {columns} FROM src WHERE {present} GROUP BY ALL HAVING count(*) > 1
        ), occurrences AS (
            SELECT __file, __row, {columns},
                row_number() OVER w AS nth,
                first_value(__file) OVER w AS first_file,
                first_value(__row) OVER w AS first_row
            FROM src SEMI JOIN dup USING ({columns})
            WINDOW w AS (PARTITION BY {columns} ORDER BY __file, __row)
        )
        SELECT __file, __row, concat_ws(', ', {shown}), first_file, first_row, count(*) OVER ()
        FROM occurrences WHERE nth > 1 ORDER BY __file, __row LIMIT {int(limit)}
        """
    ).fetchall()
    if not rows:
        return []
    is_key = key == schema.primary_key
    problems = [
        Problem(
            "duplicate_key" if is_key else "not_unique",
            file=file,
            row=int(row),
            column=", ".join(key),
            value=value,
            params={"key": ", ".join(key), "first_file": first_file, "first_row": int(first_row)},
        )
        for file, row, value, first_file, first_row, _ in rows
    ]
    return problems + _more(files, ", ".join(key), int(rows[0][5]), len(rows))


def _more(files: MartFiles, column: str, count: int, shown: int) -> list[Problem]:
    if count <= shown:
        return []
    params = {"count": count - shown, "shown": shown}
    return [Problem("more_rows", file=str(files.location), column=column, params=params)]


def _synthetic(con: duckdb.DuckDBPyConnection, files: MartFiles) -> bool:
    """Whether `generate_marts` wrote it: such marts must never pass for real figures."""
    if files.format != "parquet":
        return False
    listed = "[" + ", ".join(_literal(str(p)) for p in files.paths) + "]"
    try:
        marks = con.execute(
            f"SELECT decode(value) FROM parquet_kv_metadata({listed}) "
            f"WHERE decode(key) = {_literal(SYNTHETIC_KEY)}"
        ).fetchall()
    except duckdb.Error:
        return False  # an unreadable file is reported by the structure check
    return any(value == "true" for (value,) in marks)


def _name(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _literal(value: Any) -> str:
    if isinstance(value, datetime):
        return f"TIMESTAMP '{value.isoformat(sep=' ')}'"
    if isinstance(value, date):
        return f"DATE '{value.isoformat()}'"
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def _shown(value: Any) -> str:
    return value.isoformat(sep=" ") if isinstance(value, datetime) else str(value)
