"""The two workbooks around an upload: the template to fill, and the list of a refused file's
problems to fix it by.

The template is laid out the way `values.reading` reads a wide file: a title and two rows
above the header (each indicator's name and unit of measure over its code), then the header
«Регион | Наименование региона | Период | codes…» and one row per region with its code, name
and the quarter being collected (the one before today's). An operator's template holds its own
region only. Filled in and sent back, it is read as is: the rows above the header are a note,
the name column is a unit's attribute, an empty row is no value.

The problem list has one row per problem: row, column, the value as the file held it and the
problem in words, in the reader's language. Every text is a string cell, never a formula
(`ratings.export.xlsx_row`), since values and column names come from someone's file.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from sqlalchemy import Engine

from tsifra.accounts.users import Account
from tsifra.kernel.language import language, measure, word, word_keys
from tsifra.methodology import DEFAULT_METHODOLOGY
from tsifra.ratings.export import xlsx_row
from tsifra.reports.names import name_in
from tsifra.store.methodologies import stored_methodology
from tsifra.store.units import list_units
from tsifra.values.submission import collection_period

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
NOTE_FONT = Font(italic=True, color="404040")
HELP = word_keys(
    "template_help_layout",
    "template_help_regions",
    "template_help_numbers",
    "template_help_percent",
    "template_help_totals",
)
FIRST_DATA_ROW = 5  # title, names, units, header: the layout the module's docstring gives


@dataclass(frozen=True)
class ProblemRow:
    """One problem as the list shows it, already in words (the upload page renders it so)."""

    row: int | None
    column: str | None
    value: str | None
    problem: str


def template_workbook(
    engine: Engine,
    account: Account,
    lang: str = "ru",
    today: date | None = None,
    methodology: str = DEFAULT_METHODOLOGY,
) -> bytes:
    """The template of the methodology's indicators for the regions `account` sends data for."""
    lang = language(lang)
    m = stored_methodology(engine, methodology).methodology
    units = [
        u for u in list_units(engine) if account.role != "operator" or u.code == account.region
    ]
    period = collection_period(today)  # the quarter the submission pages collect too
    book = Workbook()
    sheet = book.active
    sheet.title = word("template_sheet", lang)
    title = name_in(m.title, m.title_en, lang)
    sheet.append(xlsx_row(sheet, [word("template_title", lang, title=title, version=m.version)]))
    names = [name_in(i.name, i.name_en, lang) for i in m.indicators]
    sheet.append(xlsx_row(sheet, [word("template_names_row", lang), None, None, *names]))
    measures = [measure(i.unit, lang) for i in m.indicators]
    sheet.append(xlsx_row(sheet, [word("template_measures_row", lang), None, None, *measures]))
    header = [
        word("template_unit_column", lang),
        word("template_name_column", lang),
        word("template_period_column", lang),
        *m.indicator_codes,
    ]
    sheet.append(xlsx_row(sheet, header))
    for unit in units:
        name = name_in(unit.name_ru or unit.code, unit.name_en, lang)
        sheet.append(xlsx_row(sheet, [unit.code, name, period]))
    sheet["A1"].font = Font(bold=True, size=12)
    for cell in sheet[FIRST_DATA_ROW - 1]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for row in (2, 3):
        for cell in sheet[row]:
            cell.font = NOTE_FONT
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [12, 34, 10] + [18] * len(m.indicators)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = f"D{FIRST_DATA_ROW}"
    help_sheet = book.create_sheet(word("template_help_sheet", lang))
    for key in HELP:
        help_sheet.append(xlsx_row(help_sheet, [word(key, lang)]))
    help_sheet.column_dimensions["A"].width = 120
    return _saved(book)


def problems_workbook(
    problems: Sequence[ProblemRow], file: str, total: int, lang: str = "ru"
) -> bytes:
    """The problems of a refused file; `total` > len(problems) says the list was cut."""
    lang = language(lang)
    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = word("problems_sheet", lang)
    sheet.append(xlsx_row(sheet, [word("problems_sheet_title", lang, file=file, n=total)]))
    header = [word(k, lang) for k in ("row", "column", "value", "problem")]
    sheet.append(xlsx_row(sheet, header))
    for p in problems:
        sheet.append(xlsx_row(sheet, [p.row, p.column, p.value, p.problem]))
    if total > len(problems):
        note = word("problems_sheet_cut", lang, shown=len(problems), n=total)
        sheet.append(xlsx_row(sheet, [note]))
    sheet["A1"].font = Font(bold=True, size=12)
    for cell in sheet[2]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for column, width in zip("ABCD", (8, 24, 24, 100), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A3"
    return _saved(book)


def _saved(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
