"""Who may read a project and answer an owner's request.

An applicant sees its own projects (it filed them under its login); an owner's operators see
the projects that hold a request of their body, and answer only that request; a region's
operators without a body oversee the region's projects (they read, they do not answer); admins
everything. Analysts and viewers read the region's figures, never a project: what a developer
plans to dig is its business and the owners'. Filing is `accounts.users.can_file_approval`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from tsifra.accounts.users import Account

if TYPE_CHECKING:
    from tsifra.approvals.views import ProjectView


def can_read_project(
    account: Account | None, applicant: str, region: str, owners: Iterable[str]
) -> bool:
    """Whether `account` reads a project of `applicant` in `region` sent to `owners`."""
    if account is None:
        return False
    if account.role == "admin":
        return True
    if account.role == "applicant":
        return account.login == applicant
    if account.role != "operator":
        return False
    if account.body is None:
        return account.region == region
    return account.body in set(owners)


def can_answer_request(account: Account | None, owner: str) -> bool:
    """Only the owner's own operators (and admins) answer for it: another owner's operator
    cannot approve for a competitor, nor can the region decide in an owner's place."""
    if account is None:
        return False
    if account.role == "admin":
        return True
    return account.role == "operator" and account.body == owner


def can_revise_project(account: Account | None, applicant: str) -> bool:
    """A revision is the applicant's answer to a refusal (an admin may act for it)."""
    if account is None:
        return False
    return account.role == "admin" or (account.role == "applicant" and account.login == applicant)


def shown_to(view: ProjectView, account: Account | None) -> ProjectView:
    """What of a project `account` reads: an owner's operators see their own request and its
    events only (another owner's conditions or reasons are between it and the applicant); the
    applicant sees every owner's state and event but not the logins of the owners' employees;
    the region's operators and admins see it whole."""
    from dataclasses import replace

    if account is None or account.role == "admin":
        return view
    if account.role == "operator" and account.body is not None:
        owners = [o for o in view.owners if o.owner == account.body]
        awaited = [o.due_at for o in owners if o.decision is None and o.due_at is not None]
        return replace(
            view,
            owners=owners,
            events=[e for e in view.events if e.owner == account.body],
            due_at=max(awaited, default=None),
        )
    if account.role == "applicant":
        kept = ("system", account.login)
        events = [e if e.actor in kept else replace(e, actor=None) for e in view.events]
        return replace(view, events=events)
    return view
