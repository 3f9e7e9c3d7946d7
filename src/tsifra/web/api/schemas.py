"""Response and request bodies of the API: one family of schemas per entity."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field

from tsifra.accounts.tokens import TOKEN_DAYS, TOKEN_DAYS_MAX


class ProblemOut(BaseModel):
    """One problem with the input, and where it is (file, row and column, or key path)."""

    code: str
    message: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    path: str | None = None
    value: str | None = None


class ErrorOut(BaseModel):
    """Every error: a stable `code` to branch on, a `message` for people (Russian by default,
    English with `?lang=en` or `Accept-Language: en`) and, for bad input, every problem."""

    code: str
    message: str
    problems: list[ProblemOut] | None = None


class AccountOut(BaseModel):
    login: str
    name: str
    role: str
    region: str | None


class TokenIn(BaseModel):
    login: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)
    label: str | None = Field(
        default=None, max_length=128, description="what the token is for, shown in lists"
    )
    days: int = Field(
        default=TOKEN_DAYS, ge=1, le=TOKEN_DAYS_MAX, description="days until the token expires"
    )


class TokenOut(BaseModel):
    token: str
    token_type: str = "bearer"
    expires_in: int = Field(description="seconds until the token expires")


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
    empty_cells: int = Field(
        0, description="a wide file's empty cells, skipped as no value (a long file has none)"
    )


class ClaimOut(BaseModel):
    id: int = Field(description="the stored value's number")
    source: str
    value: float
    revision: int
    batch_id: int
    file: str | None
    actor: str | None = Field(description="who sent the batch")
    received_at: datetime = Field(description="when the batch arrived (UTC)")


class ConflictOut(BaseModel):
    id: int = Field(description="names the conflict: the first value ever stored for its key")
    unit: str
    unit_name: str
    period: str
    indicator: str
    indicator_name: str
    claims: list[ClaimOut] = Field(description="every source's latest value, in the order sent")


class ResolveIn(BaseModel):
    source: str = Field(min_length=1, max_length=128, description="the source whose value holds")
    reason: str = Field(max_length=2000, description="why this source is right (required)")


class ResolutionOut(BaseModel):
    id: int = Field(description="the resolution's number")
    conflict: int
    unit: str
    period: str
    indicator: str
    source: str


class LeftOutOut(BaseModel):
    """A value an analysis did without, and why."""

    unit: str
    period: str
    indicator: str
    reason: str = Field(description="conflict: sources disagree and nobody has chosen yet")
    claims: list[dict[str, str | float]] = Field(description="source, value")


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


class TrendPoint(BaseModel):
    period: str
    run_id: int
    score: float | None
    rank: int | None


class SectorOut(BaseModel):
    sector: str
    name: str
    score: float | None
    average: float | None
    leader: str | None
    leader_score: float | None


class ContributionOut(BaseModel):
    """One indicator in an explanation: index points it brings now, and would add at target."""

    indicator: str
    name: str
    name_en: str = Field(description="the English name, or the Russian one where there is none")
    parent: str
    value: float | None
    target: float | None
    achievement: float | None = Field(description="normalised value, 0–100 on the output scale")
    weight: float | None = Field(description="effective share of the index, sums to 1")
    contribution: float | None = Field(description="index points")
    gain_to_target: float | None = Field(description="index points if the target were reached")
    rank: int | None


class ProfileIndicatorOut(ContributionOut):
    measure: str


class RegionOut(BaseModel):
    unit: str
    name_ru: str
    name_en: str | None
    federal_district: str | None
    methodology: str
    period: str
    run_id: int
    synthetic: bool
    score: float | None
    rank: int | None
    units_ranked: int
    trend: list[TrendPoint]
    sectors: list[SectorOut]
    indicators: list[ProfileIndicatorOut]
    gains: list[ProfileIndicatorOut]
    history: dict[str, dict[str, float | None]] = Field(description="indicator → period → value")
    tasks: list[TaskOut] | None = Field(
        description="the region's tasks; null unless the caller is signed in and may read them"
    )


class ExplanationOut(BaseModel):
    unit: str
    methodology: str
    period: str
    run_id: int
    synthetic: bool
    score: float | None
    rank: int | None
    units_ranked: int
    exact: bool = Field(description="contributions add up to the score (arithmetic aggregation)")
    strongest: list[str]
    weakest: list[str]
    indicators: list[ContributionOut]


class IndicatorDefinitionOut(BaseModel):
    code: str
    name: str
    name_en: str | None
    measure: str
    direction: int
    parent: str
    source: str | None
    description: str | None
    targets: dict[int, float]


class IndicatorValueOut(BaseModel):
    unit: str
    name_ru: str | None
    name_en: str | None
    period: str
    value: float
    source: str
    batch_id: int | None = Field(description="the batch (file) that brought the value")
    revision: int | None = Field(description="1 for the first claim, +1 per correction")
    file_name: str | None


class IndicatorOut(BaseModel):
    methodology: str
    period: str | None
    periods: list[str]
    target: float | None = Field(description="the target of the period's year")
    synthetic: bool
    definition: IndicatorDefinitionOut
    values: list[IndicatorValueOut]


class RunOut(BaseModel):
    run_id: int
    methodology: str
    methodology_version: str
    methodology_sha256: str
    as_of: datetime
    computed_at: datetime
    period: str | None
    periods: list[str]
    revision_count: int
    revision_set_sha256: str
    synthetic: bool


class HealthOut(BaseModel):
    status: str


class UncertainInputOut(BaseModel):
    name: str = Field(description="weights_level_<L>, imputation, normalisation, … drop_indicator")
    noise: float | None = Field(description="± share by which weights vary (weights only)")
    weights: int = Field(description="how many weights this input perturbs (0 for a choice)")
    options: list[str] = Field(description="the alternatives drawn with equal probability")


class UncertaintyOut(BaseModel):
    methodology: str
    period: str
    run_id: int
    synthetic: bool
    recomputing: bool = Field(
        False,
        description="true: the previous rating's answer, served while the current one is "
        "computed in the background; ask again shortly",
    )
    declared: bool = Field(description="false: nothing is declared uncertain, widths are zero")
    samples: int
    seed: int
    inputs: list[UncertainInputOut]
    units: list[dict[str, str | float | int | None]] = Field(
        description="unit, nominal_rank, median_rank, rank_p05, rank_p95, mean_rank, "
        "top10_share, nominal_score, median_score, score_p05, score_p95, samples"
    )
    left_out: list[LeftOutOut] = Field(
        default_factory=list,
        description="values of the region (of every region, for all) the analysis did without: "
        "sources disagree and nobody has chosen; the methodology filled the gap",
    )


class TargetYearOut(BaseModel):
    year: int
    expected: float = Field(description="the sum of the chances of the counted targets")
    counted: int = Field(description="indicators whose chance is known in every year")
    likely: int = Field(description="counted targets with a chance of at least 80 %")
    at_risk: int = Field(description="counted targets with a chance below 50 %")


class ForecastOut(BaseModel):
    methodology: str
    unit: str
    synthetic: bool
    recomputing: bool = Field(
        False,
        description="true: the previous rating's answer, served while the current one is "
        "computed in the background; ask again shortly",
    )
    horizon: str
    samples: int
    seed: int
    index: list[dict[str, str | float | None]] = Field(
        description="period, stage (history|forecast), value, lower_80, upper_80, lower_95, "
        "upper_95, sd"
    )
    sectors: dict[str, list[dict[str, str | float | None]]]
    targets: list[dict[str, str | float | int | None]] = Field(
        description="code, kind, year, period, direction, target, forecast, probability"
    )
    ranks: list[dict[str, str | float | int | None]]
    expected: list[TargetYearOut] = Field(
        default_factory=list,
        description="per year, the indicator targets the forecast expects reached (a sum of "
        "chances over the indicators whose chance is known), likely and at risk",
    )
    left_out: list[LeftOutOut] = Field(
        default_factory=list,
        description="values of the region (of every region, for all) the analysis did without: "
        "sources disagree and nobody has chosen; the methodology filled the gap",
    )


class WhatIfIn(BaseModel):
    period: str | None = Field(
        None, max_length=16, description="2025Q4 or a later year such as 2026; latest by default"
    )
    scenarios: dict[
        Annotated[str, Field(min_length=1, max_length=100)],
        Annotated[
            dict[
                Annotated[str, Field(min_length=1, max_length=128)],
                float | Annotated[str, Field(max_length=32)],
            ],
            Field(max_length=200),
        ],
    ] = Field(
        min_length=1,
        max_length=20,
        description='scenario name → {indicator code: new value or "target"}',
    )


class WhatIfOutcome(BaseModel):
    scenario: str
    period: str
    projected: bool
    index_before: float | None
    index_after: float | None
    rank_before: int | None
    rank_after: int | None
    units_ranked: int
    rows: list[dict[str, str | float | int | None]] = Field(
        description="kind (index|sector|indicator), code, name, before, after, change, "
        "rank_before, rank_after"
    )


class WhatIfOut(BaseModel):
    methodology: str
    run_id: int
    synthetic: bool
    outcomes: list[WhatIfOutcome]
    left_out: list[LeftOutOut] = Field(
        default_factory=list,
        description="values of the region (of every region, for all) the analysis did without: "
        "sources disagree and nobody has chosen; the methodology filled the gap",
    )


# --- analyses of a data file sent with the request (nothing is stored) -----------------------


class AnalysedFileOut(BaseModel):
    """What an analysis of a sent file was computed from: the file as sent, and the methodology
    version kept in the database."""

    file: str
    methodology: str
    methodology_version: str


class FileExplanationOut(ExplanationOut):
    run_id: int | None = Field(None, description="null: computed from the file, not stored")
    source: AnalysedFileOut


class FileUncertaintyOut(UncertaintyOut):
    run_id: int | None = Field(None, description="null: computed from the file, not stored")
    source: AnalysedFileOut


class FileForecastOut(ForecastOut):
    source: AnalysedFileOut


class FileWhatIfOut(WhatIfOut):
    run_id: int | None = Field(None, description="null: computed from the file, not stored")
    source: AnalysedFileOut
