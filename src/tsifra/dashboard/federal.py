"""The federal view in data: every region against its targets by direction, its поручения and
its data for the quarter — the table a federal analyst who rates 89 regions starts from.

Each direction's cell has the one status rule of `dashboard.status`, so a region reads the same
here as on its home screen. Filters are plain arguments (a district, a status), so the page
works without JavaScript and an export holds exactly the rows on screen. Tasks are counted only
for a reader who may read every region's (federal roles); the rating and the data state are
published figures.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
from openpyxl import Workbook
from sqlalchemy import Engine

from tsifra.accounts.users import Account
from tsifra.dashboard.cycle import QuarterData, quarter_data
from tsifra.dashboard.feedback import RegionSummary, federal_feedback
from tsifra.dashboard.status import LEVELS, level, worst
from tsifra.dashboard.work import counts_by_region
from tsifra.kernel.cache import Cache
from tsifra.kernel.cells import CSV_QUOTING, csv_cell
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.methodology import DEFAULT_METHODOLOGY
from tsifra.ratings.export import xlsx_row
from tsifra.ratings.published import rating
from tsifra.store.methodologies import stored_methodology

FEDERAL_ROLES = frozenset({"admin", "analyst", "viewer"})


@dataclass(frozen=True)
class TaskCounts:
    total: int
    open: int
    overdue: int
    done_on_time: int  # accepted on or before the deadline


@dataclass(frozen=True)
class FederalRow:
    unit: str
    name_ru: str
    name_en: str | None
    district: str | None
    score: float | None
    rank: int | None
    cells: tuple[tuple[float | None, str], ...]  # (score, level) per direction
    level: str  # the worst direction's
    tasks: TaskCounts | None  # None: not shown to this reader
    data: QuarterData
    # feedback figures (dashboard.feedback): on-time share and backlog; None: no case yet
    feedback: RegionSummary | None = None


@dataclass(frozen=True)
class FederalView:
    methodology: str
    period: str
    periods: list[str]
    synthetic: bool
    sectors: tuple[tuple[str, str, str], ...]  # code, name, English name
    rows: tuple[FederalRow, ...]
    district: str | None
    status: str | None
    with_tasks: bool

    @property
    def late_regions(self) -> int:
        return sum(bool(r.data.late) for r in self.rows)


def may_see_federal(reader: Account | None) -> bool:
    """The federal view is for the federal roles; an operator has its own region's home."""
    return reader is not None and reader.role in FEDERAL_ROLES


def federal_view(
    engine: Engine,
    reader: Account | None,
    methodology: str = DEFAULT_METHODOLOGY,
    period: str | None = None,
    district: str | None = None,
    status: str | None = None,
    today: date | None = None,
    cache: Cache | None = None,
) -> FederalView:
    """Regions × directions with status, tasks and the quarter's data, filtered by `district`
    and by `status` (the worst direction's level: «red» keeps the regions with a direction more
    than 10 % below its target). An unknown status is a problem (path `status`)."""
    if status and status not in LEVELS:
        raise ValidationFailed([Problem("unknown_status", path="status", value=status)])
    today = today or date.today()
    view = rating(engine, methodology, period, district, cache=cache)
    m = stored_methodology(engine, methodology).methodology
    full = m.scale.max if m.steps.normalise.method == "target_achievement" else None
    with_tasks = may_see_federal(reader)
    counts = _task_counts(engine, reader, today) if with_tasks else {}
    data = quarter_data(engine, list(view.table["unit"]), methodology, today, cache)
    feedback = federal_feedback(engine)  # feedback figures: every region's, one pass
    rows = []
    for r in view.table.to_dict("records"):
        cells = tuple((_number(r[s]), level(_number(r[s]), full)) for s in view.sectors)
        row_level = worst([lv for _, lv in cells])
        if status and row_level != status:
            continue
        rows.append(
            FederalRow(
                unit=r["unit"],
                name_ru=r["name_ru"],
                name_en=r["name_en"],
                district=r["federal_district"],
                score=_number(r["score"]),
                rank=None if pd.isna(r["rank"]) else int(r["rank"]),
                cells=cells,
                level=row_level,
                tasks=counts.get(r["unit"], TaskCounts(0, 0, 0, 0)) if with_tasks else None,
                data=data[r["unit"]],
                feedback=feedback.get(r["unit"]),
            )
        )
    return FederalView(
        methodology=methodology,
        period=view.period,
        periods=view.periods,
        synthetic=view.synthetic,
        sectors=tuple((s, m.name_of(s, "ru"), m.name_of(s, "en")) for s in view.sectors),
        rows=tuple(rows),
        district=district,
        status=status,
        with_tasks=with_tasks,
    )


def _task_counts(engine: Engine, reader: Account | None, today: date) -> dict[str, TaskCounts]:
    """Tasks by region: total, open, overdue, done on time (`tasks.summary`, one grouped query)."""
    return {
        region: TaskCounts(c.total, c.open, c.overdue, c.done_on_time)
        for region, c in counts_by_region(engine, reader, today).items()
    }


# --- the export: exactly the rows on screen ----------------------------------------------------


def federal_table(view: FederalView, headers: Sequence[str], words: dict[str, str], lang: str):
    """The view as rows of plain values under `headers` (the caller's words, in `lang`):
    rank, region, district, index, each direction's score and status, the worst status, then
    tasks (when shown), the quarter's data and the feedback figures. `words` writes a level
    («ниже цели ✗»)."""
    rows = [list(headers)]
    for r in view.rows:
        name = (r.name_en if lang == "en" else None) or r.name_ru
        row: list[object] = [r.rank, name, r.district, r.score]
        for score, lv in r.cells:
            row += [score, words[lv]]
        row.append(words[r.level])
        if view.with_tasks:
            t = r.tasks
            row += [t.total, t.overdue, t.done_on_time]
        row += [len(r.data.arrived), len(r.data.expected), len(r.data.late)]
        f = r.feedback  # feedback figures: on-time share, its quarter, open and overdue cases
        row += [f.on_time, f.period, f.open, f.overdue] if f else [None, None, 0, 0]
        rows.append(row)
    return rows


def table_xlsx(rows: list[list[object]], title: str) -> bytes:
    """The rows as a workbook: every text a string cell (`ratings.export.xlsx_row`), so a
    region or task text starting with `=` is never a formula."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    for row in rows:
        sheet.append(xlsx_row(sheet, row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def table_csv(rows: list[list[object]]) -> bytes:
    """The rows as CSV (UTF-8 with a BOM, so Excel reads Cyrillic): formula-like texts made
    inert and every text quoted (`kernel.cells`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=CSV_QUOTING)
    for row in rows:
        writer.writerow(["" if v is None else csv_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _number(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
