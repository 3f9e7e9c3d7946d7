"""Bodies of the registry's write API and its answer: one family of schemas for a practice.

The service (`practices.records`) checks the vocabulary, the regions, the indicators and the
links, and names every problem by its field; these schemas only bound sizes, so a request too
big to be a practice is refused before it is read, and document the values the service accepts.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field, field_validator

SECTORS_DOC = "health, education, gov, transport, city or other (the index's directions)"
AI_DOC = "vision, text, speech, prediction, recommendation; null: not AI"
STAGES_DOC = "idea, pilot, production, scaled or retired"


class _Written(BaseModel):
    """A body that is stored: no text in it may hold a NUL character, which PostgreSQL refuses
    to store (a 422 naming the field, not a server error)."""

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: object) -> object:
        texts = value if isinstance(value, list) else [value]
        if any(isinstance(t, str) and "\x00" in t for t in texts):
            raise ValueError("a NUL character")
        return value


class IndicatorLinkIn(_Written):
    indicator: str = Field(min_length=1, max_length=128, description="an indicator's code")
    expected_effect: float | None = Field(
        default=None, allow_inf_nan=False, description="the change expected, in its unit"
    )


class EvidenceIn(_Written):
    kind: str = Field(max_length=16, description="link, report, act, contract or other")
    title: str = Field(min_length=1, max_length=500)
    url: str | None = Field(default=None, max_length=1000, description="http(s) only")
    sha256: str | None = Field(default=None, max_length=64, description="a kept file's hash")


class PracticeIn(_Written):
    """A practice as written: its measured effect is never sent, it is computed."""

    title: str = Field(min_length=1, max_length=500)
    sector: str = Field(max_length=32, description=SECTORS_DOC)
    description: str = Field(default="", max_length=20_000)
    problem: str = Field(default="", max_length=20_000, description="the problem it solves")
    regions: list[str] = Field(
        default=[], max_length=100, description="ISO codes of the regions where it runs"
    )
    owner_agency: str | None = Field(default=None, max_length=500)
    cofog: str | None = Field(
        default=None, max_length=8, description="COFOG for export; the sector's by default"
    )
    ai_kind: str | None = Field(default=None, max_length=16, description=AI_DOC)
    technologies: list[str] = Field(default=[], max_length=50)
    stage: str = Field(default="idea", max_length=16, description=STAGES_DOC)
    stage_since: date | None = Field(
        default=None, description="the day the stage began (a new practice's first stage)"
    )
    capex: float | None = Field(default=None, allow_inf_nan=False, description="₽, once")
    opex: float | None = Field(default=None, allow_inf_nan=False, description="₽ a year")
    software: str | None = Field(default=None, max_length=500)
    software_registry: str | None = Field(
        default=None, max_length=32, description="its number in the Russian software registry"
    )
    url: str | None = Field(default=None, max_length=1000)
    licence: str | None = Field(default=None, max_length=64, description="an SPDX identifier")
    indicators: list[IndicatorLinkIn] = Field(default=[], max_length=50)
    evidence: list[EvidenceIn] = Field(default=[], max_length=50)
    verified_at: date | None = Field(default=None, description="last verified; today if null")


class StageIn(_Written):
    stage: str = Field(max_length=16, description=STAGES_DOC)
    since: date = Field(description="the day the stage began")
    note: str | None = Field(default=None, max_length=5000)


class ReplicationIn(_Written):
    """A replication elsewhere; it counts only with a contract or an act: its number with its
    date, a link or a kept file."""

    region: str = Field(min_length=1, max_length=64)
    started_on: date
    status: str = Field(max_length=16, description="planned, pilot, production or stopped")
    agency: str | None = Field(default=None, max_length=500)
    evidence_kind: str | None = Field(default=None, max_length=16, description="contract or act")
    evidence_number: str | None = Field(default=None, max_length=128)
    evidence_date: date | None = None
    evidence_url: str | None = Field(default=None, max_length=1000)
    evidence_sha256: str | None = Field(default=None, max_length=64)


class StageOut(BaseModel):
    stage: str
    since: date
    at: datetime | None = None
    actor: str | None = None
    note: str | None = None


class EffectOut(BaseModel):
    """The measured effect in one region: before and after the practice, from stored values.
    A difference of values, not a proof of cause: other causes move indicators too."""

    region: str
    before_period: str | None
    before: float | None
    after_period: str | None
    after: float | None
    effect: float | None = Field(description="after − before, in the indicator's unit")


class IndicatorOut(BaseModel):
    indicator: str
    expected_effect: float | None
    measured: list[EffectOut]


class EvidenceOut(BaseModel):
    kind: str
    title: str
    url: str | None
    sha256: str | None


class ReplicationOut(BaseModel):
    id: int | None = None
    region: str
    agency: str | None
    started_on: date
    status: str
    evidence_kind: str | None
    evidence_number: str | None
    evidence_date: date | None
    evidence_url: str | None
    evidence_sha256: str | None
    counted: bool = Field(description="whether it has the evidence that makes it count")


class PracticeOut(BaseModel):
    id: int
    title: str
    sector: str
    description: str
    problem: str
    regions: list[str]
    owner_agency: str | None
    cofog: str | None
    ai_kind: str | None
    technologies: list[str]
    stage: str
    stages: list[StageOut] = Field(description="the stage history, oldest first")
    capex: float | None
    opex: float | None
    software: str | None
    software_registry: str | None
    url: str | None
    licence: str | None
    indicators: list[IndicatorOut]
    evidence: list[EvidenceOut]
    replications: list[ReplicationOut]
    replication_count: int = Field(description="replications with evidence only")
    verified_at: date | None
    stale: bool = Field(description="not verified for more than 12 months")
    effect: float | None = Field(
        description="mean direction-adjusted measured effect, % of the value before; for "
        "sorting, not causal"
    )
