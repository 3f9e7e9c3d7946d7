"""Construction: the share of permits issued on an online application (`city_permits_online`)."""

from __future__ import annotations

import ibis

from tsifra.marts.formulas.quarters import by_region_quarter, percent
from tsifra.marts.formulas.registry import formula


@formula(
    "permits_issued_online",
    mart="building_permits",
    indicator="city_permits_online",
    columns=("region", "online", "outcome", "decided"),
)
def permits_issued_online(permits: ibis.Table) -> ibis.Table:
    """% of permits issued on an application filed online, by region and quarter of issue.

    Denominator: construction and commissioning permits issued in the quarter (the methodology
    counts both kinds); refusals and pending applications are not permits and are left out, as
    is an issued record without its date of issue (it cannot be placed in a quarter). Numerator:
    those of them applied for through the portal or the planning information system (`online`).
    Counting by the quarter of issue makes a quarter final once it ends.
    """
    t = permits
    issued = t.filter((t.outcome == "issued") & t.decided.notnull())
    g = by_region_quarter(
        issued, issued.decided, permits=issued.count(), online=issued.count(where=issued.online)
    )
    return g.select("unit", "period", value=percent(g.online, g.permits))
