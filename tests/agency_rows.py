"""A small rated database of agencies, for the agency rating's service, pages and browser tests.

Six agencies (two federal bodies, two of Tatarstan, two of Kaluga) rated by a test methodology
of unit type `agency` with the indicator codes of `ru-agency-digital` (common to issue 14), stored
under that code (the stored version is the one a rating uses, over the bundled file), two
quarters of values and a stored rating of each. The methodology is this file's own, so that the
figures below are what the tests reason about whatever the bundled one becomes: every indicator
is normalised on fixed goalposts (0–100, the answer rating 1–5), so a normalised value is the
value itself (100 − value where lower is better) and the index is the mean of the four parts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from builders import ROLE_ACCOUNTS, WEB_PASSWORD

AGENCY_METHODOLOGY = "ru-agency-digital"  # stored over the bundled one
AGENCY_PERIODS = ("2025Q3", "2025Q4")
INDICATORS = (
    "agency_programme_attainment",
    "agency_finance_discipline",
    "agency_cdto_rating",
    "agency_appeals_on_time",
    "agency_answer_rating",
    "agency_reopened_share",
)
# code, name_ru, name_en, parent region (None: a federal body)
AGENCIES = (
    ("minzdrav", "Министерство здравоохранения РФ", "Ministry of Health", None),
    ("mintrans", "Министерство транспорта РФ", "Ministry of Transport", None),
    ("ru-ta-roads", "Министерство транспорта и дорожного хозяйства РТ", "Tatarstan roads", "RU-TA"),
    ("ru-ta-housing", "Государственная жилищная инспекция РТ", "Tatarstan housing", "RU-TA"),
    ("ru-klu-health", "Министерство здравоохранения Калужской области", "Kaluga health", "RU-KLU"),
    ("ru-klu-roads", "Министерство дорожного хозяйства Калужской области", None, "RU-KLU"),
)
# 2025Q4 values, in INDICATORS order. The index is the mean of programme, finance, chief and
# citizens, citizens the mean of on time, (rating − 1) / 4 × 100 and 100 − reopened:
#   minzdrav       90, 95, 85, citizens (90 + 90 + 95) / 3 = 91.67 → index 90.42 (high)
#   ru-ta-roads    80, 70, 75, citizens (80 + 75 + 90) / 3 = 81.67 → index 76.67 (high)
#   mintrans       60, 50, 55, citizens (60 + 50 + 80) / 3 = 63.33 → index 57.08 (medium)
#   ru-klu-health  70, 40, 60, citizens (50 + 50 + 70) / 3 = 56.67 → index 56.67 (medium)
#   ru-ta-housing  30, 35, 20, citizens (40 + 25 + 60) / 3 = 41.67 → index 31.67 (low)
#   ru-klu-roads   10, 20, 15, citizens (20 + 25 + 50) / 3 = 31.67 → index 19.17 (low)
# mintrans and ru-klu-health are close but differently made up, so the rank intervals of the
# uncertainty analysis (weights ±25 %, arithmetic or geometric) are wider than one place.
LAST = {
    "minzdrav": (90, 95, 85, 90, 4.6, 5),
    "ru-ta-roads": (80, 70, 75, 80, 4.0, 10),
    "mintrans": (60, 50, 55, 60, 3.0, 20),
    "ru-klu-health": (70, 40, 60, 50, 3.0, 30),
    "ru-ta-housing": (30, 35, 20, 40, 2.0, 40),
    "ru-klu-roads": (10, 20, 15, 20, 2.0, 50),
}
EXPECTED = {  # the 2025Q4 index, place and band written out above
    "minzdrav": (90.4167, 1, "high"),
    "ru-ta-roads": (76.6667, 2, "high"),
    "mintrans": (57.0833, 3, "medium"),
    "ru-klu-health": (56.6667, 4, "medium"),
    "ru-ta-housing": (31.6667, 5, "low"),
    "ru-klu-roads": (19.1667, 6, "low"),
}
BAND_CUTS = (("high", 70.0), ("medium", 40.0), ("low", 0.0))
MONITORING = "mintsifry-monitoring"  # the source of the federal parts' values
# The citizen side as the feedback platform's formulas store it: one batch per formula, with
# source `formula:<name>` (`marts.publish`).
FORMULAS = {
    "agency_appeals_on_time": "feedback_agency_on_time",
    "agency_answer_rating": "feedback_agency_rating",
    "agency_reopened_share": "feedback_agency_reopened",
}

METHODOLOGY_YAML = """\
# A test methodology of the agency rating: the indicator codes of ru-agency-digital on fixed
# goalposts, so that every score can be computed by hand (tests/agency_rows.py).
id: ru-agency-digital
title: Рейтинг цифровой трансформации органов власти (тест)
title_en: Digital transformation rating of agencies (test)
version: "test-1"
unit_type: agency
scale: {min: 0, max: 100, unit: ""}
steps:
  denominate: false
  impute: {method: locf}
  screen: {min_availability: 0}
  treat: {method: none}
  normalise: {method: goalposts, clip: true, scale: 100}
  aggregate: {method: arithmetic, min_share: 0.5}
