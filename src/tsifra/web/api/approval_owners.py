"""The owners a geometry touches, over the API (POST /api/v1/approvals/owners).

Who must approve works at a location, before filing: the body is a GeoJSON geometry (or a
Feature, or a FeatureCollection of one), the answer every network owner whose zone it touches
and the zones touched. Zones are infrastructure data (where pipes and cables run), so only a
signed-in account is answered, and each account has a rate limit (`web.ratelimits.OWNERS`).
Problems of the geometry are located from the body (`body.coordinates[0]`).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query
from pydantic import BaseModel, Field

from tsifra.approvals.geometry import single_geometry
from tsifra.approvals.owners import OwnerHit, owners_for
from tsifra.web.api.schemas import ErrorOut
from tsifra.web.deps import DB, AppCache, CurrentUser
from tsifra.web.ratelimits import OWNERS, RESPONSES

router = APIRouter(tags=["approvals"])
ERRORS = {401: {"model": ErrorOut}, 422: {"model": ErrorOut}, **RESPONSES}
POINT_EXAMPLE = {"type": "Point", "coordinates": [49.14, 55.785]}


class ZoneOut(BaseModel):
    id: int
    network: str = Field(description="water, sewer, heat, gas, power, telecom or other")
    name: str


class OwnerOut(BaseModel):
    owner: str = Field(description="the owner's body code: the body whose approval is needed")
    name: str
    region: str
    zones: list[ZoneOut] = Field(description="the owner's zones the geometry touches")


class OwnersOut(BaseModel):
    owners: list[OwnerOut] = Field(description="by owner code; empty when no zone is touched")


def owners_out(hits: list[OwnerHit]) -> OwnersOut:
    return OwnersOut(
        owners=[
            OwnerOut(
                owner=h.owner,
                name=h.name,
                region=h.region,
                zones=[ZoneOut(id=z.id, network=z.network, name=z.name) for z in h.zones],
            )
            for h in hits
        ]
    )


@router.post(
    "/approvals/owners",
    response_model=OwnersOut,
    responses=ERRORS,
    dependencies=[OWNERS],
    summary="The network owners a geometry touches",
)
def approval_owners(
    engine: DB,
    account: CurrentUser,
    cache: AppCache,
    geometry: Annotated[
        dict[str, Any],
        Body(
            description="a GeoJSON geometry in WGS 84 longitude/latitude (Point, LineString, "
            "Polygon, their Multi forms; at most 10,000 positions), a Feature or a "
            "FeatureCollection of one",
            examples=[POINT_EXAMPLE],
        ),
    ],
    region: Annotated[
        str | None,
        Query(max_length=16, pattern=r"^[A-Z]{2}-[A-Z0-9]{1,3}$", description="only its owners"),
    ] = None,
) -> OwnersOut:
    """Every network owner whose zone the geometry touches (an edge or a corner counts), with
    the zones touched: the owners a project filed there is sent to."""
    shape = single_geometry(geometry, where="body")
    return owners_out(owners_for(engine, shape, region=region, cache=cache))
