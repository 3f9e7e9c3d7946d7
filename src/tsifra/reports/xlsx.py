"""The rating and a region's profile as Excel workbooks, for analysts who work on in a spreadsheet.

Numbers are written as numbers (with a display format), not as text, so that a reader can sort
and compute on them; rounding is only in the format. A workbook built from synthetic data opens
with `DEMO_MARK` in its first row on every sheet, so a copied sheet still says what it is.
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
from tsifra.demo.panel import DEMO_NOTE
from tsifra.marts.methodologies import stored_methodology
from tsifra.ratings.profile import DEFAULT_METHODOLOGY, region_profile
from tsifra.ratings.published import rating
from tsifra.reference import load_federal_districts, load_regions

SCORE = "0.00"
CHANGE = "+0.00;-0.00;0.00"
RANK_CHANGE = "+0;-0;0"
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
DEMO_FONT = Font(bold=True, color="C00000", size=12)
STATUS_RU = {"new": "новое", "in_progress": "в работе", "done": "выполнено"}


def rating_xlsx(
    engine: Engine, methodology: str = DEFAULT_METHODOLOGY, period: str | None = None
) -> bytes:
    """All regions of a period's stored rating: rank, region, district, index, change, sectors.

    Unknown methodology or period raise `ValidationFailed`, like the rating itself.
    """
    view = rating(engine, methodology, period)
    m = stored_methodology(engine, methodology).methodology
    districts = _district_names()
    book = Workbook()
    sheet = book.active
    sheet.title = "Рейтинг"
    headers = ["Место", "Код", "Регион", "Федеральный округ", "Индекс", "Изм. индекса"]
    headers += ["Изм. места"] + [m.name_of(s) for s in view.sectors]
    formats = [None, None, None, None, SCORE, CHANGE, RANK_CHANGE] + [SCORE] * len(view.sectors)
    rows = [
        [
            _int(r["rank"]),
            r["unit"],
            r["name_ru"],
            districts.get(r["federal_district"], r["federal_district"]),
            _number(r["score"]),
            _number(r["score_change"]),
            _int(r["rank_change"]),
            *(_number(r[s]) for s in view.sectors),
        ]
        for r in view.table.to_dict("records")
    ]
    title = f"{m.title}: рейтинг регионов, период {view.period} (расчёт №{view.run_id})"
    _table(sheet, title, headers, rows, formats, view.synthetic, freeze_columns=3)
    return _bytes(book)


def profile_xlsx(
    engine: Engine,
    unit: str,
    methodology: str = DEFAULT_METHODOLOGY,
    period: str | None = None,
    reader: Account | None = None,
) -> bytes:
    """One region's profile: summary, sectors, indicators against targets, and — for a reader
    who may see them — the tasks, each on its own sheet."""
    p = region_profile(engine, unit, methodology, period, reader)
    book = Workbook()
    summary = book.active
    summary.title = "Сводка"
    title = f"{p.name_ru}: профиль цифровой зрелости, период {p.period}"
    trend = {row["period"]: row for row in p.trend.to_dict("records")}
    pairs = [
        ["Регион", p.name_ru],
        ["Код", p.unit],
        ["Федеральный округ", _district_names().get(p.federal_district, p.federal_district)],
        ["Методика", p.methodology],
        ["Период", p.period],
        ["Индекс", _number(p.score)],
        ["Место", p.rank],
        ["Регионов в рейтинге", p.units_ranked],
        ["Расчёт №", p.run_id],
    ]
    pairs += [[f"Индекс, {k}", _number(v["score"])] for k, v in trend.items()]
    _table(summary, title, ["Показатель", "Значение"], pairs, [None, SCORE], p.synthetic)

    sectors = book.create_sheet("Направления")
    leaders = load_regions()["name_ru"].to_dict()
    rows = [
        [
            s["name"],
            _number(s["score"]),
            _number(s["average"]),
            leaders.get(s["leader"], s["leader"]),
            _number(s["leader_score"]),
        ]
        for s in p.sectors.to_dict("records")
    ]
    headers = ["Направление", "Балл региона", "Среднее по регионам", "Лидер", "Балл лидера"]
    _table(sectors, title, headers, rows, [None, SCORE, SCORE, None, SCORE], p.synthetic)

    indicators = book.create_sheet("Показатели")
    headers = ["Код", "Показатель", "Ед.", "Значение", "Цель", "Достижение, %"]
    headers += ["Вклад, п.", "Прирост при цели, п."]
    rows = [
        [
            i["indicator"],
            i["name"],
            i["measure"],
            _number(i["value"]),
            _number(i["target"]),
            _number(i["achievement"]),
            _number(i["contribution"]),
            _number(i["gain_to_target"]),
        ]
        for i in p.indicators.to_dict("records")
    ]
    formats = [None, None, None, "0.0##", "0.0##", "0.0", SCORE, SCORE]
    _table(indicators, title, headers, rows, formats, p.synthetic, freeze_columns=2)
    if p.tasks is None:
        return _bytes(book)

    tasks = book.create_sheet("Поручения")
    headers = ["Поручение", "Ответственный", "Срок", "Статус", "Просрочено", "Показатель"]
    rows = [
        [
            task.title,
            task.responsible,
            task.deadline,
            STATUS_RU.get(task.status, task.status),
            "да" if task.overdue else "",
            task.indicator or "",
        ]
        for task in p.tasks
    ]
    formats = [None, None, "DD.MM.YYYY", None, None, None]
    _table(tasks, title, headers, rows, formats, p.synthetic)
    return _bytes(book)


def _table(
    sheet: Worksheet,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    formats: Sequence[str | None],
    synthetic: bool,
    freeze_columns: int = 0,
) -> None:
    """A title (and the demo mark) above a styled header row, frozen so it stays on screen."""
    if synthetic:
        sheet.append([DEMO_NOTE])
        sheet.cell(sheet.max_row, 1).font = DEMO_FONT
    sheet.append([title])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=12)
    sheet.append(list(headers))
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    widths = [len(h) for h in headers]
    for row in rows:
        sheet.append(list(row))
        for k, (cell, fmt) in enumerate(zip(sheet[sheet.max_row], formats, strict=False)):
            if fmt is not None:
                cell.number_format = fmt
            widths[k] = max(widths[k], len(str(cell.value)) if cell.value is not None else 0)
    for k, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(k)].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = sheet.cell(header_row + 1, freeze_columns + 1)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(headers))}{sheet.max_row}"


def _district_names() -> dict[str, str]:
    return load_federal_districts()["name_ru"].to_dict()


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
