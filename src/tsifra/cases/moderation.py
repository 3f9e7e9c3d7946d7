"""Moderation of what the public reads of a case: its text and its files, and citizens' flags.

A citizen may let the text of a case be published (59-ФЗ ст. 6 ч. 2: not without consent); a
published text can still carry an insult, a threat or somebody's phone number. So:
  - a text holding a word of the list (`data/moderation-words.txt`) or a phone number or an
    e-mail address is `held` when it is filed (`screen`): not public until a moderator
    releases it;
  - a moderator may hide the text or publish a redacted form of it, and hide one file, each
    with a reason the citizen reads on the tracking page (a public `moderated` event);
  - anyone may flag a case; the flagger's address is kept only as a keyed digest (enough to
    count one flag per address, not to find who flagged).
Moderators are admins, analysts, and operators of the body responsible for the case.
What of the text the public may read is one rule, `cases.views.public_text_of` (`public_text`
here), which treats a held text as a hidden one.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, select

from tsifra.accounts import Account
from tsifra.accounts.users import record_refusal
from tsifra.cases.views import public_text_of as public_text
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.store import Case, CaseEvent, CaseFile, CaseFlag, session_scope, utcnow

WORDS_FILE = Path(__file__).parent / "data" / "moderation-words.txt"
FLAG_REASONS = ("offensive", "personal_data", "not_a_problem", "other")
MAX_REASON = 1000
MAX_TEXT = 4000
_WORD = re.compile(r"\w+", re.UNICODE)
_PHONE = re.compile(r"(?<!\d)(?:\+7|8)[\s\-(]*\d{3}[\s\-)]*\d{3}[\s\-]*\d{2}[\s\-]*\d{2}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


@dataclass(frozen=True)
class FlagView:
    id: int
    case_id: int
    at: datetime
    reason: str
    region: str
    body: str | None
    category: str
    moderation: str | None


@dataclass(frozen=True)
class ModeratedFile:
    id: int
    name: str
    media_type: str
    purpose: str
    hidden_reason: str | None


@dataclass(frozen=True)
class ModeratedCase:
    """What a moderator reads of a case: its texts and files, never its applicant."""

    id: int
    region: str
    body: str | None
    category: str
    status: str
    text: str | None  # None: kept private, and the reader is not of the responsible body
    publish_text: bool
    moderation: str | None
    moderation_reason: str | None
    public_text: str | None
    files: tuple[ModeratedFile, ...]


def may_moderate(account: Account | None, body: str | None) -> bool:
    """Admins and analysts moderate every case; an operator only its own body's cases."""
    if account is None:
        return False
    if account.role in ("admin", "analyst"):
        return True
    return account.role == "operator" and _of_body(account, body)


def _of_body(account: Account | None, body: str | None) -> bool:
    return account is not None and account.body is not None and account.body == body


def case_for_moderation(engine: Engine, account: Account | None, case_id: int) -> ModeratedCase:
    """A case as its moderator reads it; others are refused (and audited)."""
    with session_scope(engine) as session:
        case = session.get(Case, case_id)
        if case is None:
            raise ValidationFailed([Problem("protect_case_unknown", path="case", value=case_id)])
        allowed = may_moderate(account, case.body)
        if allowed:
            files = session.scalars(
                select(CaseFile).where(CaseFile.case_id == case_id).order_by(CaseFile.id)
            )
            found = ModeratedCase(
                case.id,
                case.region,
                case.body,
                case.category,
                case.status,
                # A text the citizen kept private is the responsible body's alone (59-ФЗ ст. 6):
                # a moderator from elsewhere has nothing of it to moderate, nor to read.
                case.text if case.publish_text or _of_body(account, case.body) else None,
                case.publish_text,
                case.moderation,
                case.moderation_reason,
                public_text(case),
                tuple(
                    ModeratedFile(f.id, f.name, f.media_type, f.purpose, f.hidden_reason)
                    for f in files
                ),
            )
    if not allowed:
        record_refusal(engine, account, "case.moderate", f"case {case_id}")
        raise Forbidden(str(case_id))
    return found


def held_cases(engine: Engine, account: Account, limit: int = 100) -> list[int]:
    """Ids of the cases `account` moderates whose text waits for a moderator, oldest first."""
    query = select(Case.id).where(Case.moderation == "held").order_by(Case.id)
    if account.role not in ("admin", "analyst"):
        if account.role != "operator" or account.body is None:
            return []
        query = query.where(Case.body == account.body)
    with session_scope(engine) as session:
        return list(session.scalars(query.limit(limit)))


