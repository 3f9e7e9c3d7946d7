"""The demo's registry of practices: a few hundred synthetic practices across the 83 regions,
every direction of the index, about a third of them AI, so that the registry's pages, search,
plans and figures have something to show.

Their measured effects are not typed: each practice is linked to indicators of the demo
methodology and dated so that its effect comes out of the demo panel by the registry's own rule
(`practices.effects`). Regions and start dates are chosen where the panel moved for the better,
as a registry of practices someone chose to publish would be (about one in seven is asked for
a region where it did not; the synthetic panel improves almost everywhere, so few are found).
Replications come with and without evidence, and some records are stale. Every title ends with
«(демо)» and every record is `synthetic`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import Engine, func, insert, select

from tsifra.kernel.language import DEMO_NOTE
from tsifra.practices import search
from tsifra.practices.effects import period_end, refresh_effects
from tsifra.practices.indicators import indicator_directions
from tsifra.reference import load_regions
from tsifra.store import (
    Practice,
    PracticeEvidence,
    PracticeIndicator,
    PracticeRegion,
    PracticeReplication,
    PracticeStage,
    session_scope,
    utcnow,
)
from tsifra.store.audit import record

DEMO_ACTOR = "demo"
COUNT = 300
HOME = "RU-TA"  # the demo operator's region gets a good share
# sector, AI kind (None: not AI), title, indicators, problem, technologies, software
TEMPLATES: tuple[tuple, ...] = (
    ("health", None, "Телемедицинские консультации в районных больницах", ("health_telemed",),
     "Пациентам районов приходится ездить в областной центр к узким специалистам.",
     ("телемедицина", "ВКС"), "ТМК-Консилиум"),
    ("health", "vision", "ИИ-анализ флюорограмм и маммограмм", ("health_ai_diagnostics",),
     "Рентгенологов не хватает, снимки ждут описания неделями.",
     ("компьютерное зрение", "PACS"), "Рентген-Ассистент"),
    ("health", None, "Электронная медицинская карта в поликлиниках", ("health_emr",),
     "Бумажные карты теряются, врач не видит историю пациента.", ("РМИС", "ЕГИСЗ"), None),
    ("health", "speech", "Голосовой помощник записи к врачу", ("health_online_appointment",),
     "Регистратура не успевает отвечать на звонки.", ("синтез речи", "телефония"),
     "Голос-Регистратура"),
    ("health", "prediction", "Прогноз нагрузки на приёмные отделения", ("health_rmis_connected",),
     "Очереди в приёмных отделениях в пиковые дни.", ("машинное обучение", "РМИС"), None),
    ("education", "recommendation", "Рекомендации образовательных траекторий",
     ("edu_digital_profile",), "Ученики и родители не видят, куда двигаться после 9 класса.",
     ("рекомендательная система",), "Траектория"),
    ("education", None, "Скоростной интернет в сельских школах", ("edu_broadband_schools",),
     "Сельские школы не могут пользоваться цифровым контентом.", ("ВОЛС", "СПД"), None),
    ("education", None, "Региональный электронный дневник", ("edu_e_journal",),
     "Родители узнают об оценках в конце четверти.", ("веб-сервис",), "Дневник.Регион"),
    ("education", "text", "Проверка домашних заданий с помощью ИИ",
     ("edu_teachers_digital_content",), "Учителя тратят вечера на проверку тетрадей.",
     ("обработка текста",), "Проверка-ИИ"),
    ("education", None, "Запись в кружки и секции онлайн", ("edu_enrolment_online",),
     "Родители стоят в очередях на запись в кружки.", ("Госуслуги",), None),
    ("gov", "text", "Классификация обращений граждан с помощью ИИ", ("gov_pos_on_time",),
     "Обращения долго ищут своего исполнителя и отвечают на них с опозданием.",
     ("обработка текста", "ПОС"), "Маршрутизатор обращений"),
    ("gov", None, "Массовые социально значимые услуги онлайн", ("gov_mszu_online",),
     "За справками приходится ходить лично.", ("Госуслуги", "СМЭВ"), None),
    ("gov", "speech", "Голосовой бот для заявлений на услуги", ("gov_mszu_requests_online",),
     "Пожилые жители не справляются с формами на портале.", ("распознавание речи",),
     "Госбот"),
    ("gov", None, "Электронный документооборот органов власти", ("gov_edo",),
     "Бумажные согласования занимают недели.", ("СЭД", "ЭП"), "Дело-Регион"),
    ("gov", None, "Переход органов власти на отечественное ПО", ("gov_domestic_software",),
     "Иностранное ПО больше не обновляется.", ("Linux", "офисный пакет"), None),
    ("transport", None, "ГЛОНАСС на автобусах и передача данных в РНИС",
     ("trans_bus_glonass",), "Диспетчеры не видят, где автобусы.", ("ГЛОНАСС", "РНИС"), None),
    ("transport", None, "Безналичная оплата проезда", ("trans_cashless_vehicles",
     "trans_cashless_trips"), "Кондукторы и наличные замедляют посадку.", ("NFC", "СБП"),
     "Транспортная карта"),
    ("transport", "prediction", "Прогноз прибытия транспорта на остановки",
     ("trans_realtime_routes",), "Пассажиры не знают, когда придёт автобус.",
     ("машинное обучение", "ГЛОНАСС"), "Где автобус"),
    ("city", None, "Разрешения на строительство онлайн", ("city_permits_online",),
     "Застройщики носят бумаги по кабинетам.", ("ГИСОГД", "Госуслуги"), None),
    ("city", "text", "ИИ-проверка проектной документации", ("city_permit_days",),
     "Экспертиза документации затягивает выдачу разрешений.", ("обработка текста",),
     "Эксперт-ИИ"),
    ("city", None, "Цифровая ГИСОГД", ("city_isogd_digital",),
     "Градостроительные документы лежат в сканах.", ("ГИС",), None),
    ("city", None, "Оплата ЖКУ онлайн", ("city_zkh_payments_online",),
     "Жители платят за ЖКУ в кассах с комиссией.", ("ГИС ЖКХ", "СБП"), None),
    ("city", "vision", "Умный учёт коммунальных ресурсов с распознаванием показаний",
     ("city_smart_metering",), "Показания счётчиков передают с ошибками.",
     ("компьютерное зрение", "IoT"), "Умный счётчик"),
    ("other", None, "Единый региональный портал открытых данных", ("gov_mszu_online",),
     "Данные ведомств разбросаны по сайтам.", ("CKAN",), None),
)  # fmt: skip
AGENCIES = {
    "health": "Министерство здравоохранения",
    "education": "Министерство образования",
    "gov": "Министерство цифрового развития",
    "transport": "Министерство транспорта",
    "city": "Министерство строительства и ЖКХ",
    "other": "Министерство цифрового развития",
}
PERIODS_BEFORE = ("2022Q1", "2024Q4")  # the quarters a practice's «before» may be
# Written straight into the tables, in one transaction: the records' services check one
# practice at a time, ten times slower, and the demo's rows are made valid by construction.
TABLES = {
    "practices": Practice,
    "stages": PracticeStage,
    "regions": PracticeRegion,
    "indicators": PracticeIndicator,
    "evidence": PracticeEvidence,
    "replications": PracticeReplication,
}


def load_demo_practices(
    engine: Engine, panel: pd.DataFrame, today: date | None = None, seed: int = 2024
) -> int:
    """Write the demo's practices and replications in one transaction, then measure their
    effects once; the number of practices written."""
    today = today or utcnow().date()
    rng = np.random.default_rng(seed + 14)
    regions = load_regions()
    names = regions["name_ru"].to_dict()
    codes = list(regions.index)
    directions = indicator_directions(engine)
    series = panel.set_index(["unit", "indicator", "period"])["value"].sort_index()
    periods = sorted(panel["period"].unique())
    latest = periods[-1]
    first, last = periods.index(PERIODS_BEFORE[0]), periods.index(PERIODS_BEFORE[1])
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    with engine.connect() as connection:
        next_id = (connection.scalar(select(func.max(Practice.id))) or 0) + 1
    for n in range(COUNT):
        sector, kind, title, indicators, problem, technologies, software = TEMPLATES[
            n % len(TEMPLATES)
        ]
        before = periods[int(rng.integers(first, last + 1))]
        home = n < 12
        better = rng.random() < 0.85
        region = (
            HOME
            if home
            else _region(rng, codes, series, indicators[0], (before, latest), directions, better)
        )
        pilot = period_end(before) + timedelta(days=int(rng.integers(1, 60)))
        stages = _stages(rng, pilot, today)
        also = [str(rng.choice(codes))] if rng.random() < 0.15 and not home else []
        verified = today - timedelta(
            days=int(rng.integers(400, 900) if rng.random() < 0.2 else rng.integers(0, 330))
        )
        capex = float(rng.integers(2, 80)) * 1_000_000
        pid, created = next_id + n, _moment(stages[0][1])
        rows["practices"].append(
            {
                "id": pid,
                "title": f"{title} — {names[region]} (демо)",
                "description": f"{problem} Практика решает её в регионе. {DEMO_NOTE}.",
                "problem": problem,
                "owner_agency": f"{AGENCIES[sector]} ({names[region]})",
                "sector": sector,
                "cofog": None,
                "ai_kind": kind,
                "technologies": list(technologies),
                "stage": stages[-1][0],
                "capex": capex,
                "opex": round(capex * float(rng.uniform(0.08, 0.2)), -3),
                "software": software,
                "software_registry": str(rng.integers(1000, 30000))
                if software and rng.random() < 0.5
                else None,
                "url": f"https://example.org/demo/practice-{n + 1}" if rng.random() < 0.6 else None,
                "licence": "EUPL-1.2" if rng.random() < 0.1 else None,
                "verified_at": verified,
                "verified_by": DEMO_ACTOR,
                "created_at": created,
                "created_by": DEMO_ACTOR,
                "updated_at": _moment(stages[-1][1]),
                "synthetic": True,
            }
        )
        for stage, since in stages:
            rows["stages"].append(
                {"practice_id": pid, "stage": stage, "since": since, "at": _moment(since),
                 "actor": DEMO_ACTOR, "note": None}
            )  # fmt: skip
        for code in dict.fromkeys([region, *also]):
            rows["regions"].append({"practice_id": pid, "region": code})
        for code in indicators:
            rows["indicators"].append({"practice_id": pid, "indicator": code,
                                       "expected_effect": None})  # fmt: skip
        if rng.random() < 0.7:
            rows["evidence"].append(
                {"practice_id": pid, "kind": "report", "title": "Отчёт о внедрении (демо)",
                 "url": f"https://example.org/demo/report-{n + 1}.pdf", "sha256": None,
                 "added_at": created, "added_by": DEMO_ACTOR}
            )  # fmt: skip
        running = [since for stage, since in stages if stage in ("production", "scaled")]
        if running and rng.random() < 0.45:
            rows["replications"] += _replications(rng, pid, codes, region, running[0], today)
    with session_scope(engine) as session:
        for name, table in TABLES.items():
            if rows[name]:
                session.execute(insert(table), rows[name])
        ids = [row["id"] for row in rows["practices"]]
        record(session, DEMO_ACTOR, "practice.demo", None, {"practices": len(ids)})
        connection = session.connection()
        for pid in ids:
            search.index_practice(connection, pid)
    refresh_effects(engine)
    return COUNT


def _moment(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 0)


def _region(rng, codes, series, code: str, span, directions, want_better: bool) -> str:
    """A region where the indicator moved as wished between the two periods of `span`."""
    before, latest = span
    for _ in range(12):
        region = str(rng.choice(codes))
        try:
            a, b = series[(region, code, before)], series[(region, code, latest)]
        except KeyError:
            continue
        if ((b - a) * directions.get(code, 1) > 0) == want_better:
            return region
    return region


def _stages(rng, pilot: date, today: date) -> list[tuple[str, date]]:
    """idea → pilot → production → maybe scaled or retired, every date by `today`."""
    stages = [("idea", pilot - timedelta(days=int(rng.integers(90, 240)))), ("pilot", pilot)]
    production = pilot + timedelta(days=int(rng.integers(120, 330)))
    if production <= today and rng.random() < 0.8:
        stages.append(("production", production))
        later = production + timedelta(days=int(rng.integers(180, 500)))
        if later <= today:
            roll = rng.random()
            if roll < 0.3:
                stages.append(("scaled", later))
            elif roll < 0.35:
                stages.append(("retired", later))
    return stages


def _replications(rng, pid: int, codes, home: str, since: date, today: date) -> list[dict]:
    """One to four replications in other regions, about 60 % of them with evidence."""
    found = []
    for k in range(int(rng.integers(1, 5))):
        region = str(rng.choice([c for c in codes if c != home]))
        started = since + timedelta(days=int(rng.integers(30, 400)))
        if started > today:
            continue
        proven = rng.random() < 0.6
        found.append(
            {
                "practice_id": pid,
                "region": region,
                "agency": None,
                "started_on": started,
                "status": str(rng.choice(["pilot", "production", "production", "stopped"])),
                "evidence_kind": str(rng.choice(["contract", "act"])) if proven else None,
                "evidence_number": f"{rng.integers(100, 999)}-{started.year}-ДЕМО"
                if proven
                else None,
                "evidence_date": started - timedelta(days=10) if proven else None,
                "evidence_url": f"https://example.org/demo/contract-{pid}-{k}"
                if proven and rng.random() < 0.5
                else None,
                "evidence_sha256": None,
                "verified_at": min(today, started + timedelta(days=int(rng.integers(0, 500)))),
                "created_at": _moment(started),
                "created_by": DEMO_ACTOR,
            }
        )
    return found
