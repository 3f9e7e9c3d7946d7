"""A small hand-made registry for the search tests: practices written through the ORM and
indexed with `index_practice`, as the registry's own writes do in their transaction."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Engine

from tsifra.practices.effects import values_version
from tsifra.practices.search import index_practice
from tsifra.store import session_scope
from tsifra.store.models import (
    Practice,
    PracticeEffect,
    PracticeIndicator,
    PracticeRegion,
    PracticeReplication,
)

TODAY = date(2026, 11, 30)
AT = datetime(2026, 1, 1, 12, 0)


def add_practice(
    engine: Engine,
    title: str,
    sector: str = "gov",
    *,
    description: str = "",
    problem: str = "",
    ai_kind: str | None = None,
    stage: str = "production",
    regions: tuple[str, ...] = ("RU-TA",),
    indicators: tuple[str, ...] = (),
    effect: float | None = None,
    verified_at: date = date(2026, 6, 1),
    technologies: list[str] | None = None,
    owner_agency: str | None = None,
    software: str | None = None,
    replications: tuple[dict, ...] = (),
) -> int:
    """One practice with its regions, indicators and replications; returns its id."""
    with session_scope(engine) as session:
        practice = Practice(
            title=title,
            description=description,
            problem=problem,
            sector=sector,
            ai_kind=ai_kind,
            stage=stage,
            effect=effect,
            verified_at=verified_at,
            technologies=technologies,
            owner_agency=owner_agency,
            software=software,
            created_at=AT,
            updated_at=AT,
        )
        session.add(practice)
        session.flush()
        for region in regions:
            session.add(PracticeRegion(practice_id=practice.id, region=region))
        for indicator in indicators:
            session.add(PracticeIndicator(practice_id=practice.id, indicator=indicator))
        if effect is not None:  # as the registry leaves a measured effect, current
            session.add(
                PracticeEffect(
                    practice_id=practice.id, indicator=(indicators or ("hand",))[0],
                    region=regions[0], before=100.0, after=100.0 + effect, effect=effect,
                    data_version=values_version(engine),
                )
            )  # fmt: skip
        for replication in replications:
            fields = {"region": "RU-KLU", "started_on": date(2026, 3, 1), "status": "production"}
            session.add(
                PracticeReplication(
                    practice_id=practice.id,
                    verified_at=date(2026, 6, 1),
                    created_at=AT,
                    **(fields | replication),
                )
            )
        session.flush()
        index_practice(session.connection(), practice.id)
        return practice.id


def small_registry(engine: Engine) -> dict[str, int]:
    """Seven practices whose facets, words and effects the tests count by hand."""
    ids = {}
    ids["beds"] = add_practice(
        engine,
        "Свободные места в больницах",
        "health",
        description="Поиск свободной койки по всем стационарам региона за минуту.",
        ai_kind="vision",
        regions=("RU-TA",),
        indicators=("health_beds",),
        effect=12.0,
        verified_at=date(2026, 5, 1),
        replications=(
            {"evidence_kind": "contract", "evidence_number": "44-1", "evidence_date": AT.date()},
            {"evidence_kind": "contract"},  # no number, link or file: not counted
            {"evidence_kind": None, "evidence_url": "https://example.org/act"},  # no kind
            {"evidence_kind": "act", "evidence_url": "https://example.org/act-2"},
        ),
    )
    ids["sick_leave"] = add_practice(
        engine,
        "Больничный лист без визита в поликлинику",
        "health",
        stage="scaled",
        regions=("RU-MOW",),
        indicators=("health_beds", "gov_online"),
        effect=5.0,
        verified_at=date(2025, 11, 29),  # stale on 30.11.2026
    )
    ids["journal"] = add_practice(
        engine,
        "Электронный журнал для школ",
        "education",
        ai_kind="text",
        stage="pilot",
        regions=("RU-TA", "RU-MOW"),
        indicators=("edu_digital",),
        verified_at=date(2025, 11, 30),  # fresh on 30.11.2026: exactly twelve months
    )
    ids["swamp"] = add_practice(
        engine,
        "Осушение болота у трассы",
        "city",
        stage="idea",
        regions=("RU-KLU",),
        description="Датчики уровня воды на болоте.",
        effect=-1.0,
    )
    ids["bus"] = add_practice(
        engine,
        "Школьный автобус по расписанию",
        "transport",
        problem="Дети добираются за школами в соседние сёла.",
        ai_kind="prediction",
        regions=("RU-KLU",),
        indicators=("edu_digital",),
        effect=3.0,
        technologies=["ГЛОНАСС", "прогноз"],
    )
    ids["voice"] = add_practice(
        engine,
        "Голосовой помощник приёмной",
        "gov",
        description="Принимает жалобы на боль и записывает к врачу.",
        ai_kind="speech",
        regions=("RU-TA",),
        indicators=("gov_online",),
        owner_agency="Министерство цифрового развития",
    )
    ids["clinic"] = add_practice(
        engine,
        "Запись к врачу через портал",
        "health",
        description="Пациент видит расписание больницы и записывается сам.",
        regions=("RU-MOW",),
        effect=5.0,
        software="МедПортал",
    )
    return ids
