"""Reading the registry's workbook back: every sheet, every row, every problem located by file,
sheet, row (as Excel numbers it) and column (as the file names it), before anything is written.

A practice with a number already in the registry is updated (its links as the file says);
one without a number is created. A replication with a number is updated in place, one without
is added. So a re-imported export changes only what was edited, and duplicates nothing.
Words of the vocabularies are read in Russian or English, or as codes; regions by ISO code,
OKATO code or name.
"""

from __future__ import annotations

import io
import math
import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, select

from tsifra.accounts.users import Account, can_write_practice, record_refusal
from tsifra.kernel.language import word
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.practices.drafts import (
    EvidenceDraft,
    IndicatorLink,
    PracticeDraft,
    ReplicationDraft,
    evidence_problems,
    practice_problems,
    replication_problems,
)
from tsifra.practices.effects import measure_practices
from tsifra.practices.records import (
    insert_practice,
    insert_replication,
    known,
    read_practice,
    replace_practice,
)
from tsifra.practices.sheet_columns import (
    EVIDENCE,
    INDICATORS,
    PRACTICES,
    REPLICATIONS,
    SHEETS,
    SheetSpec,
    names_of,
    normalised,
)
from tsifra.practices.vocabulary import (
    AI_KIND_KEYS,
    EVIDENCE_KEYS,
    NOT_AI,
    REPLICATION_STATUS_KEYS,
    SECTOR_KEYS,
    STAGE_KEYS,
)
from tsifra.reference.lookup import region_lookup
from tsifra.store import (
    Practice,
    PracticeRegion,
    PracticeReplication,
    require_current,
    session_scope,
    utcnow,
)
from tsifra.values.limits import check_xlsx

HEADER_SEARCH = 15
MAX_ROWS = 100_000
EXCEL_EPOCH = date(1899, 12, 30)
_DAY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_TOTALS = ("итого", "всего", "total")


@dataclass
class ImportReport:
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    replications_added: int = 0
    replications_updated: int = 0


@dataclass
class _Row:
    """A row of a sheet with its place, to locate problems."""

    number: int
    cells: dict[str, object]
    columns: dict[str, str]  # field → the header as the file writes it


@dataclass
class _Sheet:
    title: str
    rows: list[_Row]


def _words(keys: dict[str, str]) -> dict[str, str]:
    """A vocabulary's codes by their words in both languages, and by themselves."""
    found = {}
    for code, key in keys.items():
        found[normalised(code)] = code
        for lang in ("ru", "en"):
            found[normalised(word(key, lang))] = code
    return found


