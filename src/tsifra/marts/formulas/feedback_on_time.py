"""Feedback platform: the share of cases answered on time, from the platform's own table.

This is where `gov_pos_on_time` comes from when the platform runs in Tsifra: the cases are the
appeals mart itself, nobody exports or retypes them. `pos_answered_on_time` computes the same
indicator from an `appeals` file, for a region whose platform is elsewhere.
"""

from __future__ import annotations

from datetime import datetime

import ibis

from tsifra.marts.formulas.quarters import by_unit_quarter, percent
from tsifra.marts.formulas.registry import PLATFORM_MART, formula

# Steps that end a case without an answer on its substance: neither on time nor late.
WITHOUT_ANSWER = ("rejected", "duplicate")


def filed_by(cases: ibis.Table, as_of: datetime) -> tuple[ibis.Table, ibis.TimestampScalar]:
    """The cases filed by `as_of`, and `as_of` as a timestamp literal both engines read alike."""
    cut = ibis.literal(as_of.replace(tzinfo=None, microsecond=0), type="timestamp")
    return cases.filter(cases.submitted_at <= cut), cut


@formula(
    "feedback_on_time",
    mart=PLATFORM_MART,
    indicator="gov_pos_on_time",
    columns=("region", "status", "submitted_at", "due_at", "answered_at"),
)
def feedback_on_time(cases: ibis.Table, *, as_of: datetime, by: str = "region") -> ibis.Table:
    """% of cases answered by their deadline, by region and quarter in which they were submitted.

    Numerator: cases answered (`answered_at`) at or before their deadline (`due_at`, the deadline
    in force: an extension or a forwarding has already moved it), an answer exactly at the
    deadline included; an answer given before any deadline was set missed none. Denominator:
    cases answered by `as_of` (on time or late), and cases still unanswered whose deadline passed
    before `as_of` (late: a missing answer is the worst outcome). Cases not yet due are left out,
    since they may still be answered on time, and so are cases rejected or marked as duplicates
    without an answer. Every kind counts (appeals, ПОС messages, incidents), each against its own
    deadline. A quarter is that of submission, so a case stays where it was filed; the latest
    quarters are provisional until their deadlines pass and are revised by the next run.
    """
    t, cut = filed_by(cases, as_of)
    answered = t.answered_at.notnull() & (t.answered_at <= cut)
    overdue = ~answered & ~t.status.isin(WITHOUT_ANSWER) & (t.due_at < cut)
    known = t.filter(answered | overdue.fill_null(False))
    on_time = (
        known.answered_at.notnull()
        & (known.answered_at <= cut)
        & (known.due_at.isnull() | (known.answered_at <= known.due_at))
    )
    g = by_unit_quarter(
        known,
        known[by],
        known.submitted_at,
        cases=known.count(),
        on_time=known.count(where=on_time),
    )
    return g.select("unit", "period", value=percent(g.on_time, g.cases))
