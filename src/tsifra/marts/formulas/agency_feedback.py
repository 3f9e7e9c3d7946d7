"""Agencies' citizen side: the feedback platform's own formulas, grouped by the answering body.

An agency that answers citizens is a unit whose code is its body's code (`bodies.code`), so the
agency rating's `agency_appeals_on_time`, `agency_answer_rating` and `agency_reopened_share` are
`feedback_on_time`, `feedback_rating` and `feedback_reopened` with the body in place of the
region. Nothing is re-written: each formula here calls the region's formula with `by="body"`,
so an agency's figure is, by construction, what the region's formula gives over the cases that
agency answered. Cases still in triage (no body yet) belong to no agency and are left out.
"""

from __future__ import annotations

import functools
import inspect
from datetime import datetime

import ibis

from tsifra.marts.formulas.feedback_figures import feedback_rating, feedback_reopened
from tsifra.marts.formulas.feedback_on_time import feedback_on_time
from tsifra.marts.formulas.registry import PLATFORM_MART, Formula, formula

AGENCY = "agency"


def by_body(region_formula: Formula, name: str, indicator: str) -> Formula:
    """Register `region_formula` again as `name`, grouped by the body that answers the case."""
    columns = tuple("body" if c == "region" else c for c in region_formula.columns)

    @functools.wraps(region_formula.compute)
    def compute(cases: ibis.Table, *, as_of: datetime) -> ibis.Table:
        answered_by_a_body = cases.filter(cases.body.notnull())
        return region_formula.compute(answered_by_a_body, as_of=as_of, by="body")

    compute.__doc__ = _rule(region_formula)
    return formula(
        name, mart=PLATFORM_MART, indicator=indicator, columns=columns, unit_kind=AGENCY
    )(compute)


def _rule(region_formula: Formula) -> str:
    return (
        f"The platform's formula `{region_formula.name}` with the answering body (the agency's "
        "unit code) in place of the region; cases in triage, not yet given to a body, count for "
        "no agency.\n\n" + inspect.cleandoc(region_formula.compute.__doc__ or "")
    )


agency_appeals_on_time: Formula = by_body(
    feedback_on_time, "agency_feedback_on_time", "agency_appeals_on_time"
)
agency_answer_rating: Formula = by_body(
    feedback_rating, "agency_feedback_rating", "agency_answer_rating"
)
agency_reopened_share: Formula = by_body(
    feedback_reopened, "agency_feedback_reopened", "agency_reopened_share"
)
