"""Proactive notices: how a flood warning reads, who it goes to, and what the public may read.

A warning goes, in the run's transaction and through the outbox, to every confirmed subscriber
of its municipality (with that subscription's own unsubscribe link) and to every active body of
the municipality (`bodies.oktmo`) that has an e-mail; each message under the key
`notice:<id>:s<subscription>` or `notice:<id>:b<body>`, so nothing is sent twice. Mails are in
Russian, the language of the service, and link to the notice's public page when a base address
is set (`TSIFRA_BASE_URL`). The stored title and text are Russian too; pages write a notice in
the reader's language from its `record`, the reading that caused it.

Flood warnings are public (`PUBLIC_KINDS`): anyone may read them by municipality. Other kinds
(an investor's `approval_proposal`) are private to their recipient and never listed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from tsifra.cases.notices import base_address
from tsifra.kernel import formatting
from tsifra.kernel.language import word, word_key
from tsifra.outbox.outbox import enqueue
from tsifra.proactive.subscriptions import recipients, unsubscribe_link
from tsifra.store import Body, ProactiveNotice, session_scope
from tsifra.store.database import secret_key

LANG = "ru"
PUBLIC_KINDS = ("flood_warning",)
MAX_LIMIT = 200
LEVEL_WORDS = {"warning": word_key("pro_level_warning"), "danger": word_key("pro_level_danger")}


@dataclass(frozen=True)
class NoticeView:
    id: int
    kind: str
    region: str
    oktmo: str | None
    level: str | None
    title: str
    text: str
    rule: str
    rule_version: str
    run_id: int
    record: dict[str, Any]
    issued_at: datetime

    def municipality(self, lang: str) -> str:
        key = "municipality_en" if lang == "en" else "municipality"
        return str(self.record.get(key) or self.oktmo or "")

    def gauge_name(self, lang: str) -> str:
        key = "gauge_name_en" if lang == "en" else "gauge_name"
        return str(self.record.get(key) or self.record.get("gauge") or "")

    @property
    def measured(self) -> datetime | None:
        value = self.record.get("measured")
        return datetime.fromisoformat(value) if isinstance(value, str) else None


@dataclass(frozen=True)
class Municipality:
    oktmo: str
    region: str
    name: str
    name_en: str


def warning_texts(record: dict[str, Any]) -> tuple[str, str]:
    """A warning's Russian title and text, from the record that caused it."""
    level = word(LEVEL_WORDS[record["level"]], LANG)
    title = word("pro_warning_title", LANG, level=level, municipality=record["municipality"])
    text = word(
        "pro_warning_text",
        LANG,
        level=level,
        municipality=record["municipality"],
        gauge=record["gauge_name"],
        measured=formatting.moment(datetime.fromisoformat(record["measured"]), LANG),
        level_cm=formatting.whole(record["level_cm"], LANG),
        threshold_cm=formatting.whole(record["threshold_cm"], LANG),
        rule=record["rule"],
        version=record["version"],
    )
    return title, text


def deliver(session: Session, notices: list[ProactiveNotice], base_url: str | None = None) -> int:
    """Enqueue each notice's mails; answers the number of messages added."""
    oktmos = sorted({n.oktmo for n in notices if n.oktmo})
    if not oktmos:
        return 0
    subscribers = recipients(session, oktmos)
    bodies: dict[str, list[Body]] = {}
    for body in session.scalars(
        select(Body)
        .where(Body.oktmo.in_(oktmos), Body.email.is_not(None), Body.active.is_(True))
        .order_by(Body.code)
    ):
        bodies.setdefault(body.oktmo, []).append(body)
    base = base_address(base_url)
    key = secret_key() if subscribers else None
    added = 0
    for notice in notices:
        text = notice.text
        if base:
            text += "\n\n" + word("pro_mail_notice_link", LANG, link=f"{base}/notices/{notice.id}")
        for sub in subscribers.get(notice.oktmo, []):
            link = unsubscribe_link(sub.id, sub.token_sha256, base_url, key)
            body = text + "\n\n" + word("pro_mail_unsubscribe", LANG, link=link)
            added += enqueue(
                session, f"notice:{notice.id}:s{sub.id}", sub.email, notice.title, body
            )
        for official in bodies.get(notice.oktmo, []):
            key = f"notice:{notice.id}:b{official.code}"
            added += enqueue(session, key, official.email, notice.title, text)
    return added


def _view(n: ProactiveNotice) -> NoticeView:
    return NoticeView(
        id=n.id,
        kind=n.kind,
        region=n.region,
        oktmo=n.oktmo,
        level=n.level,
        title=n.title,
        text=n.text,
        rule=n.rule,
        rule_version=n.rule_version,
        run_id=n.run_id,
        record=dict(n.record or {}),
        issued_at=n.issued_at,
    )


def list_notices(
    engine: Engine,
    *,
    region: str | None = None,
    oktmo: str | None = None,
    kind: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[NoticeView]:
    """Public notices, the newest issued first."""
    kinds = PUBLIC_KINDS if kind is None else tuple(k for k in PUBLIC_KINDS if k == kind)
    query = select(ProactiveNotice).where(ProactiveNotice.kind.in_(kinds))
    if region:
        query = query.where(ProactiveNotice.region == region)
    if oktmo:
        query = query.where(ProactiveNotice.oktmo == oktmo)
    query = query.order_by(ProactiveNotice.issued_at.desc(), ProactiveNotice.id.desc())
    limit = max(1, min(limit, MAX_LIMIT))
    with session_scope(engine) as session:
        rows = session.scalars(query.limit(limit).offset(max(0, offset))).all()
        return [_view(n) for n in rows]


def read_notice(engine: Engine, notice_id: int) -> NoticeView | None:
    """A public notice by its number; None for an unknown or a private one (not told apart)."""
    with session_scope(engine) as session:
        n = session.get(ProactiveNotice, notice_id)
        return _view(n) if n is not None and n.kind in PUBLIC_KINDS else None


def municipalities(engine: Engine, region: str | None = None) -> list[Municipality]:
    """Municipalities one may subscribe to: those public notices named, and those whose body is
    on record with an ОКТМО; by region, then name."""
    found: dict[str, Municipality] = {}
    with session_scope(engine) as session:
        bodies = select(Body.oktmo, Body.region, Body.name_ru, Body.name_en).where(
            Body.oktmo.is_not(None), Body.kind == "municipal"
        )
        if region:
            bodies = bodies.where(Body.region == region)
        for oktmo, reg, name, name_en in session.execute(bodies):
            found.setdefault(oktmo, Municipality(oktmo, reg, name, name_en or name))
        latest = (
            select(func.max(ProactiveNotice.id))
            .where(ProactiveNotice.kind.in_(PUBLIC_KINDS), ProactiveNotice.oktmo.is_not(None))
            .group_by(ProactiveNotice.oktmo)
        )
        if region:
            latest = latest.where(ProactiveNotice.region == region)
        for n in session.scalars(select(ProactiveNotice).where(ProactiveNotice.id.in_(latest))):
            record = n.record or {}
            name = str(record.get("municipality") or n.oktmo)
            found[n.oktmo] = Municipality(
                n.oktmo, n.region, name, str(record.get("municipality_en") or name)
            )
    return sorted(found.values(), key=lambda m: (m.region, m.name, m.oktmo))