def _open(data: bytes, file_name: str) -> dict[str, _Sheet]:
    """The sheets of the workbook this import knows, by their field; limits checked first."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "registry.xlsx"
        path.write_bytes(data)
        try:
            check_xlsx(path)
        except ValidationFailed as failed:
            raise ValidationFailed([replace(p, file=file_name) for p in failed.problems]) from None
    from openpyxl import load_workbook  # a spreadsheet library only when a workbook is read

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValidationFailed([Problem("practice_sheet_unreadable", file=file_name)]) from None
    found: dict[str, _Sheet] = {}
    problems: list[Problem] = []
    try:
        for worksheet in book.worksheets:
            spec = next((s for s in SHEETS if normalised(worksheet.title) in names_of(s.key)), None)
            if spec is None and not found and worksheet is book.worksheets[0]:
                spec = PRACTICES  # «Лист1»: a single list of practices, as offices keep them
            if spec is None or spec.name in found:
                continue
            rows = list(worksheet.iter_rows(values_only=True, max_row=MAX_ROWS + HEADER_SEARCH))
            sheet, sheet_problems = _read(spec, worksheet.title, rows, file_name)
            found[spec.name] = sheet
            problems += sheet_problems
    finally:
        book.close()
    if PRACTICES.name not in found and not problems:
        expected = word(PRACTICES.key, "ru")
        problems.append(Problem("practice_sheet_missing", file=file_name, value=expected))
    if problems:
        raise ValidationFailed(problems)
    return found


def _read(
    spec: SheetSpec, title: str, rows: list[tuple], file_name: str
) -> tuple[_Sheet, list[Problem]]:
    where = f"{file_name}: {title}"
    header_at, columns = None, {}
    for index, row in enumerate(rows[:HEADER_SEARCH]):
        found: dict[str, int] = {}
        for i, cell in enumerate(row):
            for column in spec.columns:
                if column.field not in found and normalised(cell) in names_of(
                    column.key, column.aliases
                ):
                    found[column.field] = i
                    break
        if len(found) >= 2 and all(f in found for f in spec.required[:1]):
            header_at, columns = index, found
            break
    if header_at is None:
        names = ", ".join(word(c.key, "ru") for c in spec.columns if c.field in spec.required)
        return _Sheet(title, []), [
            Problem("practice_sheet_no_header", file=where, params={"columns": names})
        ]
    header = rows[header_at]
    missing = [c for c in spec.columns if c.field in spec.required and c.field not in columns]
    if missing:
        return _Sheet(title, []), [
            Problem("practice_sheet_no_column", file=where, row=header_at + 1,
                    value=word(c.key, "ru"))
            for c in missing
        ]  # fmt: skip
    shown = {c.field for c in spec.columns if c.shown_only}
    out = []
    for index in range(header_at + 1, len(rows)):
        row = rows[index]
        cells = {
            f: (row[i] if i < len(row) else None) for f, i in columns.items() if f not in shown
        }
        if all(_blank(v) for v in cells.values()):
            continue
        first = next((str(v) for v in row if not _blank(v)), "")
        if normalised(first).startswith(_TOTALS):  # a totals row officials add at the bottom
            continue
        names = {f: str(header[i]) for f, i in columns.items()}
        out.append(_Row(index + 1, cells, names))
    if len(out) > MAX_ROWS:
        return _Sheet(title, []), [
            Problem("practice_sheet_too_long", file=where, params={"limit": MAX_ROWS})
        ]
    return _Sheet(title, out), []


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _Cells:
    """Reads one row's cells into values, each failure a located problem."""

    def __init__(self, where: str, row: _Row, problems: list[Problem]):
        self.where, self.row, self.problems = where, row, problems

    def problem(self, code: str, field_name: str, value: object = None, **params) -> None:
        column = self.row.columns.get(field_name)
        self.problems.append(
            Problem(code, file=self.where, row=self.row.number, column=column, value=value,
                    params=params)
        )  # fmt: skip

    def text(self, name: str, required: bool = False) -> str | None:
        value = self.row.cells.get(name)
        if _blank(value):
            if required:
                self.problem("practice_cell_missing", name)
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, datetime | date):
            value = value.strftime("%d.%m.%Y")
        return str(value).strip()

    def day(self, name: str, required: bool = False) -> date | None:
        value = self.row.cells.get(name)
        if _blank(value):
            if required:
                self.problem("practice_cell_missing", name)
            return None
        found = _as_date(value)
        if found is None:
            self.problem("practice_bad_date", name, value)
        return found

    def number(self, name: str) -> float | None:
        value = self.row.cells.get(name)
        if _blank(value):
            return None
        found = _as_number(value)
        if found is None:
            self.problem("practice_bad_number", name, value)
        return found

    def choice(self, name: str, words: dict[str, str], required: bool = False) -> str | None:
        text = self.text(name, required)
        if text is None:
            return None
        code = words.get(normalised(text))
        if code is None:
            expected = ", ".join(sorted(set(words.values())))
            self.problem("literal_error", name, text, expected=expected)
        return code


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and 1 <= value < 2_958_466:  # an Excel serial day
        return EXCEL_EPOCH + timedelta(days=int(value))
    text = str(value).strip()
    try:
        if match := _DAY.fullmatch(text):
            return date(int(match[3]), int(match[2]), int(match[1]))
        return date.fromisoformat(text)
    except ValueError:
        return None


def _as_number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    text = text.removesuffix("₽").removesuffix("руб.").removesuffix("%")
    try:
        found = float(text)
    except ValueError:
        return None
    return found if math.isfinite(found) else None


def _regions(cells: _Cells, name: str) -> tuple[str, ...]:
    text = cells.text(name)
    if text is None:
        return ()
    lookup, codes = region_lookup(), []
    for part in re.split(r"[;,\n]", text):
        if not part.strip():
            continue
        match = lookup.find(part.strip())
        if match.code is None:
            cells.problem("unknown_unit", name, part.strip())
        else:
            codes.append(match.code)
    return tuple(dict.fromkeys(codes))


# --- the whole file ---------------------------------------------------------------------------


@dataclass
class _Parsed:
    practices: list[tuple[_Row, int | None, PracticeDraft]]
    replications: list[tuple[_Row, int | None, int | str, ReplicationDraft]]


