"""Approvals proposed to an investor before it asks (rule kind `investor_approvals`).

An investment project in the region's register (`investment_projects`, with its site as a
GeoJSON geometry) is looked up against the network owners' zones (`approvals.owners.owners_for`)
and its investor gets a private notice `approval_proposal` — recipient: the register's e-mail,
never on a public list — naming every owner whose approval the works will need, with a link to
file the project with those approvals prefilled (`/approvals/new?proposal={notice id}`), and the
same by e-mail (the outbox).

Once per project, and again only if the owners its site touches change: the notice's key is
`rule:{rule}:{register}:{key}:{owners}`, `owners` a digest of the sorted owner codes, so a
re-run finds the notice it made, while a zone loaded later that the site touches (or one no
longer touching it) makes a new proposal, which says so. A site touching no zone gets no notice
(nothing to propose); a project not `active` (or another status the params name) gets none.
The notice's `record` keeps what caused it: the register's record as read and the owners found.

The params: `statuses` (the project statuses that get proposals; `[active]` by default).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError

from tsifra.accounts.users import Account, record_refusal
from tsifra.cases.notices import base_address
from tsifra.kernel.cache import Cache
from tsifra.kernel.language import word, word_key
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.outbox.outbox import enqueue
from tsifra.proactive.registers import load_register
from tsifra.proactive.rules import Rule
from tsifra.store import ProactiveNotice, RegisterRecord, session_scope

KIND = "approval_proposal"
REGISTER = "investment_projects"
STATUSES = ("active", "suspended", "completed")
KEY_LIMIT = 200
LANG = "ru"  # the notice and the letter are in the language of the service
NETWORK_WORDS = {
    "water": word_key("invest_network_water"),
    "sewer": word_key("invest_network_sewer"),
    "heat": word_key("invest_network_heat"),
    "gas": word_key("invest_network_gas"),
    "power": word_key("invest_network_power"),
    "telecom": word_key("invest_network_telecom"),
    "other": word_key("invest_network_other"),
}


@dataclass(frozen=True)
class ProposedOwner:
    owner: str
    name: str
    networks: tuple[str, ...]


@dataclass(frozen=True)
class ProposalView:
    """What a proposal says, for its recipient (and for the form it prefills)."""

    notice_id: int
    region: str
    oktmo: str | None
    project_key: str
    title: str
    investor: str
    inn: str | None
    works: str
    geometry: dict[str, Any]
    starts_on: str | None
    owners: tuple[ProposedOwner, ...]
    issued_at: datetime


def params_problems(params: dict) -> list[Problem]:
    statuses = params.get("statuses", ["active"])
    found = []
    if not isinstance(statuses, list) or not statuses:
        found.append(Problem("invest_rule_statuses", path="statuses", params=_known()))
    else:
        found += [
            Problem("invest_rule_statuses", path=f"statuses[{i}]", value=s, params=_known())
            for i, s in enumerate(statuses)
            if s not in STATUSES
        ]
    found += [
        Problem("comp_rule_unknown", path=str(k), params={"known": "statuses"})
        for k in params
        if k != "statuses"
    ]
    return found


def _known() -> dict[str, str]:
    return {"known": ", ".join(STATUSES)}


def notice_key(rule: str, register: str, key: str, owners: list[str]) -> str:
    """Once per project and set of owners; a record key too long for the column is hashed."""
    digest = hashlib.sha256(",".join(sorted(owners)).encode()).hexdigest()[:16]
    full = f"rule:{rule}:{register}:{key}:{digest}"
    if len(full) <= KEY_LIMIT:
        return full
    return f"rule:{rule}:{register}:#{hashlib.sha256(key.encode()).hexdigest()[:32]}:{digest}"


def run(
    engine: Engine,
    rule: Rule,
    data: Path | None,
    *,
    run_id: int,
    now: datetime,
    actor: str,
) -> tuple[int, int]:
    """Propose approvals to each of the region's projects whose owners are not proposed yet;
    with a file of recorded data, load it into the register first. Answers (records read,
    notices issued)."""
    from tsifra.approvals.geometry import parse_geometry
    from tsifra.approvals.owners import owners_for

    register = str(rule.source.get("register", ""))
    if register != REGISTER:
        problem = Problem(
            "comp_rule_source",
            file=rule.file,
            path="source.register",
            value=register,
            params={"expected": REGISTER},
        )
        raise ValidationFailed([problem])
    if data is not None:
        load_register(engine, register, data, actor=actor, now=now)
    statuses = set(rule.params.get("statuses", ["active"]))
    with session_scope(engine) as session:
        records = session.scalars(
            select(RegisterRecord)
            .where(RegisterRecord.register == register, RegisterRecord.region == rule.region)
            .order_by(RegisterRecord.id)
        ).all()
        earlier = {
            n.key: n
            for n in session.scalars(
                select(ProactiveNotice).where(
                    ProactiveNotice.rule == rule.rule, ProactiveNotice.kind == KIND
                )
            )
        }
    fired = 0
    index = Cache(size=4, background=False)  # one spatial index for the run's every project
    for record in records:
        if record.status not in statuses:
            continue
        site = parse_geometry(record.data["site"])
        hits = owners_for(engine, site, region=record.region, cache=index)
        if not hits:
            continue
        owners = [
            ProposedOwner(h.owner, h.name, tuple(sorted({z.network for z in h.zones})))
            for h in hits
        ]
        key = notice_key(rule.rule, register, record.key, [o.owner for o in owners])
        if key in earlier:
            continue
        prefix = notice_key(rule.rule, register, record.key, []).rsplit(":", 1)[0] + ":"
        changed = any(k.startswith(prefix) for k in earlier)
        if _issue(engine, rule, record, owners, key, changed, run_id=run_id, now=now):
            fired += 1
    return len(records), fired


def _issue(
    engine: Engine,
    rule: Rule,
    record: RegisterRecord,
    owners: list[ProposedOwner],
    key: str,
    changed: bool,
    *,
    run_id: int,
    now: datetime,
) -> bool:
    data = record.data
    listed = "\n".join(
        word("invest_owner_line", LANG, name=o.name, networks=_networks(o.networks)) for o in owners
    )
    try:
        with session_scope(engine) as session:
            notice = ProactiveNotice(
                key=key,
                rule=rule.rule,
                rule_version=rule.version,
                run_id=run_id,
                kind=KIND,
                region=record.region,
                oktmo=record.oktmo,
                title=word("invest_notice_title", LANG, title=data["title"])[:500],
                text="",
                record={
                    "register": record.register,
                    "key": record.key,
                    "data": data,
                    "owners": [
                        {"owner": o.owner, "name": o.name, "networks": list(o.networks)}
                        for o in owners
                    ],
                },
                recipient=data["email"],
                issued_at=now,
            )
            session.add(notice)
            session.flush()
            link = f"{base_address()}/approvals/new?proposal={notice.id}"
            opening = word_key("invest_notice_text")
            if changed:
                opening = word_key("invest_notice_changed")
            notice.text = word(
                opening,
                LANG,
                title=data["title"],
                key=record.key,
                count=len(owners),
                owners=listed,
                link=link,
                rule=rule.rule,
                version=rule.version,
            )
            enqueue(session, f"proposal:{notice.id}", data["email"], notice.title, notice.text)
    except IntegrityError:  # a concurrent run issued it first
        return False
    return True


def _networks(networks: tuple[str, ...]) -> str:
    return ", ".join(word(NETWORK_WORDS.get(n, NETWORK_WORDS["other"]), LANG) for n in networks)


def read_proposal(engine: Engine, notice_id: int, *, account: Account | None) -> ProposalView:
    """A proposal for its recipient: the signed-in account whose e-mail it was sent to (or an
    admin); anyone else is refused and recorded, and a notice of another kind is unknown."""
    with session_scope(engine) as session:
        notice = session.get(ProactiveNotice, notice_id)
        if notice is None or notice.kind != KIND:
            raise ValidationFailed([Problem("invest_unknown", path="proposal", value=notice_id)])
        recipient, record, shown = notice.recipient, notice.record, notice
    own = (
        account is not None
        and recipient is not None
        and (account.role == "admin" or _email_of(engine, account) == recipient.lower())
    )
    if not own:
        record_refusal(engine, account, "proposal.read", f"notice {notice_id}")
        raise Forbidden(f"notice {notice_id}")
    from tsifra.approvals.geometry import parse_geometry, to_geojson

    data = record["data"]
    return ProposalView(
        notice_id=shown.id,
        region=shown.region,
        oktmo=shown.oktmo,
        project_key=record["key"],
        title=data["title"],
        investor=data["investor"],
        inn=data.get("inn"),
        works=data["works"],
        geometry=json.loads(to_geojson(parse_geometry(data["site"]))),
        starts_on=data.get("starts_on"),
        owners=tuple(
            ProposedOwner(o["owner"], o["name"], tuple(o["networks"])) for o in record["owners"]
        ),
        issued_at=shown.issued_at,
    )


def _email_of(engine: Engine, account: Account) -> str | None:
    from tsifra.store import User

    with session_scope(engine) as session:
        email = session.scalar(select(User.email).where(User.id == account.id))
    return email.strip().lower() if email else None
