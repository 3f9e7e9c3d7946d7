"""A methodology file from COINr's metadata table (iMeta), so a COINr user starts from their own.

COINr (the JRC's R package) describes an index in one table, a row per item: `Type` says what the
row is — `Indicator`, `Aggregate` (a node of the tree), `Denominator` (a series indicators are
divided by), `Group` or `Other` (a unit attribute) — and `iCode`, `iName`, `Direction`, `Weight`,
`Unit`, `Denominator`, `Parent` describe it. `Level` follows from the tree, so it is not needed.

COINr's `Target` is one value without a year, while a Tsifra target belongs to a year; it is kept
as a comment on the indicator's line for the analyst to place. The steps written are COINr's
defaults (min-max 0–100, arithmetic mean of whatever children are present, no imputation or
treatment), for the analyst to edit. Every problem names the table's row and column.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.methodology.loader import pydantic_problems
from tsifra.methodology.schema import Methodology

TYPES = ("Indicator", "Aggregate", "Denominator", "Group", "Other")
# Where each methodology field comes from in iMeta, to point a problem at the user's cell.
COLUMNS = {
    "code": "iCode",
    "name": "iName",
    "unit": "Unit",
    "direction": "Direction",
    "weight": "Weight",
    "parent": "Parent",
    "denominator": "Denominator",
}
SECTIONS = {
    "Indicator": "indicators",
    "Aggregate": "nodes",
    "Denominator": "denominators",
    "Group": "attributes",
    "Other": "attributes",
}
_PATH = re.compile(r"^(indicators|nodes|denominators|attributes)\[(\d+)\](?:\.(\w+))?")


@dataclass(frozen=True)
class CoinrConversion:
    methodology: Methodology
    text: str  # the methodology file (YAML), with COINr's targets as comments

    def write(self, path: str | Path) -> Path:
        """Write the file whole or not at all: a temporary name, then a rename."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        try:
            tmp.write_text(self.text, encoding="utf-8")
            tmp.replace(path)
        finally:
            tmp.unlink(missing_ok=True)
        return path


def read_coinr_table(path: str | Path) -> list[dict[str, str]]:
    """The rows of an iMeta CSV as text cells with their row number (`_row`, header = 1).

    Comma- or semicolon-separated, UTF-8 or Windows-1251, as R and Russian Excel write it.
    """
    path = Path(path)
    if not path.is_file():
        raise ValidationFailed([Problem("file_not_found", file=str(path))])
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1251")
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    rows = []
    for number, row in enumerate(reader, start=2):
        cells = {str(k).strip(): (v or "").strip() for k, v in row.items() if k is not None}
        if any(cells.values()):
            rows.append({**cells, "_row": str(number)})
    if not rows:
        raise ValidationFailed([Problem("no_data", file=str(path))])
    return rows


def convert_coinr_file(
    path: str | Path, id: str | None = None, title: str | None = None
) -> CoinrConversion:
    """Read an iMeta CSV and convert it; raises ValidationFailed with every problem found."""
    return from_coinr(read_coinr_table(path), file=str(path), id=id, title=title)


def from_coinr(
    rows: Iterable[Mapping[str, str]],
    file: str = "<iMeta>",
    id: str | None = None,
    title: str | None = None,
) -> CoinrConversion:
    """COINr's iMeta rows (text cells, `_row` optional) as a valid methodology and its YAML.

    `id` defaults to the root aggregate's code, `title` to its name.
    """
    rows = list(rows)
    missing = [c for c in ("iCode", "Type") if not rows or c not in rows[0]]
    if missing:
        raise ValidationFailed([Problem("missing_column", file=file, value=c) for c in missing])
    sections: dict[str, list[dict]] = {s: [] for s in dict.fromkeys(SECTIONS.values())}
    where: dict[tuple[str, int], int | None] = {}
    targets: dict[str, float] = {}
    problems: list[Problem] = []
    for row in rows:
        number = int(row["_row"]) if row.get("_row") else None
        item, target, found = _item(row, file, number)
        problems += found
        if item is None:
            continue
        section = SECTIONS[row["Type"].strip()]
        where[(section, len(sections[section]))] = number
        sections[section].append(item)
        if target is not None:
            targets[item["code"]] = target
    if problems:
        raise ValidationFailed(problems)
    roots = [n for n in sections["nodes"] if "parent" not in n]
    root = roots[0] if len(roots) == 1 else None
    document = {
        "id": id or _slug(root["code"] if root else "coinr"),
        "title": title or (root["name"] if root else "COINr"),
        "version": "1",
        "unit_type": "unit",
        "steps": {
            "denominate": bool(sections["denominators"]),
            "impute": {"method": "none"},
            "treat": {"method": "none"},
            "normalise": {"method": "minmax", "range": [0, 100]},
            "aggregate": {"method": "arithmetic", "min_share": 0},
        },
        **{s: items for s, items in sections.items() if items},
    }
    try:
        m = Methodology.model_validate(document)
    except ValidationError as exc:
        raise ValidationFailed(_located(pydantic_problems(exc, file), where, file)) from None
    return CoinrConversion(m, _yaml(document, targets, file))


