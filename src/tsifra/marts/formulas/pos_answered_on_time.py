"""Feedback platform: the share of messages answered by their deadline (`gov_pos_on_time`)."""

from __future__ import annotations

import ibis

from tsifra.marts.formulas.quarters import by_region_quarter, percent
from tsifra.marts.formulas.registry import formula


@formula(
    "pos_answered_on_time",
    mart="appeals",
    indicator="gov_pos_on_time",
    columns=("region", "created", "deadline", "answered"),
)
def pos_answered_on_time(appeals: ibis.Table) -> ibis.Table:
    """% of messages answered by their deadline, by region and quarter in which they were filed.

    Numerator: messages whose answer was published at or before the deadline. Denominator:
    messages whose outcome is known at the mart's cut-off — answered (on time or late), or still
    unanswered with the deadline already passed (these count as late, since a missing answer is
    the worst outcome). Messages still unanswered whose deadline is after the cut-off are left out:
    they may yet be answered on time, and counting them either way would bias the latest quarter.

    The cut-off is the latest moment the mart records (a filing or an answer): an extract cannot
    be older than its newest event, and the data carry no other clock. Quarters are those of
    `created`, so a message stays in the quarter it was filed in; the latest quarters are
    provisional until their messages' deadlines pass, and are revised when the mart is re-run.
    """
    t = appeals
    # Two column maxima rather than a maximum per row: Parquet statistics answer them for free.
    latest = t.created.max()
    cutoff = ibis.greatest(latest, t.answered.max().fill_null(latest))
    answered = t.answered.notnull()
    known = t.filter(answered | (t.deadline < cutoff))
    on_time = known.answered.notnull() & (known.answered <= known.deadline)
    g = by_region_quarter(
        known, known.created, messages=known.count(), on_time=known.count(where=on_time)
    )
    return g.select("unit", "period", value=percent(g.on_time, g.messages))
