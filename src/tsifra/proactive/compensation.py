"""Compensation without an application (rule kind `register_case`): a confirmed record in the
register of damaged households opens a case of kind `compensation`, already filled in, held by
the body that pays.

Nobody applies: the municipality's commission confirms the household in its register, the
register is loaded (`proactive.registers`), and the rule's run opens the case — who is damaged
and where (the contact, apart from the case: only the paying body's operators read it), what
the damage is, the amount due by the rule's params, and an `opened` event naming the rule (code,
version, the file's SHA-256, the run) and the record (register, key). The person is told by
e-mail when the register gives an address (the outbox). The body then approves the amount and
pays (`proactive.payouts`: the payment is a status with its document, not a bank transfer).

Once per household: the case's idempotency key is `rule:{rule}:{register}:{key}` (unique in
`cases`), so a re-run, a register loaded again or two runs at once never open a second case; a
record not confirmed yet opens nothing and is acted on when a later load confirms it. A record
changed after its case was opened does not change the case (the case is what was decided on;
the body sees the register's newer record in its own systems).

The rule's params:
- `payer`: the body that pays (a body code); `payers`: a body per municipality (ОКТМО → code),
  which wins over `payer` where it names the record's municipality;
- `amounts`: roubles per household by the damage (`partial`, `total`); `per_resident`: roubles
  per resident on top (optional, 0 by default);
- `term_days`: working days the body has to pay (10 by default), counted on the production
  calendar from the day the case is opened;
- `category`: the case's category (`compensation.flood` by default).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError

from tsifra.cases.deadlines import end_of_day, moscow_day
from tsifra.kernel import formatting
from tsifra.kernel.language import word
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.outbox.outbox import enqueue
from tsifra.proactive.payouts import (
    CompensationView,
    approve_compensation,
    pay_compensation,
    read_compensation,
    roubles,
)
from tsifra.proactive.registers import load_register
from tsifra.proactive.rules import Rule
from tsifra.reference.calendar import add_working_days
from tsifra.store import Body, Case, CaseContact, CaseEvent, RegisterRecord, session_scope

__all__ = [
    "KIND",
    "CompensationView",
    "approve_compensation",
    "case_key",
    "params_problems",
    "pay_compensation",
    "read_compensation",
    "run",
]

KIND = "compensation"
REGISTER = "damaged_households"
DAMAGES = ("partial", "total")
DEFAULT_TERM = 10
DEFAULT_CATEGORY = "compensation.flood"
MAX_AMOUNT = 10_000_000  # roubles: a household's compensation is far below; a typo is not
CODE = re.compile(r"[a-z0-9][a-z0-9_.-]{0,63}")
OKTMO = re.compile(r"\d{8}(\d{3})?")
CATEGORY = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)*")
LANG = "ru"  # the case's text and the person's letter are in the language of the service


def params_problems(params: dict) -> list[Problem]:
    """What is wrong with a compensation rule's params, each located by its key."""
    found: list[Problem] = []
    payer, payers = params.get("payer"), params.get("payers") or {}
    if not isinstance(payer, str) or not CODE.fullmatch(payer):
        found.append(Problem("comp_rule_payer", path="payer", value=payer))
    if not isinstance(payers, dict):
        found.append(Problem("comp_rule_payers", path="payers"))
    else:
        for oktmo, body in payers.items():
            if not OKTMO.fullmatch(str(oktmo)) or not isinstance(body, str):
                found.append(Problem("comp_rule_payers", path=f"payers.{oktmo}", value=body))
    amounts = params.get("amounts")
    if not isinstance(amounts, dict):
        found.append(Problem("comp_rule_amount", path="amounts"))
    else:
        for damage in DAMAGES:
            if not _amount(amounts.get(damage)):
                found.append(Problem("comp_rule_amount", path=f"amounts.{damage}"))
        found += [
            Problem(
                "comp_rule_damage",
                path=f"amounts.{k}",
                value=k,
                params={"known": ", ".join(DAMAGES)},
            )
            for k in amounts
            if k not in DAMAGES
        ]
    if "per_resident" in params and not _amount(params["per_resident"]):
        found.append(Problem("comp_rule_amount", path="per_resident"))
    term = params.get("term_days", DEFAULT_TERM)
    if not isinstance(term, int) or isinstance(term, bool) or not 1 <= term <= 90:
        found.append(Problem("comp_rule_term", path="term_days", value=term))
    category = params.get("category", DEFAULT_CATEGORY)
    if not isinstance(category, str) or len(category) > 32 or not CATEGORY.fullmatch(category):
        found.append(Problem("comp_rule_category", path="category", value=category))
    known = {"payer", "payers", "amounts", "per_resident", "term_days", "category"}
    found += [
        Problem("comp_rule_unknown", path=str(k), params={"known": ", ".join(sorted(known))})
        for k in params
        if k not in known
    ]
    return found


def _amount(value: Any) -> bool:
    return (
        isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= MAX_AMOUNT
    )


def case_key(rule: str, register: str, key: str) -> str:
    """The idempotency key of a household's case: once per rule, register and record."""
    return f"rule:{rule}:{register}:{key}"


def amount_due(params: dict, damage: str, residents: int) -> float:
    """The compensation the rule says a household is due, in roubles."""
    due = params["amounts"][damage] + params.get("per_resident", 0) * residents
    return int(due) if float(due).is_integer() else round(float(due), 2)


