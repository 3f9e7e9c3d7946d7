"""Compensation cases opened from a register, and investors' proposed approvals, over the API.

`GET /compensation/{case_id}` reads a compensation case (the paying body, the region's
overseers, admins; never the household's contact, which is `/cases/{id}/contact`, for the
paying body only). `POST …/approve` and `…/pay` are the paying body's steps (`proactive.payouts`
decides who may; anyone else gets 403 and the refusal is recorded). The payment's scan, if any,
comes base64-encoded in the JSON body. `GET /compensation/proposals/{notice_id}` is an
investor's proposal, for its recipient only.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Response
from pydantic import BaseModel, Field

from tsifra.accounts.users import Account
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.proactive.payouts import (
    CompensationView,
    approve_compensation,
    pay_compensation,
    read_compensation,
)
from tsifra.web.api.cases import EventOut
from tsifra.web.api.params import RowId
from tsifra.web.api.schemas import ErrorOut
from tsifra.web.deps import DB, writer

router = APIRouter(tags=["compensation"])
ERRORS = {401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 404: {"model": ErrorOut},
          422: {"model": ErrorOut}}  # fmt: skip
MAX_SCAN = 10 * 1024 * 1024


class CompensationOut(BaseModel):
    """A compensation case as its body reads it: why it was opened, the amounts, the payment."""

    id: int
    stage: str = Field(description="opened | approved | paid | rejected")
    status: str = Field(description="the case core's status")
    region: str
    oktmo: str | None
    body: str | None
    body_name: str
    text: str | None
    rule: str
    rule_version: str
    run_id: int | None
    source_register: str = Field(description="the register whose record opened it")
    record_key: str
    damage: str
    residents: int
    amount_due: float | None
    amount_approved: float | None
    due_at: datetime | None
    document_number: str | None
    document_date: date | None
    document_file: int | None
    events: list[EventOut]


class ApproveIn(BaseModel):
    amount: float = Field(description="roubles to pay, as a rule the amount due")


class PayIn(BaseModel):
    document_number: str = Field(max_length=200, description="the payment document's number")
    document_date: date
    document_name: str | None = Field(default=None, max_length=255)
    document_base64: str | None = Field(
        default=None,
        max_length=MAX_SCAN * 4 // 3 + 8,
        description="the payment document's scan (PDF, JPEG, PNG), base64",
    )


class OwnerOut(BaseModel):
    owner: str
    name: str
    networks: list[str]


class ProposalOut(BaseModel):
    """The approvals an investment project will need, for the investor it was sent to."""

    notice_id: int
    region: str
    oktmo: str | None
    project_key: str
    title: str
    investor: str
    inn: str | None
    works: str
    geometry: dict[str, Any]
    starts_on: str | None
    owners: list[OwnerOut]
    issued_at: datetime
    file_path: str = Field(description="the page that files the project with these owners")


def compensation_out(view: CompensationView) -> CompensationOut:
    case = view.case
    return CompensationOut(
        id=case.id, stage=view.stage, status=case.status, region=case.region, oktmo=case.oktmo,
        body=case.body, body_name=view.body_name, text=case.text, rule=view.rule,
        rule_version=view.rule_version, run_id=view.run_id, source_register=view.register,
        record_key=view.record_key, damage=view.damage, residents=view.residents,
        amount_due=view.amount_due, amount_approved=view.amount_approved, due_at=case.due_at,
        document_number=view.document_number, document_date=view.document_date,
        document_file=view.document_file,
        events=[EventOut(at=e.at, action=e.action, status=e.status, body=e.body, reason=e.reason)
                for e in case.events if e.public],
    )  # fmt: skip


@contextmanager
def _missing_is_404() -> Iterator[None]:
    try:
        yield
    except ValidationFailed as failed:
        if all(p.code in ("comp_case_unknown", "invest_unknown") for p in failed.problems):
            raise HTTPException(404) from None
        raise


@router.get("/compensation/{case_id}", response_model=CompensationOut, responses=ERRORS)
def read(
    engine: DB,
    case_id: RowId,
    response: Response,
    account: Annotated[Account, Depends(writer("compensation_read"))],
) -> CompensationOut:
    """A compensation case, for the paying body, the region's overseers and admins."""
    with _missing_is_404():
        view = read_compensation(engine, case_id, account=account)
    response.headers["Cache-Control"] = "private, no-store"
    return compensation_out(view)


@router.post("/compensation/{case_id}/approve", response_model=CompensationOut, responses=ERRORS)
def approve(
    engine: DB,
    case_id: RowId,
    body: ApproveIn,
    account: Annotated[Account, Depends(writer("compensation_approve"))],
) -> CompensationOut:
    """The paying body approves the amount (its operators only)."""
    with _missing_is_404():
        return compensation_out(
            approve_compensation(engine, case_id, account=account, amount=body.amount)
        )


@dataclass(frozen=True)
class Scan:
    name: str
    data: bytes


@router.post("/compensation/{case_id}/pay", response_model=CompensationOut, responses=ERRORS)
def pay(
    engine: DB,
    case_id: RowId,
    body: PayIn,
    account: Annotated[Account, Depends(writer("compensation_pay"))],
) -> CompensationOut:
    """The paying body records the payment by its document and closes the case."""
    scan = None
    if body.document_base64:
        try:
            data = base64.b64decode(body.document_base64, validate=True)
        except (binascii.Error, ValueError):
            raise ValidationFailed([Problem("comp_scan_base64", path="document_base64")]) from None
        scan = Scan(body.document_name or "document", data)
    with _missing_is_404():
        view = pay_compensation(
            engine,
            case_id,
            account=account,
            document_number=body.document_number,
            document_date=body.document_date,
            document=scan,
        )
    return compensation_out(view)


@router.get("/compensation/proposals/{notice_id}", response_model=ProposalOut, responses=ERRORS)
def proposal(
    engine: DB,
    notice_id: RowId,
    response: Response,
    account: Annotated[Account, Depends(writer("proposal_read"))],
) -> ProposalOut:
    """An investor's proposed approvals, for the account it was sent to (by its e-mail)."""
    from tsifra.proactive.investors import read_proposal

    with _missing_is_404():
        view = read_proposal(engine, notice_id, account=account)
    response.headers["Cache-Control"] = "private, no-store"
    return ProposalOut(
        notice_id=view.notice_id, region=view.region, oktmo=view.oktmo,
        project_key=view.project_key, title=view.title, investor=view.investor, inn=view.inn,
        works=view.works, geometry=view.geometry, starts_on=view.starts_on,
        owners=[OwnerOut(owner=o.owner, name=o.name, networks=list(o.networks))
                for o in view.owners],
        issued_at=view.issued_at, file_path=f"/approvals/new?proposal={view.notice_id}",
    )  # fmt: skip
