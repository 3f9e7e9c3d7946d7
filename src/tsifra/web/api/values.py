"""Indicator values: read what is in force, or send a file as one batch (same rules as the CLI)."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile

from tsifra.accounts.users import Account, record_refusal
from tsifra.marts.ingest import ingest_file
from tsifra.marts.reading import SUFFIXES
from tsifra.marts.revisions import current_values
from tsifra.problems import Forbidden, Problem, ValidationFailed
from tsifra.web.api.schemas import ErrorOut, IngestOut, ValueOut
from tsifra.web.deps import DB, writer

router = APIRouter(tags=["values"])
MAX_UPLOAD = 64 * 2**20  # 64 MB: a year of a region's data is a fraction of that


@router.get("/values", response_model=list[ValueOut])
def values(
    engine: DB,
    unit: str | None = Query(None, max_length=64),
    indicator: str | None = Query(None, max_length=128),
    period: str | None = Query(None, max_length=16),
    limit: int = Query(1000, ge=1, le=100_000),
) -> list[ValueOut]:
    frame = current_values(engine, unit=unit, indicator=indicator, period=period, limit=limit)
    return [ValueOut(**r) for r in frame.to_dict("records")]


@router.post(
    "/values",
    response_model=IngestOut,
    responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 422: {"model": ErrorOut}},
)
async def upload(
    engine: DB,
    account: Annotated[Account, Depends(writer("values.ingest"))],
    file: Annotated[UploadFile, File()],
    source: Annotated[str | None, Form(max_length=128)] = None,
    reason: Annotated[str | None, Form(max_length=2000)] = None,
) -> IngestOut:
    """Send a data file; an operator's file may hold its own region only, and its source is
    `region:<code>`; analysts and admins name the source."""
    if not account.is_writer:
        record_refusal(engine, account, "values.ingest", file.filename or "")
        raise Forbidden(account.login)
    name = Path(file.filename or "upload.csv").name
    if Path(name).suffix.lower() not in SUFFIXES:
        raise ValidationFailed([Problem("unreadable", file=name, params={"detail": "format"})])
    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise ValidationFailed([Problem("too_large", file=name, params={"limit_mb": 64})])
    own = [account.region] if account.role == "operator" else None
    source = f"region:{account.region}" if own else (source or f"user:{account.login}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            report = ingest_file(
                engine, path, source, reason=reason, actor=account.login, only_units=own
            )
        except Forbidden:
            record_refusal(engine, account, "values.ingest", name)
            raise
        except ValidationFailed as exc:  # name the file as the user knows it, not the temp path
            raise ValidationFailed([_renamed(p, str(path), name) for p in exc.problems]) from None
    return IngestOut(
        batch_id=report.batch_id,
        source=report.source,
        new=report.new,
        unchanged=report.unchanged,
        corrected=report.corrected,
        conflicts=len(report.conflicts),
    )


def _renamed(problem: Problem, temporary: str, name: str) -> Problem:
    return replace(problem, file=name) if problem.file == temporary else problem
