"""The agency rating in data: every agency's place, band and rank interval for a period, and one
agency's page — score, band, place and its interval, history and the explanation with the source
of every figure.

Agencies are units of the same engine rated by a second methodology (`ru-agency-digital`, unit
kind `agency`), so nothing is computed here that the regions' rating does not compute the same
way: the table is the stored rating (`ratings.published`), the interval is the published
uncertainty analysis (`analyses.intervals`), the explanation replays the stored run
(`analyses.explain`). What is the agencies' own: the level (a federal body has no parent unit,
a regional one has its region), the bands of the methodology (`methodology.bands.band_of`) and
where the citizen-side figures come from (the feedback platform's formulas, by name).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import pandas as pd
from sqlalchemy import Engine, select

from tsifra.analyses.explain import explain_stored
from tsifra.analyses.intervals import published_intervals
from tsifra.kernel.cache import Cache, kept
from tsifra.kernel.periods import sort_periods
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.methodology import Methodology
from tsifra.methodology.bands import band_of as methodology_band
from tsifra.methodology.schema import Band
from tsifra.ratings.computed import from_run
from tsifra.ratings.published import RatingView, rating, unit_history
from tsifra.store import Unit
from tsifra.store.methodologies import stored_methodology
from tsifra.store.versions import data_version, database_key
from tsifra.values.revisions import effective_values
from tsifra.values.submission import Completeness

AGENCY_METHODOLOGY = "ru-agency-digital"
LEVELS = ("federal", "regional")  # a federal body has no parent unit; a regional one, its region
FORMULA = "formula:"  # the source of a value a formula computed (`marts.publish`)
T = TypeVar("T", "AgencyRating", "AgencyProfile")


@dataclass(frozen=True)
class RankInterval:
    """The place's 90 % interval over the declared uncertain choices (5th–95th percentile)."""

    low: int
    high: int


@dataclass(frozen=True)
class AgencyRating:
    methodology: str
    title: str
    title_en: str | None
    period: str
    periods: list[str]  # every rated period, oldest first
    run_id: int
    synthetic: bool
    sectors: list[str]  # the root's children, in methodology order
    sector_names: dict[str, tuple[str, str | None]]  # sector: (Russian, English) name
    bands: tuple[Band, ...]  # the methodology's bands, best first
    # unit, name_ru, name_en, parent, parent_name_ru, parent_name_en, level, score, rank,
    # score_change, rank_change, band, one column per sector, rank_low, rank_high; best first
    table: pd.DataFrame
    counts: dict[str, int]  # band code: agencies of the level and region filters in that band
    parents: list[tuple[str, str, str | None]]  # regions with rated agencies: code, names
    intervals: bool  # the methodology declares uncertain choices and the analysis ran
    recomputing: bool  # the intervals are the previous run's while the current ones compute
    completeness: Completeness | None = None
    incomplete: tuple[str, ...] = ()


@dataclass(frozen=True)
class AgencyProfile:
    unit: str
    name_ru: str
    name_en: str | None
    parent: str | None
    parent_name_ru: str | None
    parent_name_en: str | None
    methodology: str
    period: str
    periods: list[str]
    run_id: int
    synthetic: bool
    score: float | None
    rank: int | None
    units_ranked: int
    band: Band | None  # None when the methodology declares no bands
    bands: tuple[Band, ...]  # every band of the methodology, best first
    interval: RankInterval | None
    recomputing: bool
    history: pd.DataFrame  # period, score, rank, band — every complete rated period
    sectors: pd.DataFrame  # sector, name, name_en, score, average
    # indicator, name, name_en, parent, measure, value, target, normalised, weight,
    # contribution, gain_to_target, imputed, source (the methodology's), value_source (the
    # stored value's), formula (the platform formula that computed it, when one did)
    indicators: pd.DataFrame
    exact: bool  # contributions add up to the score
    completeness: Completeness | None = None

    @property
    def level(self) -> str:
        return "federal" if self.parent is None else "regional"


