"""Lists of tasks as spreadsheets: importing the list the federal centre sends, exporting the
filtered list to XLSX or CSV.

An imported sheet looks as offices make them: a title row or several, then a header row with
Russian column names (found among the first `HEADER_SEARCH` rows, by the names in `HEADERS`),
then one task a row; dates as Excel dates, serial numbers or dd.mm.yyyy text; regions by ISO
code, OKATO code or name; indicators by code or name; sources in words
(«Президент», «Правительство РФ», «Минцифры России», «Губернатор», «Другое»). Regions are
found by the one normalising lookup of the reference data (`reference.lookup`). Every problem is
found and located (row as Excel numbers it, column as the file names it) before anything is
written, and then all rows are written in one transaction or none.

Exports carry names, not codes, and the same headers the import reads, so an exported list
can be edited and sent back. Every text is neutralised (`kernel.cells`): a title starting with
`=` stays text in both formats.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from sqlalchemy import Engine, select

from tsifra.accounts.users import Account, can_write_region, record_refusal
from tsifra.kernel.cells import CSV_QUOTING, csv_cell
from tsifra.kernel.language import source_word, status_word, word, word_keys
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.reference.lookup import region_lookup
from tsifra.store import Unit, require_current, session_scope
from tsifra.tasks.listing import indicator_names, region_names
from tsifra.tasks.tasks import (
    TaskDraft,
    TaskView,
    draft_problems,
    insert_task,
    methodology_target,
)

HEADER_SEARCH = 15
MAX_ROWS = 5000
EXCEL_EPOCH = date(1899, 12, 30)
HEADERS: dict[str, tuple[str, ...]] = {  # field: the names a column goes by, the first exported
    "title": ("Поручение", "Содержание поручения", "Текст поручения", "Наименование поручения"),
    "source": ("Источник", "Источник поручения", "Уровень поручения"),
    "document_number": ("Номер документа", "№ документа", "Номер"),
    "document_date": ("Дата документа",),
    "issued_by": ("Кем выдано", "Кем дано", "Кем дано поручение"),
    "region": ("Регион", "Субъект РФ", "Субъект Российской Федерации", "Субъект"),
    "agency": ("Ответственный орган", "Ответственный ОИВ", "Орган власти"),
    "responsible": ("Ответственный", "Ответственное лицо", "Исполнитель"),
    "responsible_email": ("E-mail", "Электронная почта", "Email", "Почта"),
    "co_executors": ("Соисполнители",),
    "indicator": ("Показатель", "Код показателя"),
    "target_value": ("Целевое значение", "Значение показателя"),
    "deadline": ("Срок", "Срок исполнения", "Срок выполнения"),
}
REQUIRED = ("title", "region", "responsible", "deadline")
SOURCE_STARTS = (
    ("президент", "president"),
    ("правительств", "government"),
    ("минцифр", "mintsifry"),
    ("министерство цифрового", "mintsifry"),
    ("губернатор", "governor"),
    ("друг", "other"),
)
_DAY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_NOT_LETTERS = re.compile(r"[^0-9a-zа-я]+")


def normalised(text: str) -> str:
    """A header, source or indicator name compared without case, ё, punctuation or spacing."""
    return _NOT_LETTERS.sub(" ", text.casefold().replace("ё", "е")).strip()


def _header_key(text: object) -> str:
    return normalised(str(text)) if text is not None else ""


_FIELD_OF = {_header_key(name): f for f, names in HEADERS.items() for name in names}


def import_tasks(engine: Engine, account: Account | None, file_name: str, data: bytes) -> list[int]:
    """Create every task of the sheet, or none: the ids created, else every problem located.

    Only writers import; an operator only its own region's tasks (a row of another region is a
    problem, and the attempt is audited as a refusal)."""
    require_current(engine)
    if account is None or not account.is_writer:
        record_refusal(engine, account, "task.import", file_name)
        raise Forbidden(file_name)
    drafts, problems = read_sheet(engine, file_name, data)
    if account.role == "operator":
        foreign = [(row, d) for row, d in drafts if not can_write_region(account, d.region)]
        if foreign:
            record_refusal(engine, account, "task.import", file_name)
        for row, d in foreign:
            problems.append(
                Problem("task_region_not_yours", file=file_name, row=row, value=d.region)
            )
    if problems:
        raise ValidationFailed(problems)
    with session_scope(engine) as session:
        known = set(session.scalars(select(Unit.code)))
        for row, d in drafts:  # checked against the sheet; the units are the store's
            if d.region not in known:
                problems.append(Problem("unknown_unit", file=file_name, row=row, value=d.region))
        if problems:
            raise ValidationFailed(problems)
        return [insert_task(session, account.login, _with_target(engine, d)) for _, d in drafts]


def _with_target(engine: Engine, draft: TaskDraft) -> TaskDraft:
    if draft.target_value is not None or not draft.indicator:
        return draft
    return replace(draft, target_value=methodology_target(engine, draft.indicator, draft.deadline))


def read_sheet(
    engine: Engine, file_name: str, data: bytes
) -> tuple[list[tuple[int, TaskDraft]], list[Problem]]:
    """The drafts of a sheet with their Excel row numbers, and every problem found."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = list(book.worksheets[0].iter_rows(values_only=True, max_row=MAX_ROWS + 100))
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        return [], [Problem("task_sheet_unreadable", file=file_name)]
    header_at, columns = _find_header(rows)
    if header_at is None:
        names = ", ".join(HEADERS[f][0] for f in REQUIRED)
        return [], [Problem("task_sheet_no_header", file=file_name, params={"columns": names})]
    missing = [HEADERS[f][0] for f in REQUIRED if f not in columns]
    if missing:
        return [], [
            Problem("task_sheet_no_column", file=file_name, row=header_at + 1, value=m)
            for m in missing
        ]
    names = rows[header_at]
    indicators = _indicator_lookup(engine)
    drafts, problems = [], []
    for index in range(header_at + 1, len(rows)):
        row = rows[index]
        cells = {f: row[i] if i < len(row) else None for f, i in columns.items()}
        if all(_blank(v) for v in cells.values()):
            continue
        number = index + 1

        def problem(code: str, field: str, value: object = None, number=number, **params):
            column = str(names[columns[field]])
            where = {"file": file_name, "row": number, "column": column}
            problems.append(Problem(code, **where, value=value, params=params))

        draft = _draft(cells, indicators, problem)
        if draft is None:
            continue
        for p in draft_problems(draft):
            field = p.path if p.path in columns else "title"
            problem(p.code, field, p.value, **p.params)
        drafts.append((number, draft))
    if len(drafts) > MAX_ROWS:
        problems.append(Problem("task_sheet_too_long", file=file_name, params={"n": MAX_ROWS}))
    if not drafts and not problems:
        problems.append(Problem("task_sheet_empty", file=file_name))
    return drafts, problems


