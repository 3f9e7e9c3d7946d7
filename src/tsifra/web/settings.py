"""Settings from the environment, with defaults that make `make run` work on a fresh machine.

The session-signing key comes from `TSIFRA_SECRET_KEY`; without it a random key is made once and
kept as `secret_key` (mode 600) in the data directory (`TSIFRA_HOME`, see `store.data_home`), so
sessions survive a restart, wherever the server is started from, but no key ships in the code.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from tsifra.store import data_home, database_url


@dataclass(frozen=True)
class Settings:
    database_url: str
    secret_key: str
    https_only: bool = False  # set TSIFRA_HTTPS=1 behind TLS so cookies are never sent in clear
    # TSIFRA_MAX_BODY_MB: the largest request body, checked before it is read (web.limits)
    max_body_mb: int = 50


def load_settings(database: str | None = None) -> Settings:
    return Settings(
        database_url=database_url(database),
        secret_key=os.environ.get("TSIFRA_SECRET_KEY") or _stored_key(data_home() / "secret_key"),
        https_only=os.environ.get("TSIFRA_HTTPS", "") == "1",
        max_body_mb=_positive(os.environ.get("TSIFRA_MAX_BODY_MB"), Settings.max_body_mb),
    )


def _positive(text: str | None, default: int) -> int:
    text = (text or "").strip()
    return int(text) if text.isdigit() and int(text) > 0 else default


def _stored_key(path: Path) -> str:
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key
