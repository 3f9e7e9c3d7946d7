"""Where a region is weakest and who has already solved it: the candidates of a plan.

The indicators are ranked by the index points at stake — the explanation's `gain_to_target`
(what-if's own answer to "this indicator at its target", so gap × effective weight, exactly) —
for the region in the published rating. For each, the practices that moved that indicator
elsewhere: a measured effect (`practice_effects`) in another region, adjusted by the
indicator's direction, above zero on average over those regions. They are ranked by the effect
per cost, then by counted replications (with evidence only), then by the effect itself:

    effect per million ₽ = direction-adjusted effect (in the indicator's unit)
                           ÷ ((capex + opex × years to the target year) / 1 000 000)

with `years` = the target year − this year, at least one (a practice adopted for next year's
programme runs a year before it is measured). A practice without a known cost has no ratio and
comes after those with one. The measured effect is before/after, not causal: other causes move
indicators too; the pages say so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, Engine, func, select

from tsifra.analyses.explain import explain_stored
from tsifra.kernel.cache import Cache
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.methodology import DEFAULT_METHODOLOGY
from tsifra.practices.effects import refresh_effects
from tsifra.practices.vocabulary import counts, is_stale
from tsifra.ratings.computed import from_run
from tsifra.store import Practice, PracticeEffect, PracticeReplication
from tsifra.store.versions import data_version, database_key

MILLION = 1_000_000.0


@dataclass(frozen=True)
class PracticeCandidate:
    """A practice that moved the indicator elsewhere, with what it cost and how often it was
    replicated with evidence."""

    practice_id: int
    title: str
    stage: str
    regions: tuple[str, ...]  # where its effect on the indicator was measured (not the plan's)
    effect: float  # mean direction-adjusted effect there, in the indicator's unit (> 0)
    raw_effect: float  # the same without the direction: what the value moves by
    capex: float | None
    opex: float | None
    cost: float | None  # capex + opex × years, roubles; None when neither is known
    per_million: float | None  # effect per million roubles of `cost`
    replications: int  # counted ones only (with evidence)
    verified_at: date
    stale: bool


@dataclass(frozen=True)
class IndicatorCandidates:
    """One of the region's gaps: the indicator, its points at stake, the practices for it."""

    indicator: str
    name: str
    name_en: str
    parent: str
    value: float | None  # the region's value in the published period
    target: float | None  # in the published period (the gap is measured against it)
    forecast: float | None  # the forecast median in the target year: where the trend leads
    target_then: float | None  # the target of the target year (a plan aims no further)
    direction: int
    valid_range: tuple[float, float] | None
    points: float  # index points at stake: gain_to_target
    practices: tuple[PracticeCandidate, ...]

    def label(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name


@dataclass(frozen=True)
class Candidates:
    region: str
    target_year: int
    methodology: str
    period: str  # the published period the gaps are measured in
    run_id: int
    synthetic: bool
    years: int  # of opex counted in a cost
    indicators: tuple[IndicatorCandidates, ...]  # most points at stake first

    def of(self, indicator: str) -> IndicatorCandidates | None:
        return next((c for c in self.indicators if c.indicator == indicator), None)

    def practice(self, indicator: str, practice_id: int) -> PracticeCandidate | None:
        found = self.of(indicator)
        if found is None:
            return None
        return next((p for p in found.practices if p.practice_id == practice_id), None)


def cost_years(target_year: int, today: date) -> int:
    """Years of running cost counted up to the target year: at least one."""
    return max(1, target_year - today.year)


def candidates(
    engine: Engine,
    region: str,
    target_year: int,
    *,
    methodology: str = DEFAULT_METHODOLOGY,
    lang: str,
    cache: Cache | None = None,
    today: date | None = None,
) -> Candidates:
    """The region's indicators short of target, most index points at stake first, each with
    the practices that moved it in other regions (see the module's formula). Kept in `cache`
    per stored data and registry state, so a plan's page costs one lookup after the first."""
    today = today or date.today()
    if not 2000 <= target_year <= 2100:
        raise ValidationFailed([Problem("plan_bad_year", path="target_year", value=target_year)])
    refresh_effects(engine)  # a corrected value moves the effects before anyone ranks by them
    if cache is None:
        return _candidates(engine, region, target_year, methodology, today, None)
    key = ("plan-candidates", database_key(engine), region, target_year, methodology, today)
    version = (data_version(engine), _registry_version(engine))
    return cache.get(
        (key, version),
        0,
        lambda: _candidates(engine, region, target_year, methodology, today, cache),
    )


def _registry_version(engine: Engine) -> tuple:
    """What the practices' side of an answer depends on: their last change."""
    with engine.connect() as connection:
        return tuple(
            connection.execute(
                select(
                    select(func.max(Practice.updated_at)).scalar_subquery(),
                    select(func.count(Practice.id)).scalar_subquery(),
                    select(func.max(PracticeReplication.id)).scalar_subquery(),
                    select(func.count(PracticeEffect.practice_id)).scalar_subquery(),
                )
            ).one()
        )


def _candidates(
    engine: Engine,
    region: str,
    target_year: int,
    methodology: str,
    today: date,
    cache: Cache | None,
) -> Candidates:
    try:
        stored = explain_stored(engine, region, methodology, cache=cache)
    except ValidationFailed as failed:
        problems = [
            Problem(p.code, path="region", value=region) if p.path == "unit" else p
            for p in failed.problems
        ]
        raise ValidationFailed(problems) from None
    m = from_run(engine, stored.run_id, cache).methodology
    table = stored.explanation.indicators
    gaps = table[table["gain_to_target"].notna() & (table["gain_to_target"] > 0)]
    gaps = gaps.sort_values("gain_to_target", ascending=False, kind="stable")
    directions = {c: int(m.indicator(c).direction) for c in gaps["indicator"]}
    years = cost_years(target_year, today)
    found = practices_for(engine, region, directions, years, today)
    trend = forecast_values(engine, region, target_year, methodology, cache)
    indicators = tuple(
        IndicatorCandidates(
            indicator=r["indicator"],
            name=r["name"],
            name_en=r["name_en"],
            parent=r["parent"],
            value=_number(r["value"]),
            target=_number(r["target"]),
            forecast=trend.get(r["indicator"]),
            target_then=m.indicator(r["indicator"]).target_for_year(target_year),
            direction=directions[r["indicator"]],
            valid_range=m.indicator(r["indicator"]).valid_range,
            points=float(r["gain_to_target"]),
            practices=found.get(r["indicator"], ()),
        )
        for r in gaps.to_dict("records")
    )
    return Candidates(
        region,
        target_year,
        methodology,
        stored.explanation.period,
        stored.run_id,
        stored.synthetic,
        years,
        indicators,
    )


def forecast_values(
    engine: Engine, region: str, target_year: int, methodology: str, cache: Cache | None
) -> dict[str, float]:
    """The region's forecast median of each indicator in the target year's last period (the
    published rating's kept forecast, as what-if starts from); empty when the year is rated."""
    from tsifra.analyses.forecast import published_forecast
    from tsifra.engine.changes import resolve_period

    f = published_forecast(engine, methodology, cache=cache).forecast
    label = resolve_period(f.periods, str(target_year))
    panel = f.baseline(label, [region]) if label else None
    if panel is None:
        return {}
    values = panel.values[0, 0]
    return {c: float(v) for c, v in zip(panel.codes, values, strict=True) if not math.isnan(v)}


def practices_for(
    engine: Engine, region: str, directions: dict[str, int], years: int, today: date
) -> dict[str, tuple[PracticeCandidate, ...]]:
    """For each indicator (code → direction), the practices whose measured effect on it in
    regions other than `region` is, on average and direction-adjusted, above zero; ranked."""
    if not directions:
        return {}
    with engine.connect() as connection:
        effects = connection.execute(
            select(
                PracticeEffect.practice_id,
                PracticeEffect.indicator,
                PracticeEffect.region,
                PracticeEffect.effect,
            ).where(
                PracticeEffect.indicator.in_(list(directions)),
                PracticeEffect.region != region,
                PracticeEffect.effect.is_not(None),
            )
        ).all()
        ids = sorted({e.practice_id for e in effects})
        rows = {
            p.id: p
            for p in connection.execute(
                select(
                    Practice.id,
                    Practice.title,
                    Practice.stage,
                    Practice.capex,
                    Practice.opex,
                    Practice.verified_at,
                ).where(Practice.id.in_(ids))
            )
        }
        counted = counted_replications(connection, ids)
    measured: dict[tuple[str, int], list[tuple[str, float]]] = {}
    for e in effects:
        measured.setdefault((e.indicator, e.practice_id), []).append((e.region, float(e.effect)))
    out: dict[str, list[PracticeCandidate]] = {}
    for (indicator, practice_id), where in sorted(measured.items()):
        row = rows.get(practice_id)
        if row is None:
            continue
        raw = sum(v for _, v in where) / len(where)
        effect = raw * directions[indicator]
        if not effect > 0:
            continue
        cost = _cost(row.capex, row.opex, years)
        out.setdefault(indicator, []).append(
            PracticeCandidate(
                practice_id=practice_id,
                title=row.title,
                stage=row.stage,
                regions=tuple(sorted(r for r, _ in where)),
                effect=effect,
                raw_effect=raw,
                capex=row.capex,
                opex=row.opex,
                cost=cost,
                per_million=effect / (cost / MILLION) if cost else None,
                replications=counted.get(practice_id, 0),
                verified_at=row.verified_at,
                stale=is_stale(row.verified_at, today),
            )
        )
    return {code: tuple(sorted(found, key=_rank)) for code, found in out.items()}


def _rank(p: PracticeCandidate) -> tuple:
    """Effect per cost first (unknown cost last), then counted replications, then the effect."""
    return (p.per_million is None, -(p.per_million or 0.0), -p.replications, -p.effect, p.title)


def _cost(capex: float | None, opex: float | None, years: int) -> float | None:
    if capex is None and opex is None:
        return None
    return (capex or 0.0) + (opex or 0.0) * years


def _number(value) -> float | None:
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(x) else x


def counted_replications(connection: Connection, practice_ids: list[int]) -> dict[int, int]:
    """Counted replications per practice: with evidence only (`practices.vocabulary.counts`)."""
    out: dict[int, int] = {}
    if not practice_ids:
        return out
    r = PracticeReplication
    rows = connection.execute(
        select(r.practice_id, r.evidence_kind, r.evidence_number, r.evidence_date,
               r.evidence_url, r.evidence_sha256).where(r.practice_id.in_(practice_ids))
    )  # fmt: skip
    for row in rows:
        if counts(row):
            out[row.practice_id] = out.get(row.practice_id, 0) + 1
    return out
