"""The governor's brief: a region's profile on one or two A4 pages, as a PDF made by WeasyPrint.

A brief leaves the system and is read on paper, so it carries everything needed to trust it: the
demo mark when the data are synthetic, and in the footer the methodology version, the run number
and the fingerprint of the revision set, with which `tsifra` can reproduce every number on it.
Rendering fetches nothing from outside: only `data:` URLs are allowed, fonts come from the system
(DejaVu Sans has Cyrillic), the charts are inline SVG. Russian by default; `lang="en"` gives the
same brief in English from the same template (the words are in `kernel.language`).
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import jinja2
from sqlalchemy import Engine

from tsifra.accounts.users import Account
from tsifra.charts.dashboard import GAP, TILE, sector_bars, tile_map, trend_line
from tsifra.dashboard.profile import RegionProfile, region_profile
from tsifra.kernel.cache import Cache
from tsifra.kernel.formatting import day, moment, number, percent, period, signed, significant
from tsifra.kernel.language import language, measure, plural, status_word, word, word_keys
from tsifra.methodology import DEFAULT_METHODOLOGY
from tsifra.ratings.published import rating
from tsifra.ratings.stored import run_info
from tsifra.reference import load_tile_grid
from tsifra.reports.names import district_names, name_in, region_names

TEMPLATES = Path(__file__).parent / "templates"
TASKS_SHOWN = 12
SECTOR_LABEL = 32  # characters of a sector's name that fit beside its bar; the table has all


def brief_pdf(
    engine: Engine,
    unit: str,
    methodology: str = DEFAULT_METHODOLOGY,
    period: str | None = None,
    reader: Account | None = None,
    lang: str = "ru",
    cache: Cache | None = None,
) -> bytes:
    """The brief for `unit` in `period` (the latest rated by default) as PDF bytes; the tasks
    are listed only for a reader who may see them. `lang="en"` makes an English brief.

    Unknown unit, methodology or period raise `ValidationFailed`, like the profile itself.
    """
    lang = language(lang)
    profile = region_profile(engine, unit, methodology, period, reader, cache)
    view = rating(engine, methodology, profile.period, cache=cache)
    scores = dict(zip(view.table["unit"], view.table["score"], strict=True))
    trace = _trace(engine, profile.run_id, lang)
    html = brief_html(profile, trace, region_map(scores, unit, lang), scores, lang)
    return render_pdf(html)


class PdfUnavailable(RuntimeError):
    """WeasyPrint cannot load its system libraries (Pango, HarfBuzz, fontconfig) here."""


def render_pdf(html: str) -> bytes:
    """HTML to PDF bytes, loading nothing but `data:` URLs.

    WeasyPrint is imported here, not at the top: it opens Pango through cffi when imported, and a
    machine without Pango should still serve everything but the PDF (`PdfUnavailable` says so).
    """
    try:
        import weasyprint
        from weasyprint.urls import URLFetcher
    except OSError as error:
        raise PdfUnavailable(f"WeasyPrint cannot load its libraries: {error}") from error
    fetcher = URLFetcher(allowed_protocols={"data"})
    return weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()


def region_map(scores: dict[str, float | None], unit: str, lang: str = "ru") -> str:
    """The tile map of every region's index with `unit` outlined, so its place reads at a glance.

    Tiles are not links: a link on paper is noise.
    """
    grid = {code: (int(r.col), int(r.row)) for code, r in load_tile_grid().iterrows()}
    svg = tile_map(grid, scores, region_names(lang), href=None, lang=lang)
    if unit not in grid:
        return svg
    col, row = grid[unit]
    x, y = col * (TILE + GAP) - 1.5, row * (TILE + GAP) - 1.5
    outline = (
        f'<rect x="{x}" y="{y}" width="{TILE + 3}" height="{TILE + 3}" rx="5" fill="none"'
        ' stroke="#c00000" stroke-width="3"/>'
    )
    return svg.removesuffix("</svg>") + outline + "</svg>"


def brief_html(
    p: RegionProfile,
    trace: dict[str, str],
    map_svg: str = "",
    scores: dict[str, float | None] | None = None,
    lang: str = "ru",
) -> str:
    """The brief's HTML: kept apart from rendering so a test or a page can look at it directly.

    At most `TASKS_SHOWN` tasks are listed (overdue first, as `list_tasks` orders them) and the
    rest counted, so a region with many tasks still gets a brief of two pages at most. Task
    titles and responsibles are shown as typed, in whatever language their author used.
    """
    lang = language(lang)
    tasks = p.tasks or []
    # A brief on a past period shows the trend up to that period, never what came after it.
    trend = p.trend.to_dict("records")
    periods = [row["period"] for row in trend]
    if p.period in periods:
        trend = trend[: periods.index(p.period) + 1]
    previous = trend[-2] if len(trend) > 1 else None
    change = rank_change = None
    if previous is not None and p.score is not None and _finite(previous["score"]):
        change = p.score - float(previous["score"])
    if previous is not None and p.rank is not None and _finite(previous["rank"]):
        rank_change = int(previous["rank"]) - p.rank
    names = region_names(lang)
    known = [float(v) for v in (scores or {}).values() if _finite(v)]
    sectors = [
        {**s, "name": name_in(s["name"], s.get("name_en"), lang)}
        for s in p.sectors.to_dict("records")
    ]
    since = previous["period"] if previous else None
    forms = word_keys("place_since", "places_few_since", "places_since")
    places = plural(rank_change or 0, lang, *forms)

    def t(key: str, **params: object) -> str:
        return word(key, lang, **params)

    context = {
        "p": p,
        "lang": lang,
        "t": t,
        "name": name_in(p.name_ru, p.name_en, lang),
        "css": (TEMPLATES / "brief.css").read_text(encoding="utf-8"),
        "demo": word("demo_brief", lang),
        "trace": trace,
        "district": district_names(lang).get(p.federal_district, p.federal_district or ""),
        "score": number(p.score, lang),
        "change": change,
        "change_text": signed(change, lang) if change is not None else "",
        "rank_change_text": signed(rank_change, lang, 0) if rank_change else "",
        "rank_change": rank_change,
        "previous": since,
        "places": word(places, lang, period=since) if since else "",
        "trend_svg": trend_line(
            [(r["period"], _float(r["score"])) for r in trend], width=200, height=44, lang=lang
        ),
        "trend_text": " → ".join(
            f"{period(r['period'], lang)}: {number(r['score'], lang)}" for r in trend[-4:]
        ),
        "sectors_svg": sector_bars(
            [
                (_short(s["name"]), *(_float(s[k]) for k in ("score", "average", "leader_score")))
                for s in sectors
            ],
            lang=lang,
        ),
        "sectors": [
            {
                "name": s["name"],
                "score": number(s["score"], lang),
                "average": number(s["average"], lang),
                "leader": names.get(s["leader"], s["leader"] or "—"),
                "leader_score": number(s["leader_score"], lang),
            }
            for s in sectors
        ],
        "gains": [
            {
                "name": name_in(g["name"], g.get("name_en"), lang),
                "value": _value(g["value"], g["measure"], lang),
                "target": _value(g["target"], g["measure"], lang),
                "achievement": percent(g["achievement"], lang),
                "gain": number(g["gain_to_target"], lang),
            }
            for g in p.gains.to_dict("records")
        ],
        "map_svg": map_svg,
        "map_low": number(min(known, default=None), lang),
        "map_high": number(max(known, default=None), lang),
        "tasks_shown": p.tasks is not None,
        "tasks_more": max(len(tasks) - TASKS_SHOWN, 0),
        "tasks": [
            {
                "title": task.title,
                "responsible": task.responsible,
                "deadline": day(task.deadline, lang),
                "status": status_word(task.status, lang),
                "overdue": task.overdue,
            }
            for task in tasks[:TASKS_SHOWN]
        ],
        "overdue": sum(task.overdue for task in tasks),
    }
    return _environment().get_template("brief.html").render(context)


def _trace(engine: Engine, run_id: int, lang: str = "ru") -> dict[str, str]:
    """What identifies the numbers: methodology version, revision count and fingerprint."""
    info = run_info(engine, run_id)
    return {
        "methodology": info.methodology,
        "version": info.methodology_version,
        "revisions": str(info.revision_count),
        "fingerprint": info.revision_set_sha256[:12],
        "made": moment(datetime.now(UTC), lang),
    }


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


def _short(name: str) -> str:
    return name if len(name) <= SECTOR_LABEL else name[: SECTOR_LABEL - 1].rstrip() + "…"


def _finite(value: object) -> bool:
    return value is not None and not math.isnan(float(value))


def _float(value: object) -> float | None:
    return float(value) if _finite(value) else None


def _value(value: object, unit: str | None, lang: str) -> str:
    text = significant(value, lang)
    return f"{text} {measure(unit, lang)}" if unit and text != "—" else text
