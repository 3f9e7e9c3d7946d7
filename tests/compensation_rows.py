"""One builder of compensation without an application, for the tests of registers, the rule's
run, the body's steps and their pages: a paying body in RU-TYU (and one per municipality), its
operators and others, a rule, register files written as a keeper writes them, and a run row as
`proactive.runs.run_rule` makes it."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from tsifra.accounts.users import Account, create_user, set_user_body
from tsifra.proactive.rules import Rule, parse_rule
from tsifra.store import Body, RuleRun, session_scope

REGION = "RU-TYU"
PAYER = "tyu-social"
ISHIM_PAYER = "ishim-social"
OTHER_BODY = "tyu-roads"
TYUMEN = "71701000"
ISHIM = "71705000"
# A Monday in an ordinary month: no holiday within ten working days.
MONDAY = datetime(2026, 6, 1, 7, 0)
HEADINGS = (
    "Номер записи",
    "Регион",
    "ОКТМО",
    "Статус записи",
    "Фамилия",
    "Имя и отчество",
    "Адрес",
    "Электронная почта",
    "Телефон",
    "Ущерб",
    "Проживающих",
    "Дата акта обследования",
)
# The personal data of the households: tests assert none of it shows where it must not.
HOUSEHOLDS = (
    (
        "ДХ-001",
        REGION,
        TYUMEN,
        "confirmed",
        "Маркерова-PII-1",
        "Анна Петровна",
        "г. Тюмень, ул. Приречная-PII-1, д. 1",
        "pii-1@example.org",
        "+7 900 111-11-11",
        "partial",
        "3",
        "12.04.2026",
    ),
    (
        "ДХ-002",
        REGION,
        ISHIM,
        "confirmed",
        "Маркеров-PII-2",
        "Олег Ильич",
        "г. Ишим, ул. Луговая-PII-2, д. 2",
        "",
        "",
        "total",
        "1",
        "13.04.2026",
    ),
    (
        "ДХ-003",
        REGION,
        TYUMEN,
        "pending",
        "Маркерова-PII-3",
        "Вера",
        "г. Тюмень, ул. Береговая-PII-3, д. 3",
        "pii-3@example.org",
        "",
        "partial",
        "2",
        "",
    ),
)
RULE = {
    "rule": "tyu-flood-compensation",
    "version": "2026.1",
    "kind": "register_case",
    "title": "Компенсация пострадавшим от паводка без заявления",
    "title_en": "Flood compensation without an application",
    "region": REGION,
    "source": {"register": "damaged_households"},
    "params": {
        "payer": PAYER,
        "payers": {ISHIM: ISHIM_PAYER},
        "amounts": {"partial": 50000, "total": 100000},
        "per_resident": 10000,
        "term_days": 10,
    },
}


def rule(**params: object) -> Rule:
    document = {**RULE, "params": {**RULE["params"], **params}}
    return parse_rule(document, "tyu-flood-compensation.yaml", "ab" * 32)


def add_bodies(engine: Engine) -> None:
    with session_scope(engine) as session:
        session.add_all(
            [
                Body(
                    code=PAYER,
                    region=REGION,
                    kind="regional",
                    name_ru="Департамент социального развития Тюменской области",
                ),
                Body(
                    code=ISHIM_PAYER,
                    region=REGION,
                    kind="municipal",
                    oktmo=ISHIM,
                    name_ru="Администрация города Ишима",
                ),
                Body(
                    code=OTHER_BODY,
                    region=REGION,
                    kind="regional",
                    name_ru="Главное управление строительства Тюменской области",
                ),
            ]
        )


def operator(engine: Engine, login: str, body: str | None = PAYER) -> Account:
    account = create_user(engine, login, "long-enough-pass", "operator", region=REGION)
    return set_user_body(engine, login, body) if body else account


def write_register(path: Path, rows=HOUSEHOLDS, *, encoding: str = "cp1251") -> Path:
    """A register as Russian Excel saves it: Windows-1251, semicolons, Russian headings."""
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADINGS)
        writer.writerows(rows)
    return path


def start_run(engine: Engine, the_rule: Rule, now: datetime = MONDAY) -> int:
    """The run row `proactive.runs.run_rule` makes before it calls the kind's `run`."""
    with session_scope(engine) as session:
        row = RuleRun(
            rule=the_rule.rule,
            version=the_rule.version,
            rule_sha256=the_rule.sha256,
            started_at=now,
            actor="test",
        )
        session.add(row)
        session.flush()
        return row.id