def _find_header(rows: list[tuple]) -> tuple[int | None, dict[str, int]]:
    for index, row in enumerate(rows[:HEADER_SEARCH]):
        columns: dict[str, int] = {}
        for i, cell in enumerate(row):
            field = _FIELD_OF.get(_header_key(cell))
            if field and field not in columns:
                columns[field] = i
        if "title" in columns and len(columns) >= 3:
            return index, columns
    return None, {}


def _draft(cells: dict, indicators: dict[str, str], problem) -> TaskDraft | None:
    ok = True

    def text(field: str, required: bool = False) -> str | None:
        nonlocal ok
        value = cells.get(field)
        if _blank(value):
            if required:
                problem("task_cell_missing", field)
                ok = False
            return None
        return str(value).strip()

    def day(field: str, required: bool = False) -> date | None:
        nonlocal ok
        value = cells.get(field)
        if _blank(value):
            if required:
                problem("task_cell_missing", field)
                ok = False
            return None
        found = _as_date(value)
        if found is None:
            problem("task_bad_date", field, value)
            ok = False
        return found

    title = text("title", required=True)
    deadline = day("deadline", required=True)
    document_date = day("document_date")
    responsible = text("responsible", required=True)
    region_text = text("region", required=True)
    region = None
    if region_text is not None:
        found = region_lookup().find(region_text)
        if found.code is None:
            problem("task_region_ambiguous" if found.candidates else "task_region_unknown",
                    "region", region_text)  # fmt: skip
            ok = False
        else:
            region = found.code
    source = "other"
    source_text = text("source")
    if source_text is not None:
        source = _source(source_text)
        if source is None:
            problem("task_source_unknown", "source", source_text)
            ok = False
    indicator = None
    indicator_text = text("indicator")
    if indicator_text is not None:
        indicator = indicators.get(normalised(indicator_text)) or indicators.get(indicator_text)
        if indicator is None:
            problem("task_indicator_unknown", "indicator", indicator_text)
            ok = False
    target = None
    target_cell = cells.get("target_value")
    if not _blank(target_cell):
        target = _as_number(target_cell)
        if target is None:
            problem("task_bad_number", "target_value", target_cell)
            ok = False
    if not ok:
        return None
    return TaskDraft(
        title=title,
        region=region,
        responsible=responsible,
        deadline=deadline,
        indicator=indicator,
        source=source,
        document_number=text("document_number"),
        document_date=document_date,
        issued_by=text("issued_by"),
        agency=text("agency"),
        responsible_email=text("responsible_email"),
        co_executors=text("co_executors"),
        target_value=target,
    )


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and 1 <= value < 2_958_466:  # an Excel serial day
        return EXCEL_EPOCH + timedelta(days=int(value))
    text = str(value).strip()
    try:
        match = _DAY.fullmatch(text)
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
        return date.fromisoformat(text)
    except ValueError:
        return None


