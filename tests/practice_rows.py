"""Practices for the registry's tests: a valid draft to vary, and stored values to measure."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine

from tsifra.practices.records import (
    EvidenceDraft,
    IndicatorLink,
    PracticeDraft,
    ReplicationDraft,
)

NOW = datetime(2026, 6, 1, 9, 0)
TODAY = NOW.date()


def practice_draft(**changes: Any) -> PracticeDraft:
    """A telemedicine practice of Tatarstan, in production since 2025-04-01."""
    draft = PracticeDraft(
        title="Телемедицинские консультации в районных больницах",
        sector="health",
        description="Врачи районных больниц консультируются с республиканскими центрами.",
        problem="Пациентам приходится ездить в Казань к узким специалистам.",
        regions=("RU-TA",),
        owner_agency="Минздрав РТ",
        ai_kind=None,
        technologies=("телемедицина", "ВКС"),
        stage="production",
        stage_since=date(2025, 4, 1),
        capex=12_000_000.0,
        opex=1_500_000.0,
        software="ТМК-Телемед",
        software_registry="12345",
        url="https://example.org/tmk",
        licence="EUPL-1.2",
        indicators=(IndicatorLink("health_telemed", 10.0),),
        evidence=(EvidenceDraft("report", "Отчёт Минздрава РТ", url="https://example.org/r.pdf"),),
        verified_at=date(2026, 5, 1),
    )
    return replace(draft, **changes)


def replication_draft(**changes: Any) -> ReplicationDraft:
    draft = ReplicationDraft(
        region="RU-BA",
        started_on=date(2026, 2, 1),
        status="production",
        agency="Минздрав РБ",
        evidence_kind="contract",
        evidence_number="0301-2026-17",
        evidence_date=date(2026, 1, 20),
    )
    return replace(draft, **changes)


def ingest_telemed(engine: Engine, rows: list[tuple[str, str, float]], **kwargs: Any) -> None:
    """Values of `health_telemed` (unit, period, value) as one batch."""
    from builders import long_frame
    from tsifra.values.ingest import ingest_frame

    frame = long_frame([(unit, period, "health_telemed", value) for unit, period, value in rows])
    ingest_frame(engine, frame, kwargs.pop("source", "minzdrav"), **kwargs)