data_cycle:
  due_day: 8
  due_months_after: 1
  complete_share: 0.9
uncertainty:
  weights:
    - {level: 1, noise: 0.25}
    - {level: 2, noise: 0.25}
  aggregation: [arithmetic, geometric]
nodes:
  - {code: index, name: Индекс цифровой трансформации, name_en: Digital transformation index}
  - {code: programme, name: Программа, name_en: Programme, parent: index}
  - {code: finance, name: Финансовая дисциплина, name_en: Financial discipline, parent: index}
  - {code: chief, name: Руководитель цифровой трансформации, name_en: Chief, parent: index}
  - {code: citizens, name: Обратная связь с гражданами, name_en: Citizens, parent: index}
indicators:
  - code: agency_programme_attainment
    name: Достижение показателей программы цифровой трансформации
    name_en: Attainment of the programme's indicators
    unit: "%"
    parent: programme
    goalposts: {min: 0, max: 100}
    targets: {2025: 100}
    source: Минцифры России, мониторинг ведомственных программ цифровой трансформации
  - code: agency_finance_discipline
    name: Финансовая дисциплина программы
    unit: "%"
    parent: finance
    goalposts: {min: 0, max: 100}
    targets: {2025: 100}
    source: Минцифры России, мониторинг ведомственных программ цифровой трансформации
  - code: agency_cdto_rating
    name: Рейтинг руководителя цифровой трансформации
    unit: балл
    parent: chief
    goalposts: {min: 0, max: 100}
    targets: {2025: 100}
    source: Минцифры России, рейтинг руководителей цифровой трансформации
  - code: agency_appeals_on_time
    name: Доля обращений, рассмотренных в срок
    unit: "%"
    parent: citizens
    goalposts: {min: 0, max: 100}
    targets: {2025: 100}
    source: Платформа обратной связи Цифры, формула feedback_on_time по органам
  - code: agency_answer_rating
    name: Средняя оценка ответов
    unit: балл
    parent: citizens
    goalposts: {min: 1, max: 5}
    targets: {2025: 5}
    source: Платформа обратной связи Цифры, формула оценки ответов по органам
  - code: agency_reopened_share
    name: Доля переоткрытых обращений
    unit: "%"
    direction: -1
    parent: citizens
    goalposts: {min: 0, max: 100}
    targets: {2025: 0}
    source: Платформа обратной связи Цифры, формула переоткрытых обращений по органам
bands:
  - {code: high, name: высокий, name_en: high, min: 70}
  - {code: medium, name: средний, name_en: medium, min: 40}
  - {code: low, name: низкий, name_en: low, min: 0}
"""


def agency_panel() -> pd.DataFrame:
    """Both quarters: 2025Q3 a little lower than 2025Q4 for everyone (the history rises)."""
    rows = []
    for unit, values in LAST.items():
        for code, value in zip(INDICATORS, values, strict=True):
            rows.append((unit, "2025Q4", code, float(value)))
            earlier = value if code == "agency_reopened_share" else value * 0.9
            rows.append((unit, "2025Q3", code, float(earlier)))
    return pd.DataFrame(rows, columns=["unit", "period", "indicator", "value"])


def add_agencies(engine) -> None:
    """The six agency units (kind `agency`, `parent` their region or None)."""
    from tsifra.store.database import session_scope
    from tsifra.store.models import Unit

    with session_scope(engine) as session:
        for code, name_ru, name_en, parent in AGENCIES:
            session.add(Unit(code=code, kind="agency", name_ru=name_ru, name_en=name_en,
                             parent=parent))  # fmt: skip


def rate_agencies(engine, folder: Path) -> None:
    """Store the test methodology, the agencies, their values and a rating of each quarter."""
    from tsifra.ratings.stored import compute_from_store
    from tsifra.store.methodologies import store_methodology
    from tsifra.values.ingest import ingest_frame

    path = folder / f"{AGENCY_METHODOLOGY}.yaml"
    path.write_text(METHODOLOGY_YAML, encoding="utf-8")
    store_methodology(engine, path)
    add_agencies(engine)
    panel = agency_panel()
    by_formula = panel["indicator"].map(FORMULAS)
    batches = [(MONITORING, panel[by_formula.isna()])]
    batches += [(f"formula:{name}", panel[by_formula == name]) for name in FORMULAS.values()]
    for source, frame in batches:
        ingest_frame(engine, frame, source, methodology=AGENCY_METHODOLOGY, synthetic=True)
    for period in AGENCY_PERIODS:
        compute_from_store(engine, AGENCY_METHODOLOGY, period=period)


@dataclass(frozen=True)
class RatedAgencies:
    """A migrated database with the six agencies rated in both quarters and one account per
    role (password WEB_PASSWORD): what the agency pages' tests see."""

    accounts: tuple[tuple[str, str, str | None], ...] = ROLE_ACCOUNTS

    def build(self, engine) -> None:
        import tempfile

        from tsifra.accounts import create_user

        with tempfile.TemporaryDirectory() as folder:
            rate_agencies(engine, Path(folder))
        for login, role, region in self.accounts:
            create_user(engine, login, WEB_PASSWORD, role, region=region)


RATED_AGENCIES = RatedAgencies()