def band_of(m: Methodology, score: object) -> Band | None:
    """The methodology's band of `score` (`methodology.bands.band_of`); None without a score
    (None, NaN, pandas' NA) or without declared bands."""
    if score is None or pd.isna(score):
        return None
    return methodology_band(m, float(score))


def bands_of(m: Methodology) -> tuple[Band, ...]:
    return tuple(m.bands)


def agency_rating(
    engine: Engine,
    methodology: str = AGENCY_METHODOLOGY,
    period: str | None = None,
    level: str | None = None,
    parent: str | None = None,
    band: str | None = None,
    cache: Cache | None = None,
) -> AgencyRating:
    """The agencies' rating of `period` (the default rated period when None), filtered by level
    (`federal`, `regional`), parent region and band.

    Places are the places in the whole rating: a filter hides rows, it does not renumber them.
    `counts` count each band within the level and region filters but not the band filter, so a
    reader sees how many agencies each band would show. An unknown level, region or band is a
    problem, as an unknown period is. Kept in `cache` until the stored data change (but not
    while its intervals are the previous run's).
    """
    key = ("agency_rating", methodology, period, level, parent, band)
    build = lambda: _rating(engine, methodology, period, level, parent, band, cache)  # noqa: E731
    return _kept(engine, cache, key, build)


def _rating(
    engine: Engine,
    methodology: str,
    period: str | None,
    level: str | None,
    parent: str | None,
    band: str | None,
    cache: Cache | None,
) -> AgencyRating:
    view = rating(engine, methodology, period, cache=cache)
    m = stored_methodology(engine, methodology).methodology
    units = _agency_units(engine)
    table = view.table.join(units, on="unit", how="left")
    for column in ("name_en", "parent", "parent_name_ru", "parent_name_en"):
        table[column] = pd.Series([_text(v) for v in table[column]], table.index, object)
    table["level"] = ["federal" if pd.isna(p) else "regional" for p in table["parent"]]
    table["band"] = [_code(band_of(m, s)) for s in table["score"]]
    intervals, declared, recomputing = _intervals(engine, methodology, view.period, cache)
    table = table.join(intervals, on="unit", how="left")
    parents = _parents(table)
    _check_filters(m, level, parent, band, {code for code, _, _ in parents})
    if level:
        table = table[table["level"] == level]
    if parent:
        table = table[table["parent"] == parent]
    counts = {b.code: int((table["band"] == b.code).sum()) for b in bands_of(m)}
    if band:
        table = table[table["band"] == band]
    return AgencyRating(
        methodology=methodology,
        title=m.title,
        title_en=m.title_en,
        period=view.period,
        periods=view.periods,
        run_id=view.run_id,
        synthetic=view.synthetic,
        sectors=view.sectors,
        sector_names={s: (m.name_of(s, "ru"), m.name_of(s, "en")) for s in view.sectors},
        bands=bands_of(m),
        table=table.reset_index(drop=True),
        counts=counts,
        parents=parents,
        intervals=declared,
        recomputing=recomputing,
        completeness=view.completeness,
        incomplete=view.incomplete,
    )


def agency_profile(
    engine: Engine,
    code: str,
    methodology: str = AGENCY_METHODOLOGY,
    period: str | None = None,
    cache: Cache | None = None,
) -> AgencyProfile:
    """One agency in the rating of `period`: its score, band, place with its interval, history
    and the explanation of every indicator with its source. An agency the rating does not hold
    is a problem (`unit_not_in_data`, path `agency`). Kept in `cache` as the rating is."""
    key = ("agency_profile", code, methodology, period)
    return _kept(engine, cache, key, lambda: _profile(engine, code, methodology, period, cache))


