"""Infrastructure approvals: the median time from filing to the last answer («ВсеСети»).

One formula, `appr_median_days`, over the events of the owners' approval cases
(`tsifra.marts.approvals`). By region and quarter it is the index's figure; grouped by owner or
by kind of works (`by`) it is the dashboard's breakdown, the same rule with another unit, as the
agencies' feedback figures are the region's formulas by body. Durations are whole seconds
between moments truncated to the second, and the median is exact on both engines (DuckDB's
`percentile_cont`, Spark's `percentile`), so they agree to the last bit.
"""

from __future__ import annotations

from datetime import datetime

import ibis

from tsifra.approvals.timing import DECISION_ACTIONS
from tsifra.approvals.vocabulary import CONSENTS
from tsifra.marts.formulas.feedback_figures import DAY, seconds_between
from tsifra.marts.formulas.quarters import by_unit_quarter
from tsifra.marts.formulas.registry import APPROVALS_MART, formula

# The events that record an owner's decision (`approvals.timing`), and the decisions that let
# the works go ahead (approval, with conditions, consent by silence); a refusal holds the
# project until the answer to its revision.
DECISIONS = DECISION_ACTIONS


def moment(as_of: datetime) -> ibis.TimestampScalar:
    """`as_of` as a timestamp literal both engines read alike (whole seconds, naive UTC)."""
    return ibis.literal(as_of.replace(tzinfo=None, microsecond=0), type="timestamp")


def owners_standing(events: ibis.Table, as_of: datetime) -> ibis.Table:
    """Per project and owner, its latest event by `as_of` (of two in one second, the later
    recorded) and whether it is a consent: the owner's state then. A revision (`revised`) or a
    new round's sending after a refusal is the latest event until the owner answers again."""
    cut = moment(as_of)
    read = ("project", "region", "works", "owners", "filed_at", "owner", "seq", "action")
    t = events.filter((events.at <= cut) & (events.filed_at <= cut))
    t = t.select(*read, "decision", "at")
    order = ibis.window(group_by=[t.project, t.owner], order_by=[ibis.desc(t.at), ibis.desc(t.seq)])
    ranked = t.mutate(latest=ibis.row_number().over(order))
    last = ranked.filter(ranked.latest == 0)
    agreed = last.action.isin(DECISIONS) & last.decision.isin(CONSENTS)
    return last.select(
        "project", "region", "works", "owners", "filed_at", "owner", "at",
        agreed=agreed.fill_null(False),
    )  # fmt: skip


def finished_projects(standing: ibis.Table) -> ibis.Table:
    """The projects every owner of which consented by `as_of`, with the moment of the last
    answer (`finished_at`): the latest of their owners' consents."""
    g = standing.group_by("project", "region", "works", "owners", "filed_at").aggregate(
        agreed_owners=standing.count(where=standing.agreed),
        finished_at=standing.at.max(),
    )
    return g.filter(g.agreed_owners == g.owners).drop("agreed_owners")


@formula(
    "appr_median_days",
    mart=APPROVALS_MART,
    indicator="appr_median_days",
    columns=(
        "project", "region", "works", "owners", "filed_at", "owner", "seq", "action",
        "decision", "at",
    ),
)  # fmt: skip
def appr_median_days(events: ibis.Table, *, as_of: datetime, by: str = "region") -> ibis.Table:
    """Median days (with fractions) from a project's filing to the last answer of its owners,
    by region and calendar quarter in which the project was finished.

    A project counts once every owner it was sent to has consented by `as_of`: approved,
    approved with conditions, or silent past the term where the region's rule makes silence
    consent. Its time is the moment of the last of those answers (an owner's latest decision
    event) minus the moment it was filed: after a refusal it runs on through the revision
    until the refusing owner's new answer, so a refusal is never a quick finish. Projects still
    under review, refused and not yet revised, or withdrawn are left out (they have no last
    answer yet). Grouped by kind of works, the unit is the project's kind; grouped by owner,
    each owner of a finished project counts with its own time, from the filing to its own last
    answer, in the quarter the project was finished.
    """
    standing = owners_standing(events, as_of)
    done = finished_projects(standing)
    if by == "owner":
        ended = done.select(done_project="project", done_at="finished_at")
        rows = standing.join(ended, standing.project == ended.done_project)
        wait = seconds_between(rows.at, rows.filed_at)
        g = by_unit_quarter(rows, rows.owner, rows.done_at, middle=wait.median())
    else:
        wait = seconds_between(done.finished_at, done.filed_at)
        g = by_unit_quarter(done, done[by], done.finished_at, middle=wait.median())
    return g.select("unit", "period", value=g.middle.cast("float64") / DAY)
