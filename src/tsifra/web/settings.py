"""Settings from the environment, with defaults that make `make run` work on a fresh machine.

The session-signing key comes from `TSIFRA_SECRET_KEY`; without it a random key is made once and
kept as `secret_key` (mode 600 from the moment it exists) in the data directory (`TSIFRA_HOME`,
see `store.data_home`), so sessions survive a restart, wherever the server is started from, but
no key ships in the code.

Rate limits on expensive anonymous answers (`web.ratelimits`) are written as the `limits` library
writes them ("20/minute", "100/hour"): `TSIFRA_RATE_LIMIT_EXPORTS` for the PDF and XLSX files,
`TSIFRA_RATE_LIMIT_ANALYSES` for what-if and the analyses of a sent file, per address;
Submissions of cases (the citizen's form, `POST /api/v1/cases`, Open311's `POST requests`) are
limited per client address (`TSIFRA_RATE_LIMIT_SUBMISSIONS`) and per Open311 API key
(`TSIFRA_RATE_LIMIT_SUBMISSIONS_KEY`), generous by default: several citizens often share one
address behind a carrier's NAT, and a civic app sends all its users' requests with one key.
`TSIFRA_RATE_LIMIT_STORAGE` where the counts are kept ("memory://" per process, or e.g.
"redis://host:6379" shared by several).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from tsifra.store import database_url
from tsifra.store.database import secret_key


@dataclass(frozen=True)
class Settings:
    database_url: str
    secret_key: str
    https_only: bool = False  # set TSIFRA_HTTPS=1 behind TLS so cookies are never sent in clear
    rate_limit_exports: str = "20/minute"
    rate_limit_analyses: str = "20/minute"
    rate_limit_owners: str = "120/minute"  # per account: the owners a geometry touches
    rate_limit_storage: str = "memory://"
    rate_limit_submissions: str = "120/minute"  # per client address
    rate_limit_submissions_key: str = "1200/minute"  # per Open311 API key
    # TSIFRA_MAX_BODY_MB: the largest request body, checked before it is read (web.limits)
    max_body_mb: int = 50


def load_settings(database: str | None = None) -> Settings:
    return Settings(
        database_url=database_url(database),
        secret_key=secret_key(),
        https_only=os.environ.get("TSIFRA_HTTPS", "") == "1",
        rate_limit_exports=os.environ.get("TSIFRA_RATE_LIMIT_EXPORTS")
        or Settings.rate_limit_exports,
        rate_limit_analyses=os.environ.get("TSIFRA_RATE_LIMIT_ANALYSES")
        or Settings.rate_limit_analyses,
        rate_limit_owners=os.environ.get("TSIFRA_RATE_LIMIT_OWNERS") or Settings.rate_limit_owners,
        rate_limit_storage=os.environ.get("TSIFRA_RATE_LIMIT_STORAGE")
        or Settings.rate_limit_storage,
        rate_limit_submissions=os.environ.get("TSIFRA_RATE_LIMIT_SUBMISSIONS")
        or Settings.rate_limit_submissions,
        rate_limit_submissions_key=os.environ.get("TSIFRA_RATE_LIMIT_SUBMISSIONS_KEY")
        or Settings.rate_limit_submissions_key,
        max_body_mb=_positive(os.environ.get("TSIFRA_MAX_BODY_MB"), Settings.max_body_mb),
    )


def _positive(text: str | None, default: int) -> int:
    text = (text or "").strip()
    return int(text) if text.isdigit() and int(text) > 0 else default
