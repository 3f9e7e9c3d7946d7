"""Feedback platform: the figures beside the on-time share, from the platform's own table.

They are not indicators of the bundled methodology (so they are not stored as values); the
dashboard's feedback pages show them, computed by these same formulas. All are by region and
quarter of submission, over cases submitted by `as_of`. Durations are whole seconds between
moments truncated to the second (`tsifra.marts.platform`), so the exact medians (no
approximation: DuckDB's `percentile_cont`, Spark's `percentile`) agree on both engines.
"""

from __future__ import annotations

from datetime import datetime

import ibis

from tsifra.marts.formulas.feedback_on_time import filed_by
from tsifra.marts.formulas.quarters import by_region_quarter, by_unit_quarter, mean, percent
from tsifra.marts.formulas.registry import PLATFORM_MART, formula

HOUR, DAY = 3600, 86400


def seconds_between(later: ibis.TimestampValue, earlier: ibis.TimestampValue) -> ibis.IntegerValue:
    """Whole seconds (the moments have none smaller): an integer on both engines, counted
    natively (DuckDB's `date_diff`, Spark's `datediff(SECOND, …)`), not through epoch doubles."""
    return later.delta(earlier, unit="second")


@formula(
    "feedback_first_response",
    mart=PLATFORM_MART,
    indicator="feedback_first_response_hours",
    columns=("region", "submitted_at", "first_response_at"),
)
def feedback_first_response(cases: ibis.Table, *, as_of: datetime) -> ibis.Table:
    """Median hours from submission to the first response, by quarter of submission.

    The first response is the first step a body took that the citizen sees (registration,
    forwarding, an answer: the case core records its moment). Only cases that had one by `as_of`
    count, so the median of a recent quarter grows as its slow cases get their first response.
    """
    t, cut = filed_by(cases, as_of)
    done = t.filter(t.first_response_at.notnull() & (t.first_response_at <= cut))
    wait = seconds_between(done.first_response_at, done.submitted_at)
    g = by_region_quarter(done, done.submitted_at, middle=wait.median())
    return g.select("unit", "period", value=g.middle.cast("float64") / HOUR)


@formula(
    "feedback_time_to_answer",
    mart=PLATFORM_MART,
    indicator="feedback_answer_days",
    columns=("region", "submitted_at", "answered_at"),
)
def feedback_time_to_answer(cases: ibis.Table, *, as_of: datetime) -> ibis.Table:
    """Median days (with fractions) from submission to the answer, by quarter of submission.

    Counted from submission, the time the citizen waits, not from registration, where the legal
    term starts (the on-time share measures that). Only cases answered by `as_of` count.
    """
    t, cut = filed_by(cases, as_of)
    done = t.filter(t.answered_at.notnull() & (t.answered_at <= cut))
    wait = seconds_between(done.answered_at, done.submitted_at)
    g = by_region_quarter(done, done.submitted_at, middle=wait.median())
    return g.select("unit", "period", value=g.middle.cast("float64") / DAY)


@formula(
    "feedback_reopened",
    mart=PLATFORM_MART,
    indicator="feedback_reopened_share",
    columns=("region", "submitted_at", "answered_at", "reopened_count"),
)
def feedback_reopened(cases: ibis.Table, *, as_of: datetime, by: str = "region") -> ibis.Table:
    """% of answered cases that the citizen reopened at least once, by quarter of submission.

    Denominator: cases answered at least once: an answer by `as_of`, or a reopening (which only
    follows an answer). Numerator: those reopened (`reopened_count` > 0, as the table stands).
    A reopened case says the answer did not solve the problem, whatever it said.
    """
    t, cut = filed_by(cases, as_of)
    reopened = t.reopened_count > 0
    answered = t.filter((t.answered_at.notnull() & (t.answered_at <= cut)) | reopened)
    g = by_unit_quarter(
        answered,
        answered[by],
        answered.submitted_at,
        answered_cases=answered.count(),
        reopened=answered.count(where=answered.reopened_count > 0),
    )
    return g.select("unit", "period", value=percent(g.reopened, g.answered_cases))


@formula(
    "feedback_rating",
    mart=PLATFORM_MART,
    indicator="feedback_rating_mean",
    columns=("region", "submitted_at", "rating"),
)
def feedback_rating(cases: ibis.Table, *, as_of: datetime, by: str = "region") -> ibis.Table:
    """Mean rating (1–5) citizens gave the answers, by quarter of submission.

    Only rated cases count; the mean is an integer total over a count (one division), the same
    double on every engine. A region-quarter nobody rated has no value rather than a zero.
    """
    t, _ = filed_by(cases, as_of)
    rated = t.filter(t.rating.notnull())
    g = by_unit_quarter(
        rated, rated[by], rated.submitted_at, total=rated.rating.sum(), ratings=rated.count()
    )
    return g.select("unit", "period", value=mean(g.total, g.ratings))


@formula(
    "feedback_forwarded",
    mart=PLATFORM_MART,
    indicator="feedback_forwarded_share",
    columns=("region", "submitted_at", "forwarded_count"),
)
def feedback_forwarded(cases: ibis.Table, *, as_of: datetime) -> ibis.Table:
    """% of cases forwarded to another body at least once, by quarter of submission.

    Denominator: every case submitted in the quarter (by `as_of`), whatever became of it. A high
    share says the routing rules send cases to bodies that are not competent to answer them.
    """
    t, _ = filed_by(cases, as_of)
    g = by_region_quarter(
        t, t.submitted_at, filed=t.count(), forwarded=t.count(where=t.forwarded_count > 0)
    )
    return g.select("unit", "period", value=percent(g.forwarded, g.filed))
