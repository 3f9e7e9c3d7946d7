"""Practices for the plans' tests, made as the registry makes them, with a measured effect the
test chooses: two values of each linked indicator in the practice's region — 2026Q1 before it
was put to use (15 April 2026), 2026Q2 after — so `after − before` is exactly the effect."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
from sqlalchemy import Engine

from tsifra.practices.drafts import IndicatorLink, PracticeDraft
from tsifra.practices.records import create_practice
from tsifra.store import PracticeReplication, session_scope
from tsifra.values.ingest import ingest_frame

TODAY = date(2026, 11, 30)
IN_USE_SINCE = date(2026, 4, 15)
BEFORE = 50.0  # the value before; within every indicator's valid range


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
    """A practice of `region` whose measured effect (after − before) on each indicator there is
    `effects[indicator]`, and its replications (keyword arguments of `PracticeReplication`).
    One region, one practice per indicator: the values are the region's."""
    rows = [(region, "2026Q1", code, BEFORE) for code in effects]
    rows += [(region, "2026Q2", code, BEFORE + effect) for code, effect in effects.items()]
    frame = pd.DataFrame(rows, columns=["unit", "period", "indicator", "value"])
    ingest_frame(engine, frame, f"region:{region}", synthetic=True)
    draft = PracticeDraft(
        title=title,
        sector="health",
        regions=(region,),
        stage=stage,
        stage_since=IN_USE_SINCE,
        capex=capex,
        opex=opex,
        indicators=tuple(IndicatorLink(code) for code in effects),
        verified_at=verified_at,
    )
    practice = create_practice(engine, draft, account=None, synthetic=True)
    at = datetime(2026, 6, 1, 10, 0)
    with session_scope(engine) as session:
        for r in replications:
            session.add(
                PracticeReplication(
                    practice_id=practice,
                    verified_at=verified_at,
                    created_at=at,
                    started_on=date(2026, 2, 1),
                    status="production",
                    **({"region": "RU-KDA"} | r),
                )
            )
    return practice


@dataclass(frozen=True)
class LoadedDemo:
    """The demo as `tsifra demo` loads it (its practices included), for a database template."""

    seed: int = 2024
    password: str = "demo-test-password"

    def build(self, engine: Engine) -> None:
        from tsifra.demo.store import load_demo

        load_demo(engine, seed=self.seed, password=self.password, today=TODAY)


DEMO = LoadedDemo()
