"""Stored runs: what a published rating was computed from (methodology SHA-256, as-of moment,
revision set fingerprint), so that any figure can be cited and reproduced."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Path

from tsifra.ratings.stored import run_info
from tsifra.web.api.schemas import ErrorOut, HealthOut, RunOut
from tsifra.web.deps import DB

router = APIRouter(tags=["runs"])


@router.get(
    "/runs/{run_id}",
    response_model=RunOut,
    responses={404: {"model": ErrorOut}, 422: {"model": ErrorOut}},
)
def run(engine: DB, run_id: int = Path(ge=1, le=2**31 - 1)) -> RunOut:
    return RunOut(**asdict(run_info(engine, run_id)))


@router.get("/health", response_model=HealthOut, include_in_schema=False)
def health() -> HealthOut:
    """For monitoring and as the benchmarks' baseline: no database, no work."""
    return HealthOut(status="ok")
