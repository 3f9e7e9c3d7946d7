"""How long a project took: from filing to the consent that finished it, read from the cases'
events, so the figure reported and the events a reader sees can never disagree.

A decision event is an owner's answer (`answered`) or consent by silence (`lapsed`); each
carries the round it decided in its details. A project is finished when every owner's current
decision is a consent, so its finish is the latest of the owners' latest decisions, in whatever
round each was taken: an owner still answering the first round after a refusing owner approved
the revision finishes the project then, not before. Pure: the caller passes the events.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

DECISION_ACTIONS = ("answered", "lapsed")


class TimedEvent(Protocol):
    at: datetime
    action: str
    owner: str
    round: int | None


def last_decision_at(events: Iterable[TimedEvent]) -> datetime | None:
    """The moment of the latest decision of any owner in any round; None before the first."""
    return max((e.at for e in events if e.action in DECISION_ACTIONS), default=None)


def total_seconds(filed_at: datetime, events: Iterable[TimedEvent], status: str) -> float | None:
    """The total time of an approved project in seconds; None while it is not approved."""
    if status != "approved":
        return None
    last = last_decision_at(events)
    return None if last is None else (last - filed_at).total_seconds()


def owner_seconds(filed_at: datetime, events: Iterable[TimedEvent]) -> dict[str, float]:
    """Each owner's time from the filing to its latest decision, in seconds (a refused owner
    that approved a revision counts up to that approval): the figures' time by owner."""
    latest: dict[str, datetime] = {}
    for e in events:
        if e.action in DECISION_ACTIONS and (e.owner not in latest or e.at > latest[e.owner]):
            latest[e.owner] = e.at
    return {owner: (at - filed_at).total_seconds() for owner, at in latest.items()}
