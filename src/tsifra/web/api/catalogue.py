"""Units and methodology versions: what there is to rate, and by which rules."""

from __future__ import annotations

from fastapi import APIRouter

from tsifra.store.methodologies import list_methodologies
from tsifra.store.units import list_units
from tsifra.web.api.schemas import MethodologyOut, UnitOut
from tsifra.web.deps import DB

router = APIRouter(tags=["catalogue"])


@router.get("/units", response_model=list[UnitOut])
def units(engine: DB) -> list[UnitOut]:
    return [UnitOut.model_validate(u, from_attributes=True) for u in list_units(engine)]


@router.get("/methodologies", response_model=list[MethodologyOut])
def methodologies(engine: DB) -> list[MethodologyOut]:
    rows = list_methodologies(engine)
    return [MethodologyOut.model_validate(m, from_attributes=True) for m in rows]
