"""The demo's infrastructure approvals («ВсеСети»): a synthetic map, owners and projects.

The four network owners of the test map (Kazan, Tatarstan: water, power, gas, telecom; the map
as examples/approvals/test-map.geojson, its names marked synthetic) with an operator account
each, an applicant `demo-applicant`, and about twenty projects filed over the last two quarters
and answered through the approvals' own services (`file_project`, `answer_request`,
`revise_project`, `lapse_overdue`) with `now` in the past, in the order things happened. So the
region's page has figures from the very events a real project leaves: most projects approved in
days, some refused and approved after a revision, some consented by silence (Tatarstan's terms
make silence consent), the latest still under review. Everything is synthetic, like the rest of
the demo: the companies, titles and documents are made up.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from importlib import resources
from pathlib import Path

import numpy as np
from sqlalchemy import Engine, func, select

from tsifra.accounts.users import Account
from tsifra.approvals.answers import answer_request, lapse_overdue, revise_project
from tsifra.approvals.documents import DocumentDraft
from tsifra.approvals.projects import ProjectDraft, file_project, read_project
from tsifra.approvals.zones import LoadedZones, load_zones
from tsifra.store import utcnow
from tsifra.store.models import ApprovalProject, ApprovalRequest

REGION = "RU-TA"
APPLICANT = ("demo-applicant", "applicant", "ООО «Демо-Стройсети» (демо)", None)
# The map's owners' operators (login, name, region, body): each answers only its own requests.
OWNER_ACCOUNTS = (
    ("demo-vodokanal", "Оператор Водоканала (демо)", REGION, "ru-ta-vodokanal"),
    ("demo-setevaya", "Оператор сетевой компании (демо)", REGION, "ru-ta-setevaya"),
    ("demo-gaz", "Оператор газораспределения (демо)", REGION, "ru-ta-gaz"),
    ("demo-telecom", "Оператор связи (демо)", REGION, "ru-ta-telecom"),
)
PROJECTS = 20
# The last projects, filed these hours before the demo's now, and their story: the page then
# has requests still awaited and a refusal waiting for its revision.
RECENT = ((60, "approve"), (30, "refuse"), (5, "approve"))
RECENT_DAYS = 4
# Places on the map (lon, lat) and which owners' zones each touches, as the test map draws them.
PLACES: tuple[tuple[str, dict], ...] = (
    ("колодец на ул. Водопроводной", {"type": "Point", "coordinates": [49.103, 55.782]}),
    ("пересечение водовода и кабеля", {"type": "Point", "coordinates": [49.109, 55.786]}),
    ("газопровод у ТЦ", {"type": "Point", "coordinates": [49.130, 55.785]}),
    ("кабельная канализация связи", {"type": "Point", "coordinates": [49.140, 55.785]}),
    ("трасса от водовода до газопровода", {
        "type": "LineString", "coordinates": [[49.105, 55.787], [49.130, 55.787]],
    }),
    ("площадка под подстанцию", {
        "type": "Polygon",
        "coordinates": [[[49.112, 55.790], [49.118, 55.790], [49.118, 55.794], [49.112, 55.794],
                         [49.112, 55.790]]],
    }),
)  # fmt: skip
TITLES = {
    "new_network": "Прокладка сети водоснабжения",
    "excavation": "Земляные работы: ремонт тротуара",
    "connection": "Подключение жилого дома к сетям",
    "near_networks": "Строительство павильона в охранной зоне",
}
# A synthetic drawing: the smallest thing the documents' check reads as a PDF.
DRAWING = b"%PDF-1.4\n% synthetic demo drawing (Tsifra demo)\n%%EOF\n"


@dataclass(frozen=True)
class DemoApprovals:
    projects: int
    approved: int
    revised: int
    silent: int  # requests consented by silence


def zones_file() -> Path:
    """The demo's map (synthetic), shipped with the package."""
    return Path(str(resources.files("tsifra.demo") / "data" / "approval-zones-synthetic.geojson"))


def load_demo_zones(engine: Engine, today: date | None = None) -> LoadedZones:
    """The map's zones and owners (bodies of kind `organisation`), loaded before the two
    quarters the projects fill, so the owners' operators can be made (`demo.store`)."""
    start = _previous_quarter_start(_moment(today).date())
    return load_zones(engine, zones_file(), actor="demo", now=start - timedelta(days=1))


def load_demo_approvals(
    engine: Engine,
    accounts: dict[str, Account],
    today: date | None = None,
    seed: int = 2024,
) -> DemoApprovals:
    """The projects in the order their steps happened (a queue by moment), up to `today`: a
    step that would fall later has not happened yet. `accounts` maps logins to the demo's
    accounts: the applicant's and the owners' operators' (made by `demo.store`)."""
    now = _moment(today)
    rng = np.random.default_rng(seed + 15)
    start = _previous_quarter_start(now.date())
    applicant = accounts[APPLICANT[0]]
    owners = {body: accounts[login] for login, _, _, body in OWNER_ACCOUNTS}
    queue: list[tuple[datetime, int, Callable[[datetime], None]]] = []
    order = itertools.count()
    tally = {"projects": 0, "revised": 0}

    def later(at: datetime, step: Callable[[datetime], None]) -> None:
        if at <= now:
            heapq.heappush(queue, (at, next(order), step))

    span = (now - timedelta(days=RECENT_DAYS) - start).total_seconds()
    earlier = rng.uniform(0, span, PROJECTS - len(RECENT))
    moments = sorted(start + timedelta(seconds=float(s)) for s in earlier)
    plans = [_plan(rng) for _ in moments]
    for hours, story in RECENT:  # the latest: still awaited, or refused and not yet revised
        moments.append(now - timedelta(hours=hours))
        plans.append(_Plan(int(rng.integers(len(PLACES))), "connection", story, (0.05, 0.6) * 2))
    for n, (filed, plan) in enumerate(zip(moments, plans, strict=True), start=1):
        at = _working_hour(filed, rng) if filed < now - timedelta(days=RECENT_DAYS) else filed
        later(at, _filing(engine, n, plan, applicant, owners, later, tally))
    while queue:
        at, _, step = heapq.heappop(queue)
        step(at)
    lapse_overdue(engine, now=now)
    return _summary(engine, tally)


