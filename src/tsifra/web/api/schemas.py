"""Response and request bodies of the API: one family of schemas per entity."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field


class ErrorOut(BaseModel):
    code: str
    message: str
    problems: list[dict] | None = None


class AccountOut(BaseModel):
    login: str
    name: str
    role: str
    region: str | None


class TokenIn(BaseModel):
    login: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)


class TokenOut(BaseModel):
    token: str
    token_type: str = "bearer"


class UnitOut(BaseModel):
    code: str
    kind: str
    name_ru: str
    name_en: str | None
    federal_district: str | None


class MethodologyOut(BaseModel):
    code: str
    version: str
    title: str
    sha256: str


class RatingRow(BaseModel):
    unit: str
    name_ru: str
    name_en: str | None
    federal_district: str | None
    score: float | None
    rank: int | None
    score_change: float | None
    rank_change: int | None
    sectors: dict[str, float | None]


class RatingOut(BaseModel):
    methodology: str
    period: str
    periods: list[str]
    run_id: int
    synthetic: bool
    sectors: list[str]
    rows: list[RatingRow]


class ValueOut(BaseModel):
    unit: str
    period: str
    indicator: str
    value: float
    source: str


class IngestOut(BaseModel):
    batch_id: int | None
    source: str
    new: int
    unchanged: int
    corrected: int
    conflicts: int


class TaskIn(BaseModel):
    title: str = Field(min_length=1, max_length=500)
    region: str = Field(min_length=1, max_length=64)
    responsible: str = Field(min_length=1, max_length=255)
    deadline: date
    indicator: str | None = Field(default=None, max_length=128)


class TaskStatusIn(BaseModel):
    status: str = Field(pattern="^(new|in_progress|done)$")
    comment: str | None = Field(default=None, max_length=2000)


class TaskEventOut(BaseModel):
    at: str
    actor: str | None
    status: str
    comment: str | None


class TaskOut(BaseModel):
    id: int
    title: str
    region: str
    responsible: str
    deadline: date
    status: str
    overdue: bool
    indicator: str | None
    history: list[TaskEventOut]
