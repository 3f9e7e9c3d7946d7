"""The Excel template a region fills for a period: the file the upload reads back as it is.

The first sheet is a wide file in the layout `values.reading` reads: a header row `Регион |
Наименование региона | Период | <indicator codes>` and one row for the region and the period
with the value cells empty. Above the header, in the codes' own columns, each indicator's name,
its unit of measure and the last value the region reported, so an official fills each cell
looking at what it means and what was sent last time. The reader skips those rows (the header
is the first top row naming the region and the period) and a wide file's empty cell is "no
value", so a half-filled template uploads the values filled and nothing else. The second sheet
lists the same indicators one per line, for reading and printing.

Every text is written as a string cell: a name starting with `=` is never a formula
(`kernel.cells`).
"""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import Engine

from tsifra.accounts.users import Account
from tsifra.kernel import formatting
from tsifra.kernel.language import word, word_keys
from tsifra.values.submission import RegionSubmission, region_submission

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILL = PatternFill("solid", fgColor="FFF4CC")  # the cells to fill, as forms mark them
HEADER = 6  # the header's row: five rows of explanation above it, within the reader's search


def submission_template(
    engine: Engine,
    reader: Account | None,
    unit: str,
    methodology: str,
    period: str | None = None,
    lang: str = "ru",
    today: date | None = None,
) -> tuple[str, bytes]:
    """The file name and the bytes of `unit`'s template for `period` (the period being collected
    by default), for whoever may read the region's submission (`region_submission`)."""
    s = region_submission(engine, reader, unit, methodology, period, today)
    book = Workbook()
    _values_sheet(book.active, s, lang)
    _list_sheet(book.create_sheet(word("submission_template_list_sheet", lang)), s, lang)
    out = io.BytesIO()
    book.save(out)
    return f"{s.unit}_{s.period}.xlsx", out.getvalue()


def _values_sheet(sheet: Worksheet, s: RegionSubmission, lang: str) -> None:
    sheet.title = word("submission_template_values_sheet", lang)
    name = (s.name_en if lang == "en" else None) or s.name_ru
    rows = s.table.to_dict("records")
    _put(
        sheet,
        1,
        1,
        word(
            "submission_template_title", lang, region=name, period=formatting.period(s.period, lang)
        ),
        bold=True,
    )
    _put(sheet, 2, 1, word("submission_template_note", lang, due=formatting.day(s.due, lang)))
    labels = word_keys(
        "submission_template_row_name",
        "submission_template_row_measure",
        "submission_template_row_last",
    )
    for offset, key in enumerate(labels):
        _put(sheet, 3 + offset, 3, word(key, lang), bold=True)
    header = ["Регион", "Наименование региона", "Период"]
    for column, text in enumerate(header, start=1):
        _put(sheet, HEADER, column, text, bold=True)
    _put(sheet, HEADER + 1, 1, s.unit)
    _put(sheet, HEADER + 1, 2, s.name_ru)
    _put(sheet, HEADER + 1, 3, s.period)
    for k, r in enumerate(rows):
        column = 4 + k
        shown = (r["name_en"] if lang == "en" else None) or r["name"]
        _put(sheet, 3, column, shown, wrap=True)
        _put(sheet, 4, column, r["measure"] or "")
        if _known(r["last_value"]):
            sheet.cell(5, column, r["last_value"])
        _put(sheet, HEADER, column, r["indicator"], bold=True)
        cell = sheet.cell(HEADER + 1, column)
        if _known(r["value"]):
            cell.value = r["value"]  # what has arrived already: sending it again changes nothing
        cell.fill = FILL
        cell.number_format = "0.00"
        sheet.column_dimensions[get_column_letter(column)].width = 22
    sheet.row_dimensions[3].height = 90
    for column, width in ((1, 12), (2, 34), (3, 26)):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(HEADER + 1, 4)


def _list_sheet(sheet: Worksheet, s: RegionSubmission, lang: str) -> None:
    heads = word_keys(
        "submission_template_list_code",
        "submission_template_list_name",
        "submission_template_list_measure",
        "submission_template_list_last_period",
        "submission_template_list_last",
    )
    for column, key in enumerate(heads, start=1):
        _put(sheet, 1, column, word(key, lang), bold=True)
    for i, r in enumerate(s.table.to_dict("records"), start=2):
        _put(sheet, i, 1, r["indicator"])
        _put(sheet, i, 2, (r["name_en"] if lang == "en" else None) or r["name"], wrap=True)
        _put(sheet, i, 3, r["measure"] or "")
        if _known(r["last_period"]):
            _put(sheet, i, 4, formatting.period(r["last_period"], lang))
            sheet.cell(i, 5, r["last_value"])
    for column, width in ((1, 28), (2, 70), (3, 10), (4, 16), (5, 14)):
        sheet.column_dimensions[get_column_letter(column)].width = width


def _known(value: object) -> bool:
    return value is not None and not pd.isna(value)


def _put(
    sheet: Worksheet, row: int, column: int, text: str, bold: bool = False, wrap: bool = False
) -> None:
    cell = sheet.cell(row, column)
    cell.value = text
    cell.data_type = "s"  # a text is a text, even one starting with "="
    if bold:
        cell.font = Font(bold=True)
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