def _moment(today: date | None) -> datetime:
    return utcnow() if today is None else datetime.combine(today, time(12))


@dataclass(frozen=True)
class _Plan:
    place: int
    works: str
    story: str  # approve | refuse | silence
    fractions: tuple[float, ...]  # when each owner answers, as a share of its term


def _plan(rng: np.random.Generator) -> _Plan:
    story = rng.choice(["approve", "refuse", "silence"], p=[0.6, 0.25, 0.15])
    return _Plan(
        place=int(rng.integers(len(PLACES))),
        works=str(rng.choice(list(TITLES))),
        story=str(story),
        fractions=tuple(float(f) for f in rng.uniform(0.1, 0.9, 4)),
    )


def _filing(engine, n, plan, applicant, owners, later, tally) -> Callable[[datetime], None]:
    """The step that files project `n`, and schedules its owners' answers."""

    def step(at: datetime) -> None:
        name, geometry = PLACES[plan.place]
        draft = ProjectDraft(
            region=REGION, works=plan.works, title=f"{TITLES[plan.works]}, {name} (демо)",
            geometry=geometry, applicant_name=APPLICANT[2], applicant_inn="1655000000",
            description="Синтетический проект демонстрационной базы.",
            documents=(DocumentDraft(f"plan-{n}-synthetic.pdf", DRAWING),),
        )  # fmt: skip
        project = file_project(
            engine, draft, account=applicant, idempotency_key=f"demo-{n}", now=at
        )
        tally["projects"] += 1
        view = read_project(engine, project, account=applicant, now=at)
        states = sorted(view.owners, key=lambda s: s.owner)
        refusing = states[0].owner if plan.story == "refuse" else None
        silent = states[-1].owner if plan.story == "silence" else None
        for state, fraction in zip(states, plan.fractions, strict=False):
            if state.owner == silent:
                continue  # lapse_overdue records consent by silence after the term
            decision = "refused" if state.owner == refusing else _consent(fraction)
            when = _within(state, fraction)
            later(when, _answer(engine, project, state, decision, owners, applicant, later, tally))

    return step


def _consent(fraction: float) -> str:
    return "conditions" if fraction > 0.7 else "approved"


CONDITIONS = "Работы вести вручную в пределах 2 м от сети, вызвать представителя владельца."
REFUSAL = "В проекте не показана глубина заложения сети; представьте продольный профиль."


def _answer(engine, project, state, decision, owners, applicant, later, tally):
    """The step where an owner answers; a refusal schedules the applicant's revision."""

    def step(at: datetime) -> None:
        lapse_overdue(engine, now=at)
        text = {"conditions": CONDITIONS, "refused": REFUSAL}.get(decision)
        answer_request(
            engine, state.case_id, decision, account=owners[state.owner], text=text, now=at
        )
        if decision == "refused":
            later(at + timedelta(days=2), _revision(engine, project, state, owners, applicant,
                                                     later, tally))  # fmt: skip

    return step


def _revision(engine, project, state, owners, applicant, later, tally):
    def step(at: datetime) -> None:
        revised = revise_project(
            engine, project,
            (DocumentDraft(f"plan-{project}-revised-synthetic.pdf", DRAWING + b"% profile\n"),),
            account=applicant, note="Добавлен продольный профиль (демо).", now=at,
        )  # fmt: skip
        tally["revised"] += 1
        (again,) = [s for s in revised.owners if s.owner == state.owner]
        when = _within(again, 0.4)
        later(when, _answer(engine, project, again, "approved", owners, applicant, later, tally))

    return step


def _within(state, fraction: float) -> datetime:
    """A moment `fraction` of the way through the owner's term (whole seconds): before its
    deadline, so only the owners meant to stay silent are consented by silence."""
    return (state.sent_at + (state.due_at - state.sent_at) * fraction).replace(microsecond=0)


def _working_hour(moment: datetime, rng: np.random.Generator) -> datetime:
    """A filing in Moscow's working hours (06:00–14:00 UTC) on the day drawn."""
    minutes = int(rng.integers(6 * 60, 14 * 60))
    return datetime.combine(moment.date(), time()) + timedelta(minutes=minutes)


def _previous_quarter_start(today: date) -> datetime:
    first = 3 * ((today.month - 1) // 3) + 1
    year, month = (today.year, first - 3) if first > 3 else (today.year - 1, first + 9)
    return datetime(year, month, 1)


def _summary(engine: Engine, tally: dict[str, int]) -> DemoApprovals:
    with engine.connect() as connection:
        approved = connection.scalar(
            select(func.count()).where(ApprovalProject.status == "approved")
        )
        silent = connection.scalar(
            select(func.count()).where(ApprovalRequest.decision == "silence")
        )
    return DemoApprovals(tally["projects"], approved or 0, tally["revised"], silent or 0)
