"""Loading the demo into the database: quarter by quarter, as a data office would have received it.

Each quarter's synthetic values arrive as one batch dated 45 days after the quarter ends (when
regions report), and the rating of that quarter is computed and stored as of that date. So the
stored history behaves like a real one: "as of" queries, revisions and reproduction all work on
the demo. Every batch and run is marked with the demo source, never mistaken for real data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import pandas as pd
from sqlalchemy import Engine, exists, select

from tsifra.accounts import create_user
from tsifra.demo.panel import generate_panel
from tsifra.kernel.periods import parse_period, sort_periods
from tsifra.ratings.stored import StoredRun, compute_from_store
from tsifra.reference import load_regions
from tsifra.store import Batch
from tsifra.store.methodologies import store_methodology
from tsifra.values.ingest import ingest_frame

DEMO_SOURCE = "demo:synthetic"
DEMO_METHODOLOGY = "ru-digital-maturity"
REPORTING_LAG = timedelta(days=45)
# One account per role, so the dashboard can be tried as each kind of user. The password is
# printed by `tsifra demo`: these accounts exist only in a database holding the synthetic demo.
DEMO_PASSWORD = "demo-tsifra"
DEMO_ACCOUNTS = (
    ("admin", "admin", "Администратор (демо)", None),
    ("analyst", "analyst", "Федеральный аналитик (демо)", None),
    ("operator", "operator", "Оператор Республики Татарстан (демо)", "RU-TA"),
    ("viewer", "viewer", "Наблюдатель (демо)", None),
)


@dataclass(frozen=True)
class DemoLoad:
    panel: pd.DataFrame
    runs: list[StoredRun]  # one stored run per quarter, oldest first


def demo_loaded(engine: Engine) -> bool:
    with engine.connect() as connection:
        return bool(connection.scalar(select(exists().where(Batch.source == DEMO_SOURCE))))


def load_demo(
    engine: Engine,
    seed: int = 2024,
    progress: Callable[[int, int], None] | None = None,
) -> DemoLoad:
    """Ingest the synthetic panel quarter by quarter and store each quarter's rating.

    The caller checks `demo_loaded` first: loading twice would only find every value unchanged.
    """
    version = store_methodology(engine, DEMO_METHODOLOGY, actor="demo")
    panel = generate_panel(version.methodology, load_regions(), seed=seed)
    periods = sort_periods(list(panel["period"].unique()))
    runs = []
    for done, period in enumerate(periods, start=1):
        received = published(period)
        ingest_frame(
            engine,
            panel[panel["period"] == period],
            DEMO_SOURCE,
            methodology=DEMO_METHODOLOGY,
            actor="demo",
            received_at=received,
            label=f"demo-{period}-synthetic",
            synthetic=True,
        )
        runs.append(
            compute_from_store(
                engine, DEMO_METHODOLOGY, as_of=received, period=period, actor="demo"
            )
        )
        if progress:
            progress(done, len(periods))
    for login, role, name, region in DEMO_ACCOUNTS:
        create_user(engine, login, DEMO_PASSWORD, role, name, region, actor="demo")
    return DemoLoad(panel, runs)


def published(period: str) -> datetime:
    """When a quarter's figures reach the office: 45 days after the quarter's last day."""
    p = parse_period(period)
    end = pd.Period(p.label, freq="Q").end_time.normalize().to_pydatetime()
    return end + REPORTING_LAG
