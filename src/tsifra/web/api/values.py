"""Indicator values: read what is in force, or send a file as one batch (same rules as the CLI)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile

from tsifra.accounts.users import Account
from tsifra.values.revisions import current_values
from tsifra.values.uploads import MAX_UPLOAD, ingest_upload
from tsifra.web.api.schemas import ErrorOut, IngestOut, ValueOut
from tsifra.web.deps import DB, writer

router = APIRouter(tags=["values"])


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
def upload(
    engine: DB,
    account: Annotated[Account, Depends(writer("values.ingest"))],
    file: Annotated[UploadFile, File()],
    source: Annotated[str | None, Form(max_length=128)] = None,
    reason: Annotated[str | None, Form(max_length=2000)] = None,
) -> IngestOut:
    """Send a data file; an operator's file may hold its own region only, and its source is
    `region:<code>`; analysts and admins name the source.

    A region may be written as its ISO code, OKATO code or name in its usual forms; a percentage
    cell is read as it shows; total rows are refused (docs/files.md). A refused file answers 422
    with every problem located (row, column, value), its stable `code` and its `message` in
    words, in Russian unless `?lang=en` or `Accept-Language: en`."""
    # A plain `def`: FastAPI runs it in a worker thread, so the event loop keeps serving other
    # requests while the file is read, validated and written.
    data = file.file.read(MAX_UPLOAD + 1)
    report = ingest_upload(engine, account, file.filename, data, source, reason)
    return IngestOut(
        batch_id=report.batch_id,
        source=report.source,
        new=report.new,
        unchanged=report.unchanged,
        corrected=report.corrected,
        conflicts=len(report.conflicts),
        empty_cells=report.empty_cells,
    )