def import_workbook(
    engine: Engine,
    data: bytes,
    *,
    file_name: str,
    account: Account | None,
    actor: str | None = None,
    now: datetime | None = None,
) -> ImportReport:
    """Create and update the practices of the workbook, or nothing: the ids created and
    updated, else every problem located. An operator imports only their region's practices
    and replications (a row of another region is a problem, the attempt audited)."""
    require_current(engine)
    now = now or utcnow()
    today = now.date()
    sheets = _open(data, file_name)
    k = known(engine)
    problems: list[Problem] = []
    parsed = _parse(engine, sheets, file_name, k, today, problems)
    refused = False
    if account is not None:
        regions_now = _regions_now(engine)
        for row, pid, draft in parsed.practices:
            before = regions_now.get(pid, ()) if pid is not None else ()
            if not can_write_practice(account, draft.regions) or (
                pid is not None and not can_write_practice(account, before)
            ):
                refused = True
                problems.append(_not_yours(file_name, sheets, PRACTICES, row, "regions"))
        for row, _, _, draft in parsed.replications:
            if not can_write_practice(account, [draft.region]):
                refused = True
                problems.append(_not_yours(file_name, sheets, REPLICATIONS, row, "region"))
    if refused:
        record_refusal(engine, account, "practice.import", file_name)
    if problems:
        raise ValidationFailed(problems)
    return _write(engine, parsed, actor or (account.login if account else None), now)


def _not_yours(file_name, sheets, spec: SheetSpec, row: _Row, name: str) -> Problem:
    where = f"{file_name}: {sheets[spec.name].title}"
    return Problem("practice_region_not_yours", file=where, row=row.number,
                   column=row.columns.get(name))  # fmt: skip


def _regions_now(engine: Engine) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    with session_scope(engine) as session:
        for pid, region in session.execute(
            select(PracticeRegion.practice_id, PracticeRegion.region)
        ):
            found[pid].append(region)
    return found


def _existing(engine: Engine) -> set[int]:
    with session_scope(engine) as session:
        return set(session.scalars(select(Practice.id)))