def _profile(
    engine: Engine, code: str, methodology: str, period: str | None, cache: Cache | None
) -> AgencyProfile:
    view = rating(engine, methodology, period, cache=cache)
    table = view.table.set_index("unit")
    if code not in table.index:
        raise ValidationFailed([Problem("unit_not_in_data", path="agency", value=code)])
    row = table.loc[code]
    m = stored_methodology(engine, methodology).methodology
    units = _agency_units(engine)
    parent = _text(units.loc[code, "parent"]) if code in units.index else None
    stored = explain_stored(engine, code, methodology, view.period, cache)
    score = None if pd.isna(row["score"]) else float(row["score"])
    intervals, _, recomputing = _intervals(engine, methodology, view.period, cache)
    interval = None
    if code in intervals.index and not pd.isna(intervals.loc[code, "rank_low"]):
        interval = RankInterval(
            int(intervals.loc[code, "rank_low"]), int(intervals.loc[code, "rank_high"])
        )
    history = unit_history(engine, methodology, code, cache)
    history = history.assign(band=[_code(band_of(m, s)) for s in history["score"]])
    return AgencyProfile(
        unit=code,
        name_ru=row["name_ru"],
        name_en=_text(row["name_en"]),
        parent=parent,
        parent_name_ru=_text(units.loc[code, "parent_name_ru"]) if parent else None,
        parent_name_en=_text(units.loc[code, "parent_name_en"]) if parent else None,
        methodology=methodology,
        period=view.period,
        periods=view.periods,
        run_id=view.run_id,
        synthetic=view.synthetic or stored.synthetic,
        score=score,
        rank=None if pd.isna(row["rank"]) else int(row["rank"]),
        units_ranked=int(table["rank"].notna().sum()),
        band=band_of(m, score),
        bands=bands_of(m),
        interval=interval,
        recomputing=recomputing,
        history=history.drop(columns=["run_id"]),
        sectors=_sectors(view, m, code),
        indicators=_indicators(engine, m, stored, code, view.period, cache),
        exact=stored.explanation.exact,
        completeness=view.completeness,
    )


def warm(engine: Engine, cache: Cache, methodology: str = AGENCY_METHODOLOGY) -> None:
    """Compute and keep the latest agency rating's rank intervals (seconds for a few hundred
    agencies), so that no visitor of `/agencies` waits for them. Raises `ValidationFailed` when
    there is no agency rating."""
    published_intervals(engine, methodology, cache=cache)


def formula_of(source: str | None) -> str | None:
    """The formula that computed a stored value (`formula:feedback_on_time` → its name)."""
    if isinstance(source, str) and source.startswith(FORMULA):
        return source.removeprefix(FORMULA)
    return None


def _kept(engine: Engine, cache: Cache | None, key: tuple, build: Callable[[], T]) -> T:
    """`build()` kept per version of the stored data; an answer whose intervals are still the
    previous run's is served once and not kept, so the next reader gets the new ones."""
    if cache is None:
        return build()
    full = (database_key(engine), data_version(engine), *key)
    value = kept(cache, full, 0, build).value
    if value.recomputing:
        cache.forget(full)
    return value


def _text(value: object) -> str | None:
    """A name or code from a frame: None where pandas holds a missing one (None, NaN)."""
    return value if isinstance(value, str) and value else None


def _code(band: Band | None) -> str | None:
    return None if band is None else band.code


def _agency_units(engine: Engine) -> pd.DataFrame:
    """Every agency's parent unit with the parent's names, indexed by the agency's code."""
    with engine.connect() as connection:
        rows = connection.execute(select(Unit.code, Unit.parent, Unit.name_ru, Unit.name_en)).all()
    frame = pd.DataFrame.from_records(rows, columns=["unit", "parent", "name_ru", "name_en"])
    names = frame.set_index("unit")[["name_ru", "name_en"]]
    names.columns = ["parent_name_ru", "parent_name_en"]
    frame = frame.join(names, on="parent")
    return frame.set_index("unit")[["parent", "parent_name_ru", "parent_name_en"]]


