"""The demo's agency rating: its agencies, synthetic federal parts, a rating each quarter.

The agencies are the demo's bodies (a roads agency and a housing inspectorate in every region,
`ru-ta-roads`, `ru-ta-housing`: `demo.cases`) and a sample of federal bodies from the bundled
federal list. Each gets synthetic values of the three federal parts (the programme's indicators
attained, financial discipline, the CDTO's assessment) for the quarters of the demo's cases, the
four up to `today`: an agency's standing is drawn once and each quarter moves a little, so ranks
are stable but not frozen. The citizen side is not drawn: the platform's own formulas compute it
from the demo's cases grouped by the answering body (`marts.publish.ingest_platform`), once-only,
as they would for real cases. The federal sample answers no demo case, so it is rated on the
three federal parts (the methodology leaves a missing part's weight out).

Everything is marked synthetic as the rest of the demo (source `demo:synthetic`, synthetic
batches, so the runs are synthetic too).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import Engine, select

from tsifra.demo.cases import BODIES, QUARTERS
from tsifra.marts.publish import ingest_platform
from tsifra.ratings.stored import StoredRun, compute_from_store
from tsifra.reference import load_regions
from tsifra.reference.agencies import Agency, read_agencies
from tsifra.store import Body, session_scope, utcnow
from tsifra.store.methodologies import store_methodology
from tsifra.values.agencies import store_agencies
from tsifra.values.ingest import ingest_frame

METHODOLOGY = "ru-agency-digital"
SOURCE = "demo:synthetic"  # the demo's one source (demo.store.DEMO_SOURCE)
ACTOR = "demo"
# Federal bodies rated beside the regions' demo bodies: the ministries behind the index's
# sectors and a few services citizens meet most.
FEDERAL_SAMPLE = (
    "fed-mintsifry", "fed-minzdrav", "fed-minprosveshcheniya", "fed-mintrans", "fed-minstroy",
    "fed-fns", "fed-rosreestr", "fed-roskomnadzor", "fed-rostrud", "fed-rospotrebnadzor",
)  # fmt: skip
FEDERAL_PARTS = ("agency_programme_attainment", "agency_finance_discipline", "agency_cdto_rating")


def load_demo_agencies(
    engine: Engine, today: date | None = None, seed: int = 2024
) -> list[StoredRun]:
    """Store the demo's agencies, their synthetic values and one rating per quarter (oldest
    first). Needs the demo's bodies (`demo.cases.load_demo_cases`) in the database."""
    today = today or date.today()
    now = datetime.combine(today, datetime.min.time()) + timedelta(hours=12)
    store_methodology(engine, METHODOLOGY, actor=ACTOR)
    agencies = demo_agencies(engine)
    store_agencies(engine, agencies, actor=ACTOR, target="demo")
    periods = quarters(today)
    ingest_frame(  # one batch: the demo keeps no history of when each quarter arrived
        engine,
        synthetic_values([a.code for a in agencies], periods, seed),
        SOURCE,
        methodology=METHODOLOGY,
        actor=ACTOR,
        received_at=min(now, utcnow()),  # never in the future: the values are in force now
        label="demo-agencies-synthetic",
        synthetic=True,
    )
    # the citizen side from the demo's cases, as the platform stood at noon today
    ingest_platform(engine, methodology=METHODOLOGY, as_of=now, actor=ACTOR, synthetic=True)
    as_of = max(now, utcnow())  # after every batch, the platform's figures included
    return [
        compute_from_store(engine, METHODOLOGY, as_of=as_of, period=period, actor=ACTOR)
        for period in periods
    ]


def demo_agencies(engine: Engine) -> list[Agency]:
    """The demo's bodies as agencies (their codes, named with their region) and the federal
    sample as the bundled list has it."""
    codes = {code for code, *_ in BODIES}
    regions = load_regions()
    with session_scope(engine) as session:
        bodies = [
            b
            for b in session.scalars(select(Body).order_by(Body.code))
            if b.code.removeprefix(f"{b.region.lower()}-") in codes
        ]
        regional = [
            Agency(
                code=b.code,
                name_ru=f"{b.name_ru}, {regions.loc[b.region, 'name_ru']}",
                name_en=f"{b.name_en}, {regions.loc[b.region, 'name_en']}" if b.name_en else None,
                short_ru=None,
                kind="agency",
                head="government",
                region=b.region,
                source="demo: synthetic body",
            )
            for b in bodies
        ]
    federal = [a for a in read_agencies() if a.code in FEDERAL_SAMPLE]
    return [*federal, *regional]


def quarters(today: date) -> list[str]:
    """The demo cases' quarters: today's and the `QUARTERS - 1` before it, oldest first."""
    q = today.year * 4 + (today.month - 1) // 3
    return [f"{k // 4}Q{k % 4 + 1}" for k in range(q - QUARTERS + 1, q + 1)]


def synthetic_values(units: list[str], periods: list[str], seed: int) -> pd.DataFrame:
    """Long rows `unit, period, indicator, value` of the three federal parts, one decimal.

    An agency's standing is drawn once (0.1–0.9); each part follows it with its own noise and
    improves a point or two a quarter, clipped to 0–100.
    """
    rng = np.random.default_rng(seed)
    standing = rng.uniform(0.1, 0.9, len(units))
    rows = []
    for step, period in enumerate(periods):
        centre = {
            "agency_programme_attainment": 100 * standing + 2 * step,
            "agency_finance_discipline": 100 * (0.35 + 0.6 * standing) + step,
            "agency_cdto_rating": 100 * standing + 1.5 * step,
        }
        for indicator in FEDERAL_PARTS:
            drawn = np.clip(centre[indicator] + rng.normal(0, 7, len(units)), 0, 100).round(1)
            rows += [(u, period, indicator, float(v)) for u, v in zip(units, drawn, strict=True)]
    frame = pd.DataFrame.from_records(rows, columns=["unit", "period", "indicator", "value"])
    frame.attrs["synthetic"] = True
    return frame
