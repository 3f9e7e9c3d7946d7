"""Construction: the mean time to issue a construction permit (`city_permit_days`)."""

from __future__ import annotations

import ibis

from tsifra.marts.formulas.quarters import by_region_quarter, mean
from tsifra.marts.formulas.registry import formula


@formula(
    "permit_issue_days",
    mart="building_permits",
    indicator="city_permit_days",
    columns=("region", "kind", "outcome", "submitted", "decided"),
)
def permit_issue_days(permits: ibis.Table) -> ibis.Table:
    """Mean calendar days from application to issue of construction permits, by quarter of issue.

    Only construction permits (the indicator is about them; commissioning permits follow other
    deadlines) that were issued: refusals end without a permit and pending applications have no
    duration yet — counting either would mix different things into one mean. Days are calendar
    days between the dates (UTC) of application and issue, so a permit issued the day it was
    applied for took 0 days. The mean is an integer total of days over the count of permits,
    exact on every engine; a median would be more robust to a few very slow permits, but engines
    compute quantiles differently and the methodology asks for the mean.
    """
    t = permits
    issued = t.filter((t.kind == "construction") & (t.outcome == "issued") & t.decided.notnull())
    days = issued.decided.date().delta(issued.submitted.date(), unit="day")
    g = by_region_quarter(issued, issued.decided, permits=issued.count(), days=days.sum())
    return g.select("unit", "period", value=mean(g.days, g.permits))
