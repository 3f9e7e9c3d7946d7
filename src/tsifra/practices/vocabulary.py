"""The registry's closed vocabularies: sectors, kinds of AI, stages, replication statuses and the
kinds of evidence, with their words in the catalogue, and the two rules every reader of the
registry must apply the same way: which replication counts, and which record is stale.

Every package that filters, shows or exports practices uses these tuples, so a value the registry
accepts is one a facet, a page and an export all know.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date
from typing import Protocol

from tsifra.kernel.language import Lang, word, word_key

# The index's directions (the sector nodes of `ru-digital-maturity`), plus `other`.
SECTORS = ("health", "education", "gov", "transport", "city", "other")
# COFOG division for export, when a practice does not set its own.
COFOG = {
    "health": "07",
    "education": "09",
    "gov": "01",
    "transport": "04.5",
    "city": "06",
    "other": "01",
}
# `ai_kind` None: not AI. Facets write it `none`.
AI_KINDS = ("vision", "text", "speech", "prediction", "recommendation")
NOT_AI = "none"
# In order of a practice's life.
STAGES = ("idea", "pilot", "production", "scaled", "retired")
IN_PRODUCTION = frozenset({"production", "scaled"})
# From `pilot` on, a practice is in use: the measured effect compares values before that day.
IN_USE = frozenset({"pilot", "production", "scaled", "retired"})
REPLICATION_STATUSES = ("planned", "pilot", "production", "stopped")
REPLICATION_EVIDENCE_KINDS = ("contract", "act")
EVIDENCE_KINDS = ("link", "report", "act", "contract", "other")
# A record not verified for this many calendar months is shown as stale.
STALE_MONTHS = 12

SECTOR_KEYS = {
    "health": word_key("practice_sector_health"),
    "education": word_key("practice_sector_education"),
    "gov": word_key("practice_sector_gov"),
    "transport": word_key("practice_sector_transport"),
    "city": word_key("practice_sector_city"),
    "other": word_key("practice_sector_other"),
}
AI_KIND_KEYS = {
    "vision": word_key("practice_ai_vision"),
    "text": word_key("practice_ai_text"),
    "speech": word_key("practice_ai_speech"),
    "prediction": word_key("practice_ai_prediction"),
    "recommendation": word_key("practice_ai_recommendation"),
    NOT_AI: word_key("practice_ai_none"),
}
STAGE_KEYS = {
    "idea": word_key("practice_stage_idea"),
    "pilot": word_key("practice_stage_pilot"),
    "production": word_key("practice_stage_production"),
    "scaled": word_key("practice_stage_scaled"),
    "retired": word_key("practice_stage_retired"),
}
REPLICATION_STATUS_KEYS = {
    "planned": word_key("practice_replication_planned"),
    "pilot": word_key("practice_replication_pilot"),
    "production": word_key("practice_replication_production"),
    "stopped": word_key("practice_replication_stopped"),
}
EVIDENCE_KEYS = {
    "link": word_key("practice_evidence_link"),
    "report": word_key("practice_evidence_report"),
    "act": word_key("practice_evidence_act"),
    "contract": word_key("practice_evidence_contract"),
    "other": word_key("practice_evidence_other"),
}


def _label(keys: dict[str, str], code: str | None, lang: Lang) -> str:
    key = keys.get(NOT_AI if code is None and keys is AI_KIND_KEYS else code or "")
    return word(key, lang) if key else (code or "")


def sector_word(code: str, lang: Lang) -> str:
    """A sector in words; an unknown code as itself."""
    return _label(SECTOR_KEYS, code, lang)


def ai_kind_word(code: str | None, lang: Lang) -> str:
    """A kind of AI in words; None (or `none`) is «не ИИ»."""
    return _label(AI_KIND_KEYS, code, lang)


def stage_word(code: str, lang: Lang) -> str:
    """A stage in words; an unknown code as itself."""
    return _label(STAGE_KEYS, code, lang)


def replication_status_word(code: str, lang: Lang) -> str:
    """A replication's status in words; an unknown code as itself."""
    return _label(REPLICATION_STATUS_KEYS, code, lang)


def evidence_word(code: str, lang: Lang) -> str:
    """A kind of evidence (of a practice or of a replication) in words."""
    return _label(EVIDENCE_KEYS, code, lang)


def cofog_of(sector: str, cofog: str | None = None) -> str:
    """The COFOG code a practice exports: its own when set, else its sector's."""
    return cofog or COFOG.get(sector, COFOG["other"])


class _Evidenced(Protocol):
    evidence_kind: str | None
    evidence_number: str | None
    evidence_date: date | None
    evidence_url: str | None
    evidence_sha256: str | None


def counts(replication: _Evidenced) -> bool:
    """A replication counts only with evidence anyone can check: its kind (a contract or an act)
    and either its number with its date, a link, or a kept file. A claim without it is listed,
    never counted (publiccode.yml dropped `usedBy` for want of exactly this)."""
    if not replication.evidence_kind:
        return False
    return bool(
        (replication.evidence_number and replication.evidence_date)
        or replication.evidence_url
        or replication.evidence_sha256
    )


def months_before(day: date, months: int) -> date:
    """The same day of the month `months` earlier, clamped to the month's last day
    (29.02.2028 − 12 months = 28.02.2027)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def is_stale(verified_at: date | None, today: date) -> bool:
    """Stale iff last verified before the same day STALE_MONTHS months ago: verified on
    30.11.2025 is fresh on 30.11.2026 and stale on 01.12.2026. Never verified is stale."""
    return verified_at is None or verified_at < months_before(today, STALE_MONTHS)
