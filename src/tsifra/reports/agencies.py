"""The agency rating as an Excel workbook: the same table as `/agencies`, with the band written
as a word (a spreadsheet filters on it) and the rank interval as two numbers, so a reader can sort
and compute on them. Built by the same table writer as the regions' rating (`reports.xlsx`):
numbers as numbers, every text a string cell, the demo mark first on synthetic data."""

from __future__ import annotations

from openpyxl import Workbook
from sqlalchemy import Engine

from tsifra.dashboard.agencies import AGENCY_METHODOLOGY, agency_rating
from tsifra.kernel.cache import Cache
from tsifra.kernel.language import language, word, word_keys
from tsifra.reports.names import name_in
from tsifra.reports.xlsx import CHANGE, RANK, SCORE, _bytes, _int, _number, _table


def agency_rating_xlsx(
    engine: Engine,
    methodology: str = AGENCY_METHODOLOGY,
    period: str | None = None,
    level: str | None = None,
    parent: str | None = None,
    band: str | None = None,
    lang: str = "ru",
    cache: Cache | None = None,
) -> bytes:
    """The agencies of a period's stored rating, filtered as the page is: place, code, agency,
    region or level, index, band, the interval's best and worst place, change, parts.

    Unknown period or filters raise `ValidationFailed`, like the rating itself."""
    lang = language(lang)
    view = agency_rating(engine, methodology, period, level, parent, band, cache)
    bands = {b.code: b.name_in(lang) for b in view.bands}
    federal = word("agpage_federal_body", lang)
    book = Workbook()
    sheet = book.active
    sheet.title = word("agpage_sheet", lang)
    keys = word_keys(
        "rank", "code", "agpage_agency", "agpage_parent", "index", "agpage_band",
        "agpage_rank_low", "agpage_rank_high", "score_change",
    )  # fmt: skip
    sectors = [name_in(*view.sector_names[s], lang) for s in view.sectors]
    headers = [word(k, lang) for k in keys] + sectors
    formats = [RANK, None, None, None, SCORE, None, RANK, RANK, CHANGE]
    formats += [SCORE] * len(view.sectors)
    rows = []
    for r in view.table.to_dict("records"):
        parent_name = (
            federal
            if r["level"] == "federal"
            else name_in(r["parent_name_ru"] or r["parent"], r["parent_name_en"], lang)
        )
        rows.append(
            [
                _int(r["rank"]),
                r["unit"],
                name_in(r["name_ru"], r["name_en"], lang),
                parent_name,
                _number(r["score"]),
                bands.get(r["band"], ""),
                _int(_plain(r.get("rank_low"))),
                _int(_plain(r.get("rank_high"))),
                _number(r["score_change"]),
                *(_number(r[s]) for s in view.sectors),
            ]
        )
    title = (view.title_en or view.title) if lang == "en" else view.title
    title = word("agpage_book_title", lang, title=title, period=view.period, run=view.run_id)
    _table(sheet, title, headers, rows, formats, view.synthetic, lang, freeze_columns=3)
    return _bytes(book)


def _plain(value: object) -> object:
    """pandas' missing integer (`pd.NA`) as None."""
    return None if value is None or str(value) == "<NA>" else value