# --- the word list -------------------------------------------------------------------------


@cache
def listed_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """Whole words, and beginnings of words (written with a final `*`), of the list."""
    whole, prefixes = set(), []
    for line in WORDS_FILE.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip().lower().replace("ё", "е")
        if entry.endswith("*"):
            prefixes.append(entry[:-1])
        elif entry:
            whole.add(entry)
    return frozenset(whole), tuple(prefixes)


def screen(text: str) -> str | None:
    """Why `text` must wait for a moderator before it is published (`words` or `contact`), or
    None. The core calls it when a case is filed; a held case has `moderation = "held"`."""
    if _PHONE.search(text) or _EMAIL.search(text):
        return "contact"
    whole, prefixes = listed_words()
    for found in _WORD.findall(text.lower().replace("ё", "е")):
        if found in whole or found.startswith(prefixes):
            return "words"
    return None


def hold_reason(text: str, publish_text: bool) -> str | None:
    """Why a case filed with this text must be held (`screen`), or None; a text the citizen
    keeps private is never held: nobody publishes it. The core's submission calls it."""
    return screen(text) if publish_text else None


def hold_if_listed(session, case: Case, now: datetime) -> bool:
    """Put a case on hold when its text needs a moderator (see `screen`): for a case made
    through the ORM; the core's submission does the same with its statements."""
    why = hold_reason(case.text, case.publish_text)
    if why is None:
        return False
    case.moderation = "held"
    case.moderation_reason = None
    session.add(_event(case, "system", now, None, {"held": why}, public=False))
    return True


# --- a moderator's steps -------------------------------------------------------------------


def hide_text(
    engine: Engine, account: Account, case_id: int, reason: str, now: datetime | None = None
) -> None:
    """Hide the text from the public; the citizen reads `reason`."""
    _moderate_text(engine, account, case_id, "hidden", None, reason, now)


def redact_text(
    engine: Engine,
    account: Account,
    case_id: int,
    redacted: str,
    reason: str,
    now: datetime | None = None,
) -> None:
    """Publish `redacted` instead of the text; the citizen reads `reason`."""
    redacted = (redacted or "").strip()
    problems = []
    if not redacted:
        problems.append(Problem("protect_redacted_empty", path="redacted"))
    elif len(redacted) > MAX_TEXT:
        problems.append(
            Problem("protect_text_too_long", path="redacted", params={"limit": MAX_TEXT})
        )
    if problems:
        raise ValidationFailed(problems + _reason_problems(reason))
    _moderate_text(engine, account, case_id, "redacted", redacted, reason, now)


def release_text(
    engine: Engine, account: Account, case_id: int, now: datetime | None = None
) -> None:
    """Let the text be published as the citizen sent it (a held, hidden or redacted one)."""
    _moderate_text(engine, account, case_id, None, None, None, now)


def hide_file(
    engine: Engine, account: Account, file_id: int, reason: str, now: datetime | None = None
) -> None:
    """Hide one file from the public; the citizen reads `reason`."""
    now = now or utcnow()
    problems = _reason_problems(reason)
    with session_scope(engine) as session:
        found = session.get(CaseFile, file_id)
        if found is None:
            problems.insert(0, Problem("protect_file_unknown", path="file", value=file_id))
        if problems:
            raise ValidationFailed(problems)
        case = session.get(Case, found.case_id)
        if not may_moderate(account, case.body):
            refused = True
        else:
            refused = False
            found.hidden_reason = reason.strip()
            case.updated_at = now
            details = {"file": file_id, "moderation": "file_hidden"}
            session.add(_event(case, account.login, now, reason.strip(), details))
    if refused:
        record_refusal(engine, account, "case.moderate", f"case {found.case_id}")
        raise Forbidden(str(found.case_id))


def _moderate_text(
    engine: Engine,
    account: Account,
    case_id: int,
    state: str | None,
    redacted: str | None,
    reason: str | None,
    now: datetime | None,
) -> None:
    now = now or utcnow()
    problems = [] if state is None else _reason_problems(reason)
    with session_scope(engine) as session:
        case = session.get(Case, case_id)
        if case is None:
            problems.insert(0, Problem("protect_case_unknown", path="case", value=case_id))
        if problems:
            raise ValidationFailed(problems)
        refused = not may_moderate(account, case.body)
        if not refused and state == "redacted" and not case.publish_text:
            # Nothing to redact: the text is not published, and a redacted form would be.
            raise ValidationFailed([Problem("protect_text_private", path="redacted")])
        if not refused:
            case.moderation = state
            case.moderation_reason = reason.strip() if reason else None
            case.public_text = redacted
            case.updated_at = now
            details = {"moderation": state or "released"}
            session.add(_event(case, account.login, now, case.moderation_reason, details))
    if refused:
        record_refusal(engine, account, "case.moderate", f"case {case_id}")
        raise Forbidden(str(case_id))


