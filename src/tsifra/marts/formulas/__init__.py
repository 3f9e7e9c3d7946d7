"""Indicator formulas over raw marts, one module per formula, written once in Ibis.

Importing the package registers every shipped formula in `FORMULAS`, keyed by name.
"""

from tsifra.marts.formulas import (  # noqa: F401  (registration)
    agency_feedback,
    approval_times,
    feedback_figures,
    feedback_on_time,
    mszu_requests_online,
    permit_issue_days,
    permits_issued_online,
    pos_answered_on_time,
    registry_figures,
)
from tsifra.marts.formulas.registry import FORMULAS, OUTPUT_COLUMNS, Formula, formula, formulas_for

__all__ = ["FORMULAS", "OUTPUT_COLUMNS", "Formula", "formula", "formulas_for"]
