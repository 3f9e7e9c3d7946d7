"""The registry of practices as a source for the index: its figures per region and quarter.

Each is as the registry stood at the quarter's last day (`tsifra.marts.registry` adds a `quarter`
row per quarter, the last cut at `as_of`): the stage in force then is the latest stage whose
`since` is on or before it; evidence counts from the day it was recorded. The measured effect
has no date of its own (the registry recomputes it whenever the stored values change), so it is
read as it stands: a past quarter's share is revised when an effect appears or disappears.
"""

from __future__ import annotations

import ibis

from tsifra.marts.formulas.quarters import percent, with_period
from tsifra.marts.formulas.registry import REGISTRY_MART, formula
from tsifra.practices.vocabulary import IN_PRODUCTION, SECTORS

RUNNING = sorted(IN_PRODUCTION)  # stages in which a practice runs for real
DIRECTIONS = [s for s in SECTORS if s != "other"]  # the index's directions
# Documents of the practice itself that prove its effect was checked (a link proves nothing).
PROVING_EVIDENCE = ("act", "contract", "report")


def stages_in_force(t: ibis.Table) -> ibis.Table:
    """Per practice and quarter day: its stage in force then (the latest `since` ≤ the day; of
    two stages of one day the later recorded), with its sector and kind of AI. A practice whose
    first stage is later than the day has no row: it was not in the registry yet.

    Each stage holds from its `since` until the next stage's (`ended`, by the same order), so
    a quarter day falls in exactly one interval: a range join, not a ranking of every stage
    against every quarter."""
    stages = t.filter(t.record == "stage")
    order = ibis.window(group_by=stages.practice, order_by=[stages.day, stages.seq])
    spans = stages.select(
        "practice", "sector", "ai_kind", "stage", since=stages.day,
        ended=stages.day.lead().over(order),
    )  # fmt: skip
    q = t.filter(t.record == "quarter").select(quarter_day=t.day)
    within = (spans.since <= q.quarter_day) & (spans.ended.isnull() | (q.quarter_day < spans.ended))
    return spans.join(q, within).drop("since", "ended")


def in_regions(t: ibis.Table, practices: ibis.Table) -> ibis.Table:
    """`practices` (with a `practice` column) once per region the practice runs in."""
    regions = t.filter(t.record == "region").select("practice", "region")
    return practices.join(regions, "practice")


def by_region_quarter_day(table: ibis.Table, **metrics: ibis.Scalar) -> ibis.Table:
    """`metrics` per region (`unit`) and quarter day (`period`, the day's quarter)."""
    grouped = table.group_by(
        unit=table.region, year=table.quarter_day.year(), quarter=table.quarter_day.quarter()
    ).aggregate(**metrics)
    return with_period(grouped)


@formula(
    "reg_ai_directions",
    mart=REGISTRY_MART,
    indicator="reg_ai_directions",
    columns=("practice", "record", "sector", "ai_kind", "region", "stage", "seq", "day"),
)
def reg_ai_directions(registry: ibis.Table) -> ibis.Table:
    """The number of the index's directions (health, education, gov, transport, city; not
    `other`) in which the region has an AI practice (any kind of AI) in production or scaled at
    the quarter's end.

    A practice counts in each of its own regions (replications elsewhere are not the region's
    practice). The stage in force is the latest stage change on or before the quarter's last
    day. A region has a value from the quarter of its first practice's first stage, zero while
    none of its practices is an AI practice in production; a region absent from the registry
    has no value.
    """
    t = registry
    here = in_regions(t, stages_in_force(t))
    running_ai = here.ai_kind.notnull() & here.stage.isin(RUNNING) & here.sector.isin(DIRECTIONS)
    g = by_region_quarter_day(here, directions=here.sector.nunique(where=running_ai))
    return g.select("unit", "period", value=g.directions)


def counted(t: ibis.Table) -> ibis.BooleanValue:
    """A replication counts only with evidence: a contract or an act, by number and date, a
    link, or a kept file: `practices.vocabulary.counts` as an expression (the reader makes an
    empty text null, as `counts` treats it)."""
    return t.kind.notnull() & (
        (t.number.notnull() & t.dated.notnull()) | t.url.notnull() | t.sha256.notnull()
    )


@formula(
    "reg_verified_effect_share",
    mart=REGISTRY_MART,
    indicator="reg_verified_effect_share",
    columns=(
        "practice", "record", "sector", "ai_kind", "region", "stage", "seq", "day", "kind",
        "number", "dated", "url", "sha256", "effect",
    ),
)  # fmt: skip
def reg_verified_effect_share(registry: ibis.Table) -> ibis.Table:
    """% of the region's practices in production or scaled at the quarter's end whose effect is
    verified: measured in that region (a computed effect on a linked indicator, not null) and
    backed by evidence recorded by the quarter's end (a counted replication anywhere, or an
    act, a contract or a report of the practice itself).

    Denominator: the region's own practices in production or scaled at the quarter's end (the
    latest stage change on or before its last day). A region-quarter with no such practice has
    no value rather than a zero. The effect is read as the registry holds it now.
    """
    t = registry
    running = in_regions(t, stages_in_force(t))
    running = running.filter(running.stage.isin(RUNNING))
    measured = (
        t.filter((t.record == "effect") & t.effect.notnull())
        .select(m_practice=t.practice, m_region=t.region)
        .distinct()
    )
    proof = t.filter(
        ((t.record == "evidence") & t.kind.isin(PROVING_EVIDENCE))
        | ((t.record == "replication") & counted(t))
    )
    proven = proof.group_by(p_practice=proof.practice).aggregate(proven_on=proof.day.min())
    joined = running.left_join(
        measured,
        [running.practice == measured.m_practice, running.region == measured.m_region],
    ).left_join(proven, running.practice == proven.p_practice)
    verified = (
        joined.m_practice.notnull()
        & joined.proven_on.notnull()
        & (joined.proven_on <= joined.quarter_day)
    )
    g = by_region_quarter_day(
        joined, practices=joined.count(), verified=joined.count(where=verified)
    )
    return g.select("unit", "period", value=percent(g.verified, g.practices))
