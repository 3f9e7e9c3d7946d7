"""A task's life: which statuses follow which, what each step needs, and who may take it.

new → in_progress → reported → accepted, or → returned (for rework) → in_progress or reported
again; any status before acceptance → cancelled. Accepted and cancelled are final.

Who reviews a report (accepts or returns it): a federal analyst or an admin, or the account that
issued the task, never the account that reported it. A regional operator thus cannot accept its
own region's report unless it issued that task itself and someone else reported it; the person
who did the work never signs it off. Cancelling is for the same reviewers (the issuing side).
Taking a task into work and reporting it is for whoever writes for its region.
"""

from __future__ import annotations

from tsifra.accounts.users import Account, can_write_region

STATUSES = ("new", "in_progress", "reported", "returned", "accepted", "cancelled")
FINAL = frozenset({"accepted", "cancelled"})
OPEN = tuple(s for s in STATUSES if s not in FINAL)
SOURCES = ("president", "government", "mintsifry", "governor", "other")

TRANSITIONS: dict[str, frozenset[str]] = {
    "new": frozenset({"in_progress", "cancelled"}),
    "in_progress": frozenset({"reported", "cancelled"}),
    "reported": frozenset({"accepted", "returned", "cancelled"}),
    "returned": frozenset({"in_progress", "reported", "cancelled"}),
    "accepted": frozenset(),
    "cancelled": frozenset(),
}
# What a step must carry: a report its text, a return the reason for rework, a cancellation why.
NEEDS_TEXT = frozenset({"reported", "returned", "cancelled"})
REVIEW = frozenset({"accepted", "returned", "cancelled"})


def allowed(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def may_review(account: Account | None, region: str, issuer: str | None, reporter: str | None):
    """Accept, return or cancel: the issuing side, never the one who reported."""
    if account is None or not can_write_region(account, region):
        return False
    if reporter is not None and account.login == reporter:
        return False
    return account.role in ("admin", "analyst") or account.login == issuer


def may_take(account: Account | None, target: str, region: str, issuer, reporter) -> bool:
    """Whether `account` may move a task of `region` to `target`."""
    if target in REVIEW:
        return may_review(account, region, issuer, reporter if target != "cancelled" else None)
    return can_write_region(account, region)