def _item(
    row: Mapping[str, str], file: str, number: int | None
) -> tuple[dict | None, float | None, list[Problem]]:
    """One iMeta row as a methodology item, its Target, and its problems."""
    kind = row.get("Type", "").strip()
    at = {"file": file, "row": number}
    if kind not in TYPES:
        expected = ", ".join(TYPES)
        problem = Problem(
            "literal_error", **at, column="Type", value=kind, params={"expected": expected}
        )
        return None, None, [problem]
    code = row.get("iCode", "").strip()
    if not code:
        return None, None, [Problem("empty_value", **at, column="iCode")]
    item: dict = {"code": code, "name": row.get("iName", "").strip() or code}
    problems: list[Problem] = []
    if kind in ("Denominator", "Indicator") and row.get("Unit", "").strip():
        item["unit"] = row["Unit"].strip()
    if kind == "Indicator":
        given = row.get("Direction", "").strip()
        direction = _number(given) if given else 1
        if direction not in (1, -1):
            expected = {"expected": "1, -1"}
            problems.append(
                Problem("literal_error", **at, column="Direction", value=given, params=expected)
            )
        item["direction"] = direction if direction in (1, -1) else 1
    if kind in ("Indicator", "Aggregate"):
        given = row.get("Weight", "").strip()
        weight = _number(given) if given else 1
        if weight is None:
            problems.append(Problem("float_parsing", **at, column="Weight", value=given))
        item["weight"] = 1 if weight is None else weight
        if row.get("Parent", "").strip():
            item["parent"] = row["Parent"].strip()
    if kind == "Indicator" and row.get("Denominator", "").strip():
        item["denominator"] = row["Denominator"].strip()
    target = _number(row.get("Target", "")) if kind == "Indicator" else None
    return item, target, problems


def _number(text: str) -> float | int | None:
    """A cell as a number (decimal comma accepted); whole numbers as int, so YAML shows `1`."""
    try:
        value = float(text.strip().replace(",", "."))
    except (ValueError, AttributeError):
        return None
    if not math.isfinite(value):
        return None
    return int(value) if value.is_integer() else value


def _located(problems: list[Problem], where: dict, file: str) -> list[Problem]:
    """Problems with a methodology key path, moved to the iMeta row and column they came from."""
    out = []
    for p in problems:
        match = _PATH.match(p.path or "")
        if match is None:
            column = "Parent" if p.path == "nodes" else None  # e.g. no single root
            out.append(Problem(p.code, file=file, column=column, value=p.value, params=p.params))
            continue
        section, index, field = match.groups()
        column = COLUMNS.get(field or "", "iCode")
        row = where.get((section, int(index)))
        out.append(
            Problem(p.code, file=file, row=row, column=column, value=p.value, params=p.params)
        )
    return out


def _slug(code: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", code).strip("-").lower() or "coinr"


def _yaml(document: dict, targets: dict[str, float], file: str) -> str:
    """The methodology file, one line per item as analysts keep them, targets as comments."""

    def line(item: dict) -> str:
        text = yaml.safe_dump(
            item, default_flow_style=True, allow_unicode=True, sort_keys=False, width=10_000
        )
        text = f"  - {text.strip()}"
        if item["code"] in targets:
            text += f"  # COINr Target: {targets[item['code']]!r}"
        return text

    head = {k: v for k, v in document.items() if k not in SECTIONS.values()}
    out = [
        f"# Converted from COINr's metadata table {Path(file).name} by"
        " `tsifra methodology from-coinr`.",
        "# The steps are COINr's defaults: edit them to match your index. COINr's Target has no",
        "# year: to use one, give the indicator `targets: {YEAR: value}`.",
        yaml.safe_dump(
            head, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100
        ).rstrip(),
    ]
    for section in dict.fromkeys(SECTIONS.values()):
        if document.get(section):
            out.append(f"{section}:")
            out += [line(item) for item in document[section]]
    return "\n".join(out) + "\n"