def _reason_problems(reason: str | None) -> list[Problem]:
    reason = (reason or "").strip()
    if not reason:
        return [Problem("protect_reason_missing", path="reason")]
    if len(reason) > MAX_REASON:
        return [Problem("protect_text_too_long", path="reason", params={"limit": MAX_REASON})]
    return []


def _event(
    case: Case,
    actor: str,
    now: datetime,
    reason: str | None,
    details: dict,
    public: bool = True,
) -> CaseEvent:
    return CaseEvent(
        case_id=case.id,
        at=now,
        actor=actor,
        action="moderated",
        status=case.status,
        body=case.body,
        reason=reason,
        details=details,
        public=public,
    )


# --- citizens' flags -----------------------------------------------------------------------


def address_digest(address: str, key: str) -> str:
    """A keyed digest of a client address: the same address gives the same digest under one
    key, and no table of every IPv4 address's SHA-256 recovers it without the key."""
    return hmac.new(key.encode("utf-8"), address.encode("utf-8"), hashlib.sha256).hexdigest()


def flag_case(
    engine: Engine,
    case_id: int,
    reason: str,
    address: str | None,
    *,
    key: str,
    now: datetime | None = None,
) -> bool:
    """Record a citizen's flag; False if this address already has an open flag on the case.

    `key` is a server secret (the web's session key) for `address_digest`."""
    now = now or utcnow()
    problems = []
    if reason not in FLAG_REASONS:
        params = {"expected": ", ".join(FLAG_REASONS)}
        problems.append(Problem("protect_flag_reason_unknown", path="reason", params=params))
    digest = address_digest(address, key) if address else None
    with session_scope(engine) as session:
        case = session.get(Case, case_id)
        if case is None:
            problems.insert(0, Problem("protect_case_unknown", path="case", value=case_id))
        if problems:
            raise ValidationFailed(problems)
        if digest is not None:
            same = session.scalar(
                select(CaseFlag.id).where(
                    CaseFlag.case_id == case_id,
                    CaseFlag.address_sha256 == digest,
                    CaseFlag.handled_at.is_(None),
                )
            )
            if same is not None:
                return False
        session.add(CaseFlag(case_id=case_id, at=now, reason=reason, address_sha256=digest))
        session.add(_flag_event(case, now, reason))
    return True


def _flag_event(case: Case, now: datetime, reason: str) -> CaseEvent:
    return CaseEvent(
        case_id=case.id,
        at=now,
        actor="citizen",
        action="flagged",
        status=case.status,
        body=case.body,
        details={"flag": reason},
        public=False,
    )


def open_flags(engine: Engine, account: Account, limit: int = 100) -> list[FlagView]:
    """Flags not yet handled on the cases `account` moderates, oldest first."""
    query = (
        select(CaseFlag, Case)
        .join(Case, Case.id == CaseFlag.case_id)
        .where(CaseFlag.handled_at.is_(None))
        .order_by(CaseFlag.at, CaseFlag.id)
    )
    if account.role not in ("admin", "analyst"):
        if account.role != "operator" or account.body is None:
            return []
        query = query.where(Case.body == account.body)
    with session_scope(engine) as session:
        rows = session.execute(query.limit(limit)).all()
        return [
            FlagView(
                flag.id,
                case.id,
                flag.at,
                flag.reason,
                case.region,
                case.body,
                case.category,
                case.moderation,
            )
            for flag, case in rows
        ]


def handle_flag(
    engine: Engine, account: Account, flag_id: int, now: datetime | None = None
) -> None:
    """Mark a flag dealt with (whatever the moderator decided about the case)."""
    now = now or utcnow()
    with session_scope(engine) as session:
        flag = session.get(CaseFlag, flag_id)
        if flag is None:
            raise ValidationFailed([Problem("protect_flag_unknown", path="flag", value=flag_id)])
        case = session.get(Case, flag.case_id)
        refused = not may_moderate(account, case.body)
        if not refused and flag.handled_at is None:
            flag.handled_at = now
            flag.handled_by = account.login
    if refused:
        record_refusal(engine, account, "case.moderate", f"case {flag.case_id}")
        raise Forbidden(str(flag.case_id))
