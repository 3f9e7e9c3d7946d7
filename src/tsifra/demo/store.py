"""Loading the demo into the database: quarter by quarter, as a data office would have received it.

Each quarter's synthetic values arrive as one batch dated 45 days after the quarter ends (when
regions report), and the rating of that quarter is computed and stored as of that date. So the
stored history behaves like a real one: "as of" queries, revisions and reproduction all work on
the demo. Every batch and run is marked with the demo source, never mistaken for real data.

The demo goes only into a database that is empty or holds nothing but the demo: in a real one its
synthetic rating would become the newest published rating, and its accounts a way in. Each demo
account gets its own random password, shown once by the caller and kept nowhere in clear.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pandas as pd
from sqlalchemy import Engine, exists, func, inspect, select

from tsifra.accounts import create_user
from tsifra.demo.agencies import load_demo_agencies
from tsifra.demo.approvals import APPLICANT, OWNER_ACCOUNTS, load_demo_approvals, load_demo_zones
from tsifra.demo.cases import load_demo_cases
from tsifra.demo.panel import generate_panel
from tsifra.demo.practices import load_demo_practices
from tsifra.demo.tasks import load_demo_tasks
from tsifra.demo.warnings import load_demo_warnings
from tsifra.kernel.periods import parse_period, sort_periods
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.ratings.stored import StoredRun, compute_from_store
from tsifra.reference import load_regions
from tsifra.store import AuditEntry, Batch, ResultRun, User, shown_url, upgrade
from tsifra.store.methodologies import store_methodology
from tsifra.values.ingest import ingest_frame

DEMO_SOURCE = "demo:synthetic"
DEMO_ACTOR = "demo"
DEMO_METHODOLOGY = "ru-digital-maturity"
REPORTING_LAG = timedelta(days=45)
# One account per role, so the dashboard can be tried as each kind of user. Their passwords are
# random and printed once by `tsifra demo`: these accounts exist only in a demo database.
DEMO_ACCOUNTS = (
    ("admin", "admin", "Администратор (демо)", None),
    ("analyst", "analyst", "Федеральный аналитик (демо)", None),
    ("operator", "operator", "Оператор Республики Татарстан (демо)", "RU-TA"),
    ("viewer", "viewer", "Наблюдатель (демо)", None),
    APPLICANT,  # files infrastructure projects (`demo.approvals`)
)
# The network owners' operators, made once the demo's map has created their bodies.
DEMO_LOGINS = frozenset(a[0] for a in DEMO_ACCOUNTS) | {a[0] for a in OWNER_ACCOUNTS}


@dataclass(frozen=True)
class DemoAccount:
    login: str
    role: str
    name: str
    region: str | None
    password: str  # in clear only here, to be shown once


@dataclass(frozen=True)
class DemoLoad:
    panel: pd.DataFrame
    runs: list[StoredRun]  # one stored run per quarter, oldest first
    accounts: tuple[DemoAccount, ...] = ()
    agency_runs: list[StoredRun] = field(default_factory=list)  # the agency rating, per quarter


def demo_loaded(engine: Engine) -> bool:
    with engine.connect() as connection:
        return bool(connection.scalar(select(exists().where(Batch.source == DEMO_SOURCE))))


def foreign_data(engine: Engine) -> dict[str, int]:
    """What the database holds besides the demo: batches from other sources, accounts the demo
    did not create, and runs computed from real values. Reads only tables that exist, so a
    database of an older schema is judged before anything migrates it."""
    tables = set(inspect(engine).get_table_names())
    found = {"batches": 0, "accounts": 0, "runs": 0}
    with engine.connect() as connection:
        if "batches" in tables:
            # the demo's own formulas over its synthetic cases store synthetic batches too
            query = select(func.count()).where(Batch.source != DEMO_SOURCE, ~Batch.synthetic)
            found["batches"] = connection.scalar(query) or 0
        if "result_runs" in tables:
            query = select(func.count()).select_from(ResultRun).where(~ResultRun.synthetic)
            found["runs"] = connection.scalar(query) or 0
        if "users" in tables:
            created = select(AuditEntry.target).where(
                AuditEntry.action == "user.create", AuditEntry.actor == DEMO_ACTOR
            )
            demo_logins = set(connection.scalars(created)) & DEMO_LOGINS
            logins = set(connection.scalars(select(User.login)))
            found["accounts"] = len(logins - demo_logins)
    return found


def require_demo_only(engine: Engine) -> None:
    """Refuse, writing nothing, a database that holds anything but the demo."""
    found = foreign_data(engine)
    if any(found.values()):
        url = shown_url(str(engine.url))
        raise ValidationFailed([Problem("demo_refused", file=url, params=found)])


def open_demo_database(engine: Engine) -> None:
    """Check first, then create or migrate: a real database is refused before it is touched."""
    require_demo_only(engine)
    upgrade(engine)


def load_demo(
    engine: Engine,
    seed: int = 2024,
    progress: Callable[[int, int], None] | None = None,
    password: str | None = None,
    today: date | None = None,
) -> DemoLoad:
    """Ingest the synthetic panel quarter by quarter and store each quarter's rating.

    Refuses a database holding anything but the demo. The caller checks `demo_loaded` first:
    loading twice would only find every value unchanged. Each account gets a random password
    unless `password` is given (tests and benchmarks that sign in). The demo's tasks
    (`demo.tasks`) get their deadlines counted from `today`, and its feedback platform's cases
    (`demo.cases`) fill the quarters up to `today`; its registry of practices
    (`demo.practices`) is dated inside the panel's quarters.
    """
    require_demo_only(engine)
    version = store_methodology(engine, DEMO_METHODOLOGY, actor=DEMO_ACTOR)
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
            actor=DEMO_ACTOR,
            received_at=received,
            label=f"demo-{period}-synthetic",
            synthetic=True,
        )
        runs.append(
            compute_from_store(
                engine, DEMO_METHODOLOGY, as_of=received, period=period, actor=DEMO_ACTOR
            )
        )
        if progress:
            progress(done, len(periods))
    accounts = tuple(
        DemoAccount(login, role, name, region, password or secrets.token_urlsafe(9))
        for login, role, name, region in DEMO_ACCOUNTS
    )
    made = {
        a.login: create_user(
            engine, a.login, a.password, a.role, a.name, a.region, actor=DEMO_ACTOR
        )
        for a in accounts
    }
    load_demo_zones(engine, today)  # the approvals' map: its owners are bodies from here on
    owners = tuple(
        DemoAccount(login, "operator", name, region, password or secrets.token_urlsafe(9))
        for login, name, region, _ in OWNER_ACCOUNTS
    )
    for a, (_, _, _, body) in zip(owners, OWNER_ACCOUNTS, strict=True):
        made[a.login] = create_user(
            engine, a.login, a.password, a.role, a.name, a.region, actor=DEMO_ACTOR, body=body
        )
    accounts += owners
    load_demo_tasks(engine, made, today)
    load_demo_cases(engine, panel, today, seed=seed)  # the feedback platform's last quarters
    load_demo_practices(engine, panel, today, seed=seed)  # the registry, effects measured
    agency_runs = load_demo_agencies(engine, today, seed=seed)  # its bodies as rated agencies
    load_demo_approvals(engine, made, today, seed=seed)  # «ВсеСети»: two quarters of projects
    load_demo_warnings(engine, today, DEMO_ACTOR)  # flood warnings of a synthetic spring
    return DemoLoad(panel, runs, accounts, agency_runs)


def published(period: str) -> datetime:
    """When a quarter's figures reach the office: 45 days after the quarter's last day."""
    p = parse_period(period)
    end = pd.Period(p.label, freq="Q").end_time.normalize().to_pydatetime()
    return end + REPORTING_LAG