def run(
    engine: Engine,
    rule: Rule,
    data: Path | None,
    *,
    run_id: int,
    now: datetime,
    actor: str,
) -> tuple[int, int]:
    """Open a case for each confirmed household of the rule's region that has none; with a file
    of recorded data, load it into the register first. Answers (records read, cases opened)."""
    register = str(rule.source.get("register", ""))
    if register != REGISTER:
        raise ValidationFailed(
            [
                Problem(
                    "comp_rule_source",
                    file=rule.file,
                    path="source.register",
                    value=register,
                    params={"expected": REGISTER},
                )
            ]
        )
    if data is not None:
        load_register(engine, register, data, actor=actor, now=now)

    with session_scope(engine) as session:
        records = session.scalars(
            select(RegisterRecord)
            .where(RegisterRecord.register == register, RegisterRecord.region == rule.region)
            .order_by(RegisterRecord.id)
        ).all()
        confirmed = [r for r in records if r.status == "confirmed"]
        keys = [case_key(rule.rule, register, r.key) for r in confirmed]
        opened = set()
        for chunk in range(0, len(keys), 500):
            part = keys[chunk : chunk + 500]
            opened |= set(
                session.scalars(select(Case.idempotency_key).where(Case.idempotency_key.in_(part)))
            )
        due = [(r, k) for r, k in zip(confirmed, keys, strict=True) if k not in opened]
        payers = _payers(session, rule, {r.oktmo for r, _ in due})
    fired = 0
    for record, key in due:
        if _open_case(engine, rule, record, key, payers, run_id=run_id, now=now):
            fired += 1
    return len(records), fired


def _payers(session, rule: Rule, oktmos: set[str | None]) -> dict[str | None, Body]:
    """The paying body of each municipality; a body the rule names that is not loaded (or not
    active) is the rule's problem, found before any case is opened."""
    chosen = {o: rule.params.get("payers", {}).get(o, rule.params["payer"]) for o in oktmos}
    bodies = {
        b.code: b for b in session.scalars(select(Body).where(Body.code.in_(set(chosen.values()))))
    }
    missing = sorted({c for c in chosen.values() if c not in bodies or not bodies[c].active})
    if missing:
        raise ValidationFailed(
            [
                Problem("comp_rule_body_unknown", file=rule.file, path="params.payer", value=c)
                for c in missing
            ]
        )
    return {o: bodies[c] for o, c in chosen.items()}


def _open_case(
    engine: Engine,
    rule: Rule,
    record: RegisterRecord,
    key: str,
    payers: dict[str | None, Body],
    *,
    run_id: int,
    now: datetime,
) -> bool:
    """One household's case in its own transaction; False when a concurrent run opened it."""
    data = record.data
    body = payers[record.oktmo]
    due = amount_due(rule.params, data["damage"], int(data["residents"]))
    due_at = end_of_day(
        add_working_days(moscow_day(now), rule.params.get("term_days", DEFAULT_TERM))
    )
    cause = {
        "rule": rule.rule,
        "version": rule.version,
        "rule_sha256": rule.sha256,
        "run": run_id,
        "register": record.register,
        "record": record.id,
        "key": record.key,
        "damage": data["damage"],
        "residents": data["residents"],
        "amount_due": due,
    }
    text = word(
        "comp_case_text",
        LANG,
        damage=_damage(data["damage"]),
        residents=data["residents"],
        amount=roubles(due, LANG),
        key=record.key,
        rule=rule.rule,
        version=rule.version,
    )
    try:
        with session_scope(engine) as session:
            case = Case(
                kind=KIND,
                category=rule.params.get("category", DEFAULT_CATEGORY),
                region=record.region,
                oktmo=record.oktmo,
                text=text,
                channel="proactive",
                status="registered",
                body=body.code,
                submitted_at=now,
                registered_at=now,
                due_at=due_at,
                forwarded_count=0,
                reopened_count=0,
                publish_text=False,
                tracking_sha256=hashlib.sha256(secrets.token_bytes(32)).hexdigest(),
                idempotency_key=key,
                content_sha256=hashlib.sha256(key.encode()).hexdigest(),
                updated_at=now,
            )
            session.add(case)
            session.flush()
            session.add(
                CaseContact(
                    case_id=case.id,
                    surname=data.get("surname"),
                    name=data.get("name"),
                    email=data.get("email"),
                    phone=data.get("phone"),
                    postal_address=data.get("address"),
                )
            )
            reason = word(
                "comp_event_opened",
                LANG,
                rule=rule.rule,
                version=rule.version,
                run=run_id,
                key=record.key,
            )
            session.add(
                CaseEvent(
                    case_id=case.id,
                    at=now,
                    actor="system",
                    action="opened",
                    status="registered",
                    body=body.code,
                    reason=reason,
                    details=cause,
                    public=True,
                )
            )
            if data.get("email"):
                subject = word("comp_mail_opened_subject", LANG, id=case.id)
                letter = word(
                    "comp_mail_opened_body",
                    LANG,
                    id=case.id,
                    body=body.name_ru,
                    amount=roubles(due, LANG),
                    due=formatting.day(moscow_day(due_at), LANG),
                )
                enqueue(session, f"compensation:{case.id}:opened", data["email"], subject, letter)
    except IntegrityError:  # the unique key: another run opened this household's case first
        return False
    return True


def _damage(damage: str) -> str:
    return (
        word("comp_damage_partial", LANG)
        if damage == "partial"
        else word("comp_damage_total", LANG)
    )