def _intervals(
    engine: Engine, methodology: str, period: str, cache: Cache | None
) -> tuple[pd.DataFrame, bool, bool]:
    """rank_low, rank_high by unit (rounded 5th and 95th percentile places), whether the
    methodology declares anything uncertain, whether these are the previous run's. A rating whose
    analysis cannot run (a declared imputation group the units lack) has no intervals."""
    empty = pd.DataFrame(columns=["rank_low", "rank_high"], dtype="Int64")
    try:
        found = published_intervals(engine, methodology, period, cache=cache)
    except ValidationFailed:
        return empty, False, False
    if not found.declared:
        return empty, False, found.recomputing
    frame = found.table.set_index("unit")
    out = pd.DataFrame(
        {
            "rank_low": frame["rank_p05"].round().astype("Int64"),
            "rank_high": frame["rank_p95"].round().astype("Int64"),
        }
    )
    return out, True, found.recomputing


def _parents(table: pd.DataFrame) -> list[tuple[str, str, str | None]]:
    regional = table[table["parent"].notna()].drop_duplicates("parent")
    rows = [
        (r["parent"], r["parent_name_ru"] or r["parent"], r["parent_name_en"])
        for r in regional.to_dict("records")
    ]
    return sorted(rows, key=lambda r: r[1])


def _check_filters(
    m: Methodology, level: str | None, parent: str | None, band: str | None, parents: set[str]
) -> None:
    problems = []
    if level and level not in LEVELS:
        problems.append(Problem("agpage_unknown_level", path="level", value=level))
    if parent and parent not in parents:
        problems.append(Problem("agpage_unknown_parent", path="parent", value=parent))
    if band and band not in {b.code for b in bands_of(m)}:
        problems.append(Problem("agpage_unknown_band", path="band", value=band))
    if problems:
        raise ValidationFailed(problems)


def _sectors(view: RatingView, m: Methodology, code: str) -> pd.DataFrame:
    table = view.table.set_index("unit")
    return pd.DataFrame(
        {
            "sector": view.sectors,
            "name": [m.name_of(s, "ru") for s in view.sectors],
            "name_en": [m.name_of(s, "en") for s in view.sectors],
            "score": [table.loc[code, s] for s in view.sectors],
            "average": [table[s].mean() for s in view.sectors],
        }
    )


def _indicators(
    engine: Engine, m: Methodology, stored, code: str, period: str, cache: Cache | None
) -> pd.DataFrame:
    """The explanation's indicators with where each figure comes from: the methodology's source,
    the source of the value in force (the period's own, or the last one carried forward) and the
    platform formula that computed it."""
    frame = stored.explanation.indicators.copy()
    frame["name_en"] = [m.name_of(c, "en") for c in frame["indicator"]]
    frame["measure"] = [m.indicator(c).unit for c in frame["indicator"]]
    frame["source"] = [m.indicator(c).source for c in frame["indicator"]]
    index = from_run(engine, stored.run_id, cache)
    filled = index.result.imputed_cells(period)
    imputed = filled.loc[code] if code in filled.index else pd.Series(dtype=bool)
    frame["imputed"] = [bool(imputed.get(c, False)) for c in frame["indicator"]]
    values = effective_values(engine, indicators=m.indicator_codes).frame
    values = values[values["unit"] == code]
    order = {p: k for k, p in enumerate(sort_periods(list(values["period"].unique())))}
    upto = values[values["period"].map(order) <= order.get(period, -1)]
    last = upto.assign(order=upto["period"].map(order)).sort_values("order")
    last = last.drop_duplicates("indicator", keep="last").set_index("indicator")
    frame["value_source"] = [
        last.loc[c, "source"] if c in last.index else None for c in frame["indicator"]
    ]
    formulas = [formula_of(s) for s in frame["value_source"]]
    frame["formula"] = pd.Series(formulas, index=frame.index, dtype=object)
    return frame.reset_index(drop=True)


__all__ = [
    "AGENCY_METHODOLOGY",
    "LEVELS",
    "AgencyProfile",
    "AgencyRating",
    "RankInterval",
    "agency_profile",
    "agency_rating",
    "band_of",
    "bands_of",
    "formula_of",
    "warm",
]
