"""What the approvals' sketch map reads beside a project: where a region's networks lie, the
shapes of the zones a project touches, and which project an owner's request belongs to.

Zones are where pipes and cables run: infrastructure data not for everyone. An applicant and
the public never get their shapes (only the box a region's zones span, for the plane to draw on,
which says nothing of where a pipe is); officials see the zones a project touches.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func, select

from tsifra.accounts.users import Account
from tsifra.store import session_scope
from tsifra.store.models import ApprovalRequest, Body, NetworkZone

OFFICIALS = ("admin", "operator")


def may_see_zones(account: Account | None) -> bool:
    """Operators and admins see network zones; applicants, analysts and viewers don't (they
    read no project either: `approvals.policy.can_read_project`)."""
    return account is not None and account.role in OFFICIALS


def region_extent(engine: Engine, region: str) -> tuple[float, float, float, float] | None:
    """The box around every zone of the region's owners, or None when it has none loaded."""
    with session_scope(engine) as session:
        row = session.execute(
            select(
                func.min(NetworkZone.min_lon),
                func.min(NetworkZone.min_lat),
                func.max(NetworkZone.max_lon),
                func.max(NetworkZone.max_lat),
            )
            .join(Body, Body.code == NetworkZone.owner)
            .where(Body.region == region)
        ).one()
    return None if row[0] is None else (row[0], row[1], row[2], row[3])


@dataclass(frozen=True)
class ZoneShape:
    id: int
    owner: str
    network: str
    name: str
    geometry: dict[str, Any]


def zone_shapes(engine: Engine, ids: list[int], account: Account | None) -> list[ZoneShape]:
    """The zones of these ids, for an official; nothing for anyone else."""
    if not ids or not may_see_zones(account):
        return []
    with session_scope(engine) as session:
        rows = session.scalars(
            select(NetworkZone).where(NetworkZone.id.in_(ids)).order_by(NetworkZone.id)
        ).all()
        return [ZoneShape(z.id, z.owner, z.network, z.name, json.loads(z.geometry)) for z in rows]


def project_of_request(engine: Engine, case_id: int) -> int | None:
    """The project an owner's request (its case) belongs to; None for another kind of case.
    Reading the project itself is for `approvals.projects.read_project`, which decides who may."""
    with session_scope(engine) as session:
        return session.scalar(
            select(ApprovalRequest.project_id).where(ApprovalRequest.case_id == case_id)
        )


def regions_with_zones(engine: Engine) -> list[str]:
    """The regions whose network owners have zones loaded: where filing a project finds anyone."""
    with session_scope(engine) as session:
        return list(
            session.scalars(
                select(Body.region)
                .join(NetworkZone, NetworkZone.owner == Body.code)
                .distinct()
                .order_by(Body.region)
            )
        )
