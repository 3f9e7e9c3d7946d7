"""Open311 clients: the civic apps allowed to file requests, each with its API key.

An administrator issues a key (`tsifra open311 key add CLIENT`); it is shown once and kept only
as its SHA-256, so a leaked table leaks no key. Issuing a key to a revoked client gives it a new
key under the same name and id (its earlier requests stay its own): that is how a key is
rotated. A live client's key is never replaced silently: revoke it first. The time of last use
is kept to the minute, since a write on every request would cost more than it tells.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, select

from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.store import Open311Client, session_scope, utcnow
from tsifra.store.audit import record

NAME_MAX = 128
LAST_USE_PRECISION = timedelta(minutes=1)


@dataclass(frozen=True)
class ClientInfo:
    """What a list of clients shows and a request is credited to: never the key."""

    id: int
    name: str
    created_at: datetime
    created_by: str | None
    last_used_at: datetime | None
    revoked_at: datetime | None

    @property
    def actor(self) -> str:
        """How the client is named in a case's history (`client:<name>`)."""
        return f"client:{self.name}"


def add_client(
    engine: Engine, name: str, *, actor: str | None = None, now: datetime | None = None
) -> str:
    """A new key for the client `name` (created, or re-issued if it was revoked); shown once."""
    name = (name or "").strip()
    if not name or len(name) > NAME_MAX or not name.isprintable():
        raise ValidationFailed(
            [Problem("open311_bad_client_name", path="client", value=name, params={"n": NAME_MAX})]
        )
    now = now or utcnow()
    key = secrets.token_urlsafe(32)
    with session_scope(engine) as session:
        client = session.scalar(select(Open311Client).where(Open311Client.name == name))
        if client is not None and client.revoked_at is None:
            raise ValidationFailed([Problem("open311_client_exists", path="client", value=name)])
        if client is None:
            session.add(
                Open311Client(name=name, key_sha256=_digest(key), created_at=now, created_by=actor)
            )
            action = "open311.key_add"
        else:
            client.key_sha256 = _digest(key)
            client.revoked_at = None
            action = "open311.key_reissue"
        record(session, actor, action, name)
    return key


def list_clients(engine: Engine) -> list[ClientInfo]:
    with session_scope(engine) as session:
        return [_info(c) for c in session.scalars(select(Open311Client).order_by(Open311Client.id))]


def revoke_client(
    engine: Engine, name: str, *, actor: str | None = None, now: datetime | None = None
) -> bool:
    """Stop the client's key from now on; False if it was already revoked."""
    with session_scope(engine) as session:
        client = session.scalar(select(Open311Client).where(Open311Client.name == name.strip()))
        if client is None:
            raise ValidationFailed([Problem("open311_unknown_client", path="client", value=name)])
        if client.revoked_at is not None:
            return False
        client.revoked_at = now or utcnow()
        record(session, actor, "open311.key_revoke", client.name)
        return True


def client_for_key(engine: Engine, key: str, *, now: datetime | None = None) -> ClientInfo | None:
    """The live client holding `key`, or None (unknown, empty or revoked: told apart nowhere)."""
    if not key:
        return None
    now = now or utcnow()
    with session_scope(engine) as session:
        client = session.scalar(
            select(Open311Client).where(
                Open311Client.key_sha256 == _digest(key), Open311Client.revoked_at.is_(None)
            )
        )
        if client is None:
            return None
        if client.last_used_at is None or client.last_used_at < now - LAST_USE_PRECISION:
            client.last_used_at = now
        return _info(client)


def _info(client: Open311Client) -> ClientInfo:
    return ClientInfo(
        client.id,
        client.name,
        client.created_at,
        client.created_by,
        client.last_used_at,
        client.revoked_at,
    )


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()
