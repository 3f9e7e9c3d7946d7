"""Public services: the share of applications filed online (`gov_mszu_requests_online`)."""

from __future__ import annotations

import ibis

from tsifra.marts.formulas.quarters import by_region_quarter, percent
from tsifra.marts.formulas.registry import formula


@formula(
    "mszu_requests_online",
    mart="service_requests",
    indicator="gov_mszu_requests_online",
    columns=("region", "submitted", "online"),
)
def mszu_requests_online(requests: ibis.Table) -> ibis.Table:
    """% of applications filed online, by region and quarter of filing.

    Numerator: applications filed through the federal or the regional portal (`online`).
    Denominator: every application filed in the quarter by any channel — one-stop centres (МФЦ)
    and in person included, as the methodology says — whatever became of it later: the indicator
    measures how people apply, not how the application ended, so no record waits for an outcome
    and a quarter is final as soon as it ends.
    """
    t = requests
    g = by_region_quarter(t, t.submitted, filed=t.count(), online=t.count(where=t.online))
    return g.select("unit", "period", value=percent(g.online, g.filed))
