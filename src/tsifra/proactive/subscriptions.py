"""Residents' subscriptions to a municipality's warnings: double opt-in, one-click unsubscribe.

Subscribing writes an unconfirmed subscription and mails a confirmation link to the address
itself; nothing else is ever sent to it before that link is opened, so nobody can sign up
someone else's mailbox for warnings. The link carries a random token of which only the SHA-256
is kept (like a case's tracking link); the same token also unsubscribes.

Every warning carries an unsubscribe link too, but the token cannot be rebuilt from its digest,
so that link carries the subscription's number and a signature of it made with the
installation's key (`store.database.secret_key`): it unsubscribes that one subscription and
nothing else, and cannot be forged without the key.

Asking again is safe and says nothing about who is subscribed: a confirmed subscription is left
as it is and gets no mail; an unconfirmed one gets a new link at most once per `RESEND_AFTER`
(the subscribe form is also rate-limited per address, `web.ratelimits`); a cancelled one starts
over. The answer to the caller is the same in every case.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tsifra.cases.notices import base_address
from tsifra.kernel.language import word
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.outbox.outbox import enqueue
from tsifra.store import Subscription, Unit, session_scope, utcnow
from tsifra.store.database import secret_key

LANG = "ru"  # mails go out in the language of the service, as the case core's notices do
OKTMO = re.compile(r"\d{8}(\d{3})?")
EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s.]{2,63}")
RESEND_AFTER = timedelta(hours=1)
SIGNED = re.compile(r"(\d{1,12})-([0-9a-f]{32})")


@dataclass(frozen=True)
class SubscriptionView:
    region: str
    oktmo: str
    confirmed: bool
    cancelled: bool


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def subscribe(
    engine: Engine,
    region: str,
    oktmo: str,
    email: str,
    *,
    now: datetime | None = None,
    base_url: str | None = None,
) -> str:
    """Ask for a municipality's warnings; the confirmation goes to `email` through the outbox.

    Answers the token mailed (for the command line and tests), or "" when nothing was mailed
    (already confirmed, or a link sent less than `RESEND_AFTER` ago)."""
    now = now or utcnow()
    region, oktmo, email = region.strip(), oktmo.strip(), email.strip().lower()
    with session_scope(engine) as session:
        _check(session, region, oktmo, email)
        found = session.scalar(
            select(Subscription).where(Subscription.oktmo == oktmo, Subscription.email == email)
        )
        live = found is not None and found.cancelled_at is None
        if live and (found.confirmed_at is not None or now - found.created_at < RESEND_AFTER):
            return ""
        token = secrets.token_urlsafe(32)
        if found is None:
            found = Subscription(region=region, oktmo=oktmo, email=email)
            session.add(found)
        found.region, found.token_sha256, found.created_at = region, _digest(token), now
        found.confirmed_at = found.cancelled_at = None
        session.flush()
        base = base_address(base_url)
        text = word(
            "pro_mail_confirm_body",
            LANG,
            oktmo=oktmo,
            confirm=f"{base}/notices/confirm/{token}",
            unsubscribe=f"{base}/notices/unsubscribe/{token}",
        )
        key = f"subscription:{found.id}:confirm:{now:%Y%m%d%H%M%S}"
        enqueue(session, key, email, word("pro_mail_confirm_subject", LANG), text)
        return token


def _check(session: Session, region: str, oktmo: str, email: str) -> None:
    problems = []
    if session.get(Unit, region) is None:
        problems.append(Problem("pro_sub_bad_region", path="region", value=region[:64]))
    if not OKTMO.fullmatch(oktmo):
        problems.append(Problem("pro_sub_bad_oktmo", path="oktmo", value=oktmo[:32]))
    if len(email) > 255 or not EMAIL.fullmatch(email):
        problems.append(Problem("pro_sub_bad_email", path="email"))
    if problems:
        raise ValidationFailed(problems)


def confirm(engine: Engine, token: str, *, now: datetime | None = None) -> SubscriptionView:
    """Open the confirmation link: from now on the address gets the municipality's warnings."""
    with session_scope(engine) as session:
        found = _by_token(session, token)
        if found.confirmed_at is None:
            found.confirmed_at = now or utcnow()
        return _view(found)


def unsubscribe(engine: Engine, token: str, *, now: datetime | None = None) -> SubscriptionView:
    """Cancel by the confirmation token or by a warning's signed link; a second time is a no-op."""
    with session_scope(engine) as session:
        found = _by_token(session, token)
        if found.cancelled_at is None:
            found.cancelled_at = now or utcnow()
        return _view(found)


def unsubscribe_token(subscription_id: int, token_sha256: str, key: str | None = None) -> str:
    """The token of a warning's unsubscribe link: the subscription and the key's signature
    (`key`: the installation's, read once by a caller signing many links)."""
    return f"{subscription_id}-{_signature(subscription_id, token_sha256, key)}"


def unsubscribe_link(
    subscription_id: int, token_sha256: str, base_url: str | None = None, key: str | None = None
) -> str:
    token = unsubscribe_token(subscription_id, token_sha256, key)
    return f"{base_address(base_url)}/notices/unsubscribe/{token}"


def _signature(subscription_id: int, token_sha256: str, key: str | None = None) -> str:
    message = f"tsifra-unsubscribe:{subscription_id}:{token_sha256}".encode()
    secret = (key or secret_key()).encode("utf-8")
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]


def _by_token(session: Session, token: str) -> Subscription:
    token = token.strip()
    signed = SIGNED.fullmatch(token)
    if signed:
        found = session.get(Subscription, int(signed.group(1)))
        if found is not None and hmac.compare_digest(
            signed.group(2), _signature(found.id, found.token_sha256)
        ):
            return found
    elif 0 < len(token) <= 100:
        found = session.scalar(
            select(Subscription).where(Subscription.token_sha256 == _digest(token))
        )
        if found is not None:
            return found
    raise ValidationFailed([Problem("pro_sub_bad_token", path="token")])


def _view(found: Subscription) -> SubscriptionView:
    return SubscriptionView(
        found.region, found.oktmo, found.confirmed_at is not None, found.cancelled_at is not None
    )


def recipients(session: Session, oktmos: list[str]) -> dict[str, list[Subscription]]:
    """The confirmed, not cancelled subscriptions of each municipality."""
    rows = session.scalars(
        select(Subscription)
        .where(
            Subscription.oktmo.in_(oktmos),
            Subscription.confirmed_at.is_not(None),
            Subscription.cancelled_at.is_(None),
        )
        .order_by(Subscription.id)
    ).all()
    out: dict[str, list[Subscription]] = {}
    for row in rows:
        out.setdefault(row.oktmo, []).append(row)
    return out