def _as_number(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    try:
        return float(str(value).strip().replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except ValueError:
        return None


def _source(text: str) -> str | None:
    key = normalised(text)
    if key in ("president", "government", "mintsifry", "governor", "other"):
        return key
    return next((code for start, code in SOURCE_STARTS if key.startswith(start)), None)


def _indicator_lookup(engine: Engine) -> dict[str, str]:
    found = {}
    for lang in ("ru", "en"):
        for code, name in indicator_names(engine, lang).items():
            found[normalised(name)] = code
            found[code] = code
    return found


# --- export ------------------------------------------------------------------------------------

EXPORT_EXTRA = word_keys("status", "overdue", "accepted_on", "task_number")


def export_rows(engine: Engine, tasks: Iterable[TaskView], lang: str) -> list[list[object]]:
    """The header row and one row a task: names for codes, dates as dates."""
    regions = region_names(lang)
    indicators = indicator_names(engine, lang)
    header = [names[0] for names in HEADERS.values()] + [word(k, lang) for k in EXPORT_EXTRA]
    rows: list[list[object]] = [header]
    for t in tasks:
        rows.append(
            [
                t.title,
                source_word(t.source, lang),
                t.document_number,
                t.document_date,
                t.issued_by,
                regions.get(t.region, t.region),
                t.agency,
                t.responsible,
                t.responsible_email,
                t.co_executors,
                indicators.get(t.indicator, t.indicator) if t.indicator else None,
                t.target_value,
                t.deadline,
                status_word(t.status, lang),
                word("yes" if t.overdue else "no", lang),
                t.accepted_at.date() if t.accepted_at else None,
                t.id,
            ]
        )
    return rows


def export_xlsx(engine: Engine, tasks: Iterable[TaskView], lang: str) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(word("sheet_tasks", lang))
    for row in export_rows(engine, tasks, lang):
        sheet.append([_cell(sheet, v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(sheet, value: object) -> object:
    """Every text a string cell, so a title starting with `=` is never a formula; dates shown
    as dates."""
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = "DD.MM.YYYY"
        return cell
    return value


def export_csv(engine: Engine, tasks: Iterable[TaskView], lang: str) -> bytes:
    """UTF-8 with a BOM and semicolons, as Russian Excel opens it; dates as dd.mm.yyyy."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quoting=CSV_QUOTING)
    for row in export_rows(engine, tasks, lang):
        writer.writerow(
            [csv_cell(v.strftime("%d.%m.%Y") if isinstance(v, date) else v) for v in row]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
