"""A case's life: which step may follow which status, and who may take each step.

submitted → registered → [forwarded] → in_progress → [extended] → answered → rated → closed.
Side exits from any open status: rejected (with a reason) and duplicate (of another case).
Reopening is a step, not a status: the citizen moves an answered or rated case back to
in_progress. Closed, rejected and duplicate are final; a comment changes no status.

Who may act (`may_act`): the responsible body's operators and admins take every official step;
a region's operators with no body of their own work the region's triage queue (cases no body
holds yet) and may there only register, forward to a body, reject, mark a duplicate and
comment. Analysts read what the public reads (`accounts.users.can_read_case`) and take no
step: they rate regions, they do not answer citizens. Viewers neither read nor act; no
operator acts on another body's case. The citizen's steps (rate, reopen) go by the tracking
token instead.
"""

from __future__ import annotations

from tsifra.accounts.users import Account, can_work_case

STATUSES = (
    "submitted",
    "registered",
    "forwarded",
    "in_progress",
    "extended",
    "answered",
    "rated",
    "closed",
    "rejected",
    "duplicate",
)
OPEN = ("submitted", "registered", "forwarded", "in_progress", "extended")
FINAL = frozenset({"closed", "rejected", "duplicate"})

# step → (statuses it may be taken from, the status after it; None: unchanged)
STEPS: dict[str, tuple[frozenset[str], str | None]] = {
    "register": (frozenset({"submitted"}), "registered"),
    "forward": (frozenset({"registered", "forwarded", "in_progress"}), "forwarded"),
    "take": (frozenset({"registered", "forwarded"}), "in_progress"),
    "extend": (frozenset({"in_progress"}), "extended"),
    "answer": (frozenset({"in_progress", "extended"}), "answered"),
    "rate": (frozenset({"answered"}), "rated"),
    "reopen": (frozenset({"answered", "rated"}), "in_progress"),
    "close": (frozenset({"answered", "rated"}), "closed"),
    "reject": (frozenset(OPEN), "rejected"),
    "duplicate": (frozenset(OPEN), "duplicate"),
    "comment": (frozenset(STATUSES), None),
}
# The event each step writes (the vocabulary of `case_events.action`).
ACTIONS = {
    "register": "registered",
    "forward": "forwarded",
    "take": "taken",
    "extend": "extended",
    "answer": "answered",
    "rate": "rated",
    "reopen": "reopened",
    "close": "closed",
    "reject": "rejected",
    "duplicate": "duplicate",
    "comment": "commented",
}
CITIZEN_STEPS = frozenset({"rate", "reopen"})
TRIAGE_STEPS = frozenset({"register", "forward", "reject", "duplicate", "comment"})


def allowed(step: str, status: str) -> bool:
    """Whether `step` may be taken from `status` (whoever asks)."""
    return status in STEPS[step][0]


def status_after(step: str, status: str) -> str:
    return STEPS[step][1] or status


def may_act(account: Account | None, step: str, region: str, body: str | None) -> bool:
    """Whether `account` may take the official `step` on a case of `region` held by `body`."""
    if step in CITIZEN_STEPS or not can_work_case(account, region, body):
        return False
    if account.role == "admin" or body is not None:
        return True
    return step in TRIAGE_STEPS
