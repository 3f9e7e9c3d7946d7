"""Practices for the plans' tests, written straight into the registry's tables with their
measured effects (`practice_effects`), as the registry would leave them after computing."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Engine

from tsifra.practices.effects import values_version
from tsifra.store import (
    Practice,
    PracticeEffect,
    PracticeRegion,
    PracticeReplication,
    PracticeStage,
    session_scope,
)

TODAY = date(2026, 11, 30)


def add_practice(
    engine: Engine,
    title: str,
    region: str,
    effects: dict[str, float],
    *,
    capex: float | None = None,
    opex: float | None = None,
    stage: str = "production",
    verified_at: date = date(2026, 6, 1),
    replications: tuple[dict, ...] = (),
) -> int:
    """A practice of `region` with a measured effect (after − before) on each indicator there,
    and its replications (keyword arguments of `PracticeReplication`)."""
    at = datetime(2026, 1, 15, 10, 0)
    with session_scope(engine) as session:
        p = Practice(
            title=title,
            sector="health",
            stage=stage,
            capex=capex,
            opex=opex,
            verified_at=verified_at,
            created_at=at,
            updated_at=at,
            synthetic=True,
        )
        session.add(p)
        session.flush()
        session.add(PracticeRegion(practice_id=p.id, region=region))
        session.add(PracticeStage(practice_id=p.id, stage="pilot", since=date(2025, 8, 1), at=at))
        for indicator, effect in effects.items():
            session.add(
                PracticeEffect(
                    practice_id=p.id,
                    indicator=indicator,
                    region=region,
                    before_period="2025Q3",
                    before=50.0,
                    after_period="2025Q4",
                    after=50.0 + effect,
                    effect=effect,
                    data_version=values_version(engine),  # current: no refresh redoes it
                )
            )
        for r in replications:
            session.add(
                PracticeReplication(
                    practice_id=p.id,
                    verified_at=verified_at,
                    created_at=at,
                    started_on=date(2026, 2, 1),
                    status="production",
                    **({"region": "RU-KDA"} | r),
                )
            )
        return p.id
