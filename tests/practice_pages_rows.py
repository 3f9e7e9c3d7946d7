"""Practices for the registry's page, API and browser tests, as the write API takes them.

`HOSPITALS` runs in RU-TA (the operator's region) and reached its pilot between the two rated
quarters of builders.RATED (2025Q3, 2025Q4), so its effect on `health_emr` is measured from the
stored values; `SCHOOLS` is of another region; `OLD` was last verified long ago (stale).
"""

from __future__ import annotations

HOSPITALS = {
    "title": "Компьютерное зрение для флюорографии в больницах",
    "sector": "health",
    "ai_kind": "vision",
    "problem": "Рентгенологов не хватает в районных больницах",
    "description": "Снимки размечает модель, врач подтверждает заключение.",
    "regions": ["RU-TA"],
    "owner_agency": "Минздрав Республики Татарстан",
    "technologies": ["компьютерное зрение", "PACS"],
    "stage": "pilot",
    "stage_since": "2025-10-15",
    "capex": 12_500_000,
    "opex": 850_000,
    "software": "Третье мнение",
    "software_registry": "4925",
    "url": "https://example.org/fluoro",
    "licence": "MIT",
    "indicators": [{"indicator": "health_emr", "expected_effect": 5}],
    "evidence": [{"kind": "report", "title": "Отчёт о пилоте", "url": "https://example.org/r"}],
}
SCHOOLS = {
    "title": "Электронный журнал для школ",
    "sector": "education",
    "regions": ["RU-MOW"],
    "stage": "production",
    "stage_since": "2024-09-01",
}
OLD = {
    "title": "Больничный лист без бумаги",
    "sector": "health",
    "regions": ["RU-TA"],
    "stage": "production",
    "stage_since": "2023-01-10",
    "verified_at": "2024-01-15",
}
CONTRACT = {
    "region": "RU-TA",
    "started_on": "2026-02-01",
    "status": "production",
    "agency": "ГАУЗ «РКБ»",
    "evidence_kind": "contract",
    "evidence_number": "0311200012526000017",
    "evidence_date": "2026-01-20",
}
CLAIM = {"region": "RU-TA", "started_on": "2026-03-01", "status": "pilot", "agency": "ЦРБ"}