def _parse(engine, sheets, file_name, k, today, problems) -> _Parsed:
    existing = _existing(engine)
    practices: list[tuple[_Row, int | None, PracticeDraft]] = []
    by_title: dict[str, list[int]] = defaultdict(list)  # title → indexes in `practices`
    by_id: dict[int, int] = {}
    sheet = sheets[PRACTICES.name]
    sectors, kinds, stages = _words(SECTOR_KEYS), _words(AI_KIND_KEYS), _words(STAGE_KEYS)
    for row in sheet.rows:
        cells = _Cells(f"{file_name}: {sheet.title}", row, problems)
        pid = _number_of(cells, "id")
        if pid is not None and pid not in existing:
            cells.problem("practice_unknown", "id", pid)
            pid = None
        kind = cells.choice("ai_kind", kinds)
        technologies = cells.text("technologies")
        draft = PracticeDraft(
            title=cells.text("title", required=True) or "",
            sector=cells.choice("sector", sectors, required=True) or "other",
            description=cells.text("description") or "",
            problem=cells.text("problem") or "",
            regions=_regions(cells, "regions"),
            owner_agency=cells.text("owner_agency"),
            cofog=cells.text("cofog"),
            ai_kind=None if kind in (None, NOT_AI) else kind,
            technologies=tuple(
                t.strip() for t in re.split(r"[;\n]", technologies or "") if t.strip()
            ),
            stage=cells.choice("stage", stages) or "idea",
            stage_since=cells.day("stage_since"),
            capex=cells.number("capex"),
            opex=cells.number("opex"),
            software=cells.text("software"),
            software_registry=cells.text("software_registry"),
            url=cells.text("url"),
            licence=cells.text("licence"),
            verified_at=cells.day("verified_at"),
        )
        for p in practice_problems(draft, regions=k.regions, indicators=k.indicators, today=today):
            cells.problem(p.code, p.path.split("[")[0] if p.path else "title", p.value, **p.params)
        if pid is not None:
            if pid in by_id:
                cells.problem("practice_row_twice", "id", pid)
            by_id[pid] = len(practices)
        by_title[normalised(draft.title)].append(len(practices))
        practices.append((row, pid, draft))

    def practice_of(cells: _Cells) -> int | None:
        """The index in `practices` the row names, by number or by title."""
        number = _number_of(cells, "practice")
        if number is not None:
            if number in by_id:
                return by_id[number]
            cells.problem("practice_not_in_file", "practice", number)
            return None
        title = cells.text("practice_title") or cells.text("practice")
        found = by_title.get(normalised(title or ""), [])
        if len(found) != 1:
            cells.problem("practice_not_in_file", "practice", title)
            return None
        return found[0]

    links: dict[int, list[IndicatorLink]] = defaultdict(list)
    if INDICATORS.name in sheets:
        sheet = sheets[INDICATORS.name]
        for row in sheet.rows:
            cells = _Cells(f"{file_name}: {sheet.title}", row, problems)
            index = practice_of(cells)
            code = cells.text("indicator", required=True)
            expected = cells.number("expected_effect")
            if code is not None and code not in k.indicators:
                cells.problem("unknown_indicator", "indicator", code)
            elif index is not None and code is not None:
                if any(link.indicator == code for link in links[index]):
                    cells.problem("practice_indicator_twice", "indicator", code)
                links[index].append(IndicatorLink(code, expected))
    evidence: dict[int, list[EvidenceDraft]] = defaultdict(list)
    if EVIDENCE.name in sheets:
        sheet = sheets[EVIDENCE.name]
        for row in sheet.rows:
            cells = _Cells(f"{file_name}: {sheet.title}", row, problems)
            index = practice_of(cells)
            item = EvidenceDraft(
                kind=cells.choice("kind", _words(EVIDENCE_KEYS), required=True) or "other",
                title=cells.text("title", required=True) or "",
                url=cells.text("url"),
                sha256=cells.text("sha256"),
            )
            for p in evidence_problems(item, "e"):
                column = p.path.split(".")[-1] if p.path and "." in p.path else "url"
                cells.problem(p.code, column, p.value, **p.params)
            if index is not None:
                evidence[index].append(item)

    final = []
    for index, (row, pid, draft) in enumerate(practices):
        # a sheet left out of the file leaves those links of a practice as they are
        whole = INDICATORS.name in sheets and EVIDENCE.name in sheets
        current = read_practice(engine, pid).draft() if pid is not None and not whole else None
        draft = replace(
            draft,
            indicators=tuple(links[index])
            if INDICATORS.name in sheets or current is None
            else current.indicators,
            evidence=tuple(evidence[index])
            if EVIDENCE.name in sheets or current is None
            else current.evidence,
        )
        final.append((row, pid, draft))

    replications = []
    if REPLICATIONS.name in sheets:
        sheet = sheets[REPLICATIONS.name]
        statuses, kinds = _words(REPLICATION_STATUS_KEYS), _words(EVIDENCE_KEYS)
        with session_scope(engine) as session:
            r = PracticeReplication
            owners = dict(session.execute(select(r.id, r.practice_id)).all())
        for row in sheet.rows:
            cells = _Cells(f"{file_name}: {sheet.title}", row, problems)
            index = practice_of(cells)
            rid = _number_of(cells, "id")
            draft = ReplicationDraft(
                region=(_regions(cells, "region") or ("",))[0],
                started_on=cells.day("started_on", required=True) or today,
                status=cells.choice("status", statuses, required=True) or "planned",
                agency=cells.text("agency"),
                evidence_kind=cells.choice("evidence_kind", kinds),
                evidence_number=cells.text("evidence_number"),
                evidence_date=cells.day("evidence_date"),
                evidence_url=cells.text("evidence_url"),
                evidence_sha256=cells.text("evidence_sha256"),
            )
            for p in replication_problems(draft, regions=k.regions, today=today):
                if not (p.code == "unknown_unit" and not draft.region):
                    cells.problem(p.code, p.path or "region", p.value, **p.params)
            if not draft.region and cells.text("region") is None:
                cells.problem("practice_cell_missing", "region")
            if index is None:
                continue
            pid = practices[index][1]
            if rid is not None and owners.get(rid) != pid:
                cells.problem("practice_replication_unknown", "id", rid)
            replications.append((row, rid, index, draft))
    return _Parsed(final, replications)


def _number_of(cells: _Cells, name: str) -> int | None:
    value = cells.row.cells.get(name)
    if _blank(value):
        return None
    number = _as_number(value)
    if number is None or not number.is_integer() or number < 1:
        return None
    return int(number)


def _write(engine: Engine, parsed: _Parsed, actor: str | None, now: datetime) -> ImportReport:
    report = ImportReport()
    with session_scope(engine) as session:
        ids: list[int] = []
        for _, pid, draft in parsed.practices:
            if pid is None:
                new = insert_practice(session, draft, actor=actor, now=now)
                report.created.append(new)
                ids.append(new)
            else:
                replace_practice(session, session.get(Practice, pid), draft, actor=actor, now=now)
                report.updated.append(pid)
                ids.append(pid)
        for _, rid, index, draft in parsed.replications:
            if rid is None:
                insert_replication(session, ids[index], draft, actor=actor, now=now)
                report.replications_added += 1
            else:
                row = session.get(PracticeReplication, rid)
                for name in (
                    "region", "agency", "started_on", "status", "evidence_kind",
                    "evidence_number", "evidence_date", "evidence_url", "evidence_sha256",
                ):  # fmt: skip
                    setattr(row, name, getattr(draft, name))
                report.replications_updated += 1
        session.flush()
        measure_practices(session.connection(), engine, ids)
    return report


__all__ = ["ImportReport", "import_workbook"]
