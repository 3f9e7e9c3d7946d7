"""The rating and a region's profile as Excel workbooks, for analysts who work on in a spreadsheet.

Numbers are written as numbers (with a display format), not as text, so that a reader can sort
and compute on them; rounding is only in the format, and the decimal mark is the spreadsheet's:
Excel writes `0.00` as 97,42 on a Russian machine by itself. Periods stay as their labels
(2025Q4), which sort; the titles name them as a reader says them («IV кв. 2025»).
A workbook built from synthetic data opens with the demo mark in its first row on every sheet, so
a copied sheet still says what it is. Russian by default; `lang="en"` writes the workbook's own
words, and every name that has an English form, in English (see `kernel.language`).
Every text — a task's title, a name from a methodology file — is a string cell, never a formula
(`ratings.export.xlsx_row`, `kernel.cells`), whoever typed it.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import Engine

from tsifra.accounts.users import Account
from tsifra.dashboard.profile import region_profile
from tsifra.kernel.cache import Cache
from tsifra.kernel.language import language, measure, status_word, word, word_keys
from tsifra.methodology import DEFAULT_METHODOLOGY
from tsifra.ratings.export import xlsx_row
from tsifra.ratings.published import rating
from tsifra.reports.names import district_names, name_in, region_names
from tsifra.store.methodologies import stored_methodology

SCORE = "0.00"
CHANGE = "+0.00;-0.00;0.00"
RANK = "0"
RANK_CHANGE = "+0;-0;0"
SHARE = "0.0"  # achievement, already in percent (85.3): Excel's 0.0% would multiply it by 100
DATE = {"ru": "DD.MM.YYYY", "en": "D MMM YYYY"}  # as `kernel.formatting.day` writes them
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
DEMO_FONT = Font(bold=True, color="C00000", size=12)


def rating_xlsx(
    engine: Engine,
    methodology: str = DEFAULT_METHODOLOGY,
    period: str | None = None,
    lang: str = "ru",
    cache: Cache | None = None,
) -> bytes:
    """All regions of a period's stored rating: rank, region, district, index, change, sectors.

    Unknown methodology or period raise `ValidationFailed`, like the rating itself.
    """
    lang = language(lang)
    view = rating(engine, methodology, period, cache=cache)
    m = stored_methodology(engine, methodology).methodology
    districts = district_names(lang)
    book = Workbook()
    sheet = book.active
    sheet.title = word("sheet_rating", lang)
    keys = word_keys("rank", "code", "region", "district", "index", "score_change", "rank_change")
    headers = [word(k, lang) for k in keys] + [m.name_of(s, lang) for s in view.sectors]
    formats = [RANK, None, None, None, SCORE, CHANGE, RANK_CHANGE] + [SCORE] * len(view.sectors)
    rows = [
        [
            _int(r["rank"]),
            r["unit"],
            name_in(r["name_ru"], r.get("name_en"), lang),
            districts.get(r["federal_district"], r["federal_district"]),
            _number(r["score"]),
            _number(r["score_change"]),
            _int(r["rank_change"]),
            *(_number(r[s]) for s in view.sectors),
        ]
        for r in view.table.to_dict("records")
    ]
    title = (m.title_en or m.title) if lang == "en" else m.title
    title = word("rating_book_title", lang, title=title, period=view.period, run=view.run_id)
    _table(sheet, title, headers, rows, formats, view.synthetic, lang, freeze_columns=3)
    return _bytes(book)


def profile_xlsx(
    engine: Engine,
    unit: str,
    methodology: str = DEFAULT_METHODOLOGY,
    period: str | None = None,
    reader: Account | None = None,
    lang: str = "ru",
    cache: Cache | None = None,
) -> bytes:
    """One region's profile: summary, sectors, indicators against targets, and — for a reader
    who may see them — the tasks, each on its own sheet."""
    lang = language(lang)
    p = region_profile(engine, unit, methodology, period, reader, cache)
    book = Workbook()
    summary = book.active
    summary.title = word("sheet_summary", lang)
    name = name_in(p.name_ru, p.name_en, lang)
    title = word("profile_title", lang, name=name, period=p.period)
    trend = {row["period"]: row for row in p.trend.to_dict("records")}
    district = district_names(lang).get(p.federal_district, p.federal_district)
    pairs = [  # (item, value, number format of the value)
        (word("region", lang), name, None),
        (word("code", lang), p.unit, None),
        (word("district", lang), district, None),
        (word("methodology", lang), p.methodology, None),
        (word("period", lang), p.period, None),
        (word("index", lang), _number(p.score), SCORE),
        (word("rank", lang), p.rank, RANK),
        (word("units_ranked", lang), p.units_ranked, RANK),
        (word("run", lang), p.run_id, RANK),
    ]
    pairs += [
        (word("index_in", lang, period=k), _number(v["score"]), SCORE) for k, v in trend.items()
    ]
    headers = [word("item", lang), word("value", lang)]
    _table(summary, title, headers, [pair[:2] for pair in pairs], [], p.synthetic, lang)
    first = summary.max_row - len(pairs) + 1
    for k, (_, _, fmt) in enumerate(pairs):
        if fmt is not None:
            summary.cell(first + k, 2).number_format = fmt

    sectors = book.create_sheet(word("sheet_sectors", lang))
    leaders = region_names(lang)
    rows = [
        [
            name_in(s["name"], s.get("name_en"), lang),
            _number(s["score"]),
            _number(s["average"]),
            leaders.get(s["leader"], s["leader"]),
            _number(s["leader_score"]),
        ]
        for s in p.sectors.to_dict("records")
    ]
    keys = word_keys("sector", "region_score", "average_of_regions", "leader", "leader_score")
    formats = [None, SCORE, SCORE, None, SCORE]
    _table(sectors, title, [word(k, lang) for k in keys], rows, formats, p.synthetic, lang)

    indicators = book.create_sheet(word("sheet_indicators", lang))
    keys = word_keys(
        "code",
        "indicator",
        "measure",
        "value",
        "target",
        "achievement",
        "contribution",
        "gain_to_target",
        "imputed_column",
    )
    rows = [
        [
            i["indicator"],
            name_in(i["name"], i.get("name_en"), lang),
            measure(i["measure"], lang),
            _number(i["value"]),
            _number(i["target"]),
            _number(i["achievement"]),
            _number(i["contribution"]),
            _number(i["gain_to_target"]),
            word("imputed_mark", lang) if i.get("imputed") else "",
        ]
        for i in p.indicators.to_dict("records")
    ]
    formats = [None, None, None, "0.0##", "0.0##", SHARE, SCORE, SCORE, None]
    headers = [word(k, lang) for k in keys]
    _table(indicators, title, headers, rows, formats, p.synthetic, lang, freeze_columns=2)
    if p.tasks is None:
        return _bytes(book)

    tasks = book.create_sheet(word("sheet_tasks", lang))
    keys = word_keys("task", "responsible", "deadline", "status", "overdue", "indicator")
    rows = [
        [
            task.title,
            task.responsible,
            task.deadline,
            status_word(task.status, lang),
            word("yes", lang) if task.overdue else "",
            task.indicator or "",
        ]
        for task in p.tasks
    ]
    formats = [None, None, DATE[lang], None, None, None]
    _table(tasks, title, [word(k, lang) for k in keys], rows, formats, p.synthetic, lang)
    return _bytes(book)


def _table(
    sheet: Worksheet,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    formats: Sequence[str | None],
    synthetic: bool,
    lang: str = "ru",
    freeze_columns: int = 0,
) -> None:
    """A title (and the demo mark) above a styled header row, frozen so it stays on screen;
    every text a string cell (`xlsx_row`)."""
    if synthetic:
        sheet.append(xlsx_row(sheet, [word("demo", lang)]))
        sheet.cell(sheet.max_row, 1).font = DEMO_FONT
    sheet.append(xlsx_row(sheet, [title]))
    sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=12)
    sheet.append(xlsx_row(sheet, headers))
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    widths = [len(h) for h in headers]
    for row in rows:
        sheet.append(xlsx_row(sheet, row))
        for k, (cell, fmt) in enumerate(zip(sheet[sheet.max_row], formats, strict=False)):
            if fmt is not None:
                cell.number_format = fmt
            widths[k] = max(widths[k], len(str(cell.value)) if cell.value is not None else 0)
    for k, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(k)].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = sheet.cell(header_row + 1, freeze_columns + 1)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(headers))}{sheet.max_row}"


def _number(value: object) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _int(value: object) -> int | None:
    number = _number(value)
    return None if number is None else int(number)


def _bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
