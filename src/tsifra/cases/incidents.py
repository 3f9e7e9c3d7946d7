"""Incidents found in social networks: a post on a problem, answered officially within 24 hours
(the ЦУР's practice), in the same queues as appeals and linked to the appeals on the same
problem.

An incident comes from a monitoring operator, from a monitoring tool's export (CSV as such tools
write it, UTF-8 or Windows-1251, or JSON) or from the tool's webhook. Each becomes a case of kind
`incident`, channel `social`, through the core's `submit_case`: routed like any case, its
answer due 24 hours after the post was found. The post's address is its identity: the same URL
sent again (a webhook's retry, a file imported twice) returns the first case, not a second.

Times without an offset are read as UTC, as everywhere in Tsifra; monitoring tools that export
Moscow time should write the offset (`2026-03-10T12:00+03:00`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, select

from tsifra.accounts.users import Account, can_work_case, record_refusal
from tsifra.cases.cases import CaseDraft, draft_problems, submit_case
from tsifra.cases.queues import OPEN_STATUSES
from tsifra.cases.rows import Row, read_rows
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.kernel.words import similarity, stems
from tsifra.store import Unit, as_utc, session_scope, utcnow
from tsifra.store.models import Case, CaseEvent

COLUMNS = ("url", "network", "text", "found_at", "region", "category")  # and author, oktmo
# Column heads of Russian monitoring exports, read as the columns above.
COLUMN_ALIASES = {
    "ссылка": "url",
    "адрес публикации": "url",
    "соцсеть": "network",
    "социальная сеть": "network",
    "источник": "network",
    "автор": "author",
    "текст": "text",
    "текст публикации": "text",
    "дата": "found_at",
    "обнаружено": "found_at",
    "дата обнаружения": "found_at",
    "регион": "region",
    "категория": "category",
    "октмо": "oktmo",
    "адрес": "address",
}
MAX_URL = 1000
MAX_AUTHOR = 255
_CHECKED_HERE = frozenset({"source_url", "source_network", "source_author", "found_at"})
FUTURE_SLACK = timedelta(minutes=5)  # clocks of monitoring tools run a little ahead
SUGGESTION_POOL = 500  # the most recent open cases of the category compared by text
SUGGESTION_FLOOR = 0.15  # below this share of common stems two texts are not the same problem

# What monitoring tools call the networks, and the code kept.
NETWORKS = {
    "vk": "vk",
    "vk.com": "vk",
    "вконтакте": "vk",
    "ok": "ok",
    "ok.ru": "ok",
    "одноклассники": "ok",
    "telegram": "telegram",
    "t.me": "telegram",
    "телеграм": "telegram",
    "max": "max",
    "макс": "max",
    "dzen": "dzen",
    "дзен": "dzen",
    "rutube": "rutube",
    "youtube": "youtube",
    "other": "other",
    "другое": "other",
}


@dataclass(frozen=True)
class IncidentDraft:
    """A post as the monitoring reports it; `author` is the public handle, nothing more."""

    url: str
    network: str
    text: str
    found_at: datetime
    region: str
    category: str
    author: str | None = None
    oktmo: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class Posted:
    case_id: int
    created: bool  # False: this post was already a case, which is returned
    body: str | None  # where it was routed; None: the region's triage queue
    due_at: datetime | None  # the official reply's deadline


@dataclass(frozen=True)
class Imported:
    created: int
    repeated: int
    case_ids: tuple[int, ...]


@dataclass(frozen=True)
class LinkSuggestion:
    case_id: int
    kind: str
    category: str
    status: str
    submitted_at: datetime
    similarity: float


def idempotency_key(url: str) -> str:
    """The post's identity as a submission key: its URL without the scheme's case or a trailing
    slash, hashed (URLs are longer than the column)."""
    normal = url.strip()
    scheme, sep, rest = normal.partition("://")
    normal = scheme.lower() + sep + rest.rstrip("/")
    return "incident:" + hashlib.sha256(normal.encode("utf-8")).hexdigest()


def can_post_incident(account: Account | None, region: str) -> bool:
    """The region's monitoring operators (any operator of the region) and admins."""
    if account is None:
        return False
    return account.role == "admin" or (account.role == "operator" and account.region == region)


def post_incident(
    engine: Engine, account: Account, draft: IncidentDraft, *, now: datetime | None = None
) -> Posted:
    """One incident (the webhook's and the operator's form's service)."""
    if not can_post_incident(account, draft.region):
        record_refusal(engine, account, "incident.post", draft.region)
        raise Forbidden(draft.region)
    now = now or utcnow()
    problems = _draft_problems(draft, now, _regions(engine))
    if problems:
        raise ValidationFailed(problems)
    return _submit(engine, account, _normalised(draft), now)


def read_incidents(engine: Engine, path: str | Path, *, now: datetime | None = None) -> list:
    """The drafts of a monitoring export, or every problem of it with its row and column."""
    now = now or utcnow()
    rows = read_rows(path, COLUMNS, COLUMN_ALIASES)
    name = Path(path).name
    regions = _regions(engine)
    drafts, problems = [], []
    for row in rows:
        draft, found = _row_draft(row, name)
        problems += found
        if draft is not None:
            problems += [_located(p, row, name) for p in _draft_problems(draft, now, regions)]
            drafts.append(draft)
    if problems:
        raise ValidationFailed(problems)
    return [_normalised(d) for d in drafts]


def import_incidents(
    engine: Engine, account: Account, path: str | Path, *, now: datetime | None = None
) -> Imported:
    """Every incident of a monitoring export, or none if any row is wrong.

    The file is checked whole before the first case is made, so a wrong row writes nothing; a
    post already known (by URL) is not made twice. Each case is then submitted in its own
    transaction (the core's), so a crash midway leaves whole cases, and importing the file
    again completes it without duplicates."""
    now = now or utcnow()
    drafts = read_incidents(engine, path, now=now)
    refused = sorted({d.region for d in drafts if not can_post_incident(account, d.region)})
    if refused:
        record_refusal(engine, account, "incident.import", ",".join(refused))
        raise Forbidden(",".join(refused))
    posted = [_submit(engine, account, d, now) for d in drafts]
    created = sum(p.created for p in posted)
    return Imported(created, len(posted) - created, tuple(p.case_id for p in posted))


def link_incident(
    engine: Engine,
    account: Account,
    incident_id: int,
    appeal_id: int,
    *,
    now: datetime | None = None,
) -> None:
    """Mark an incident as the same problem as an appeal (or message) of its region; the link
    is an event of the incident, seen by the bodies only."""
    now = now or utcnow()
    with session_scope(engine) as session:
        incident = session.get(Case, incident_id)
        appeal = session.get(Case, appeal_id)
        allowed = incident is not None and can_work_case(account, incident.region, incident.body)
        if allowed:
            problems = _link_problems(incident, appeal, appeal_id)
            if problems:
                raise ValidationFailed(problems)
            incident.linked_to = appeal.id
            incident.updated_at = now
            session.add(
                CaseEvent(
                    case_id=incident.id,
                    at=now,
                    actor=account.login,
                    action="commented",
                    status=incident.status,
                    body=incident.body,
                    details={"linked_to": appeal.id},
                    public=False,
                )
            )
            return
    if incident is None:
        unknown = Problem("queue_unknown_case", path="incident_id", value=incident_id)
        raise ValidationFailed([unknown])
    record_refusal(engine, account, "incident.link", f"case {incident_id}")
    raise Forbidden(incident_id)


def suggest_links(
    engine: Engine, incident_id: int, *, account: Account | None = None, limit: int = 5
) -> list[LinkSuggestion]:
    """Open appeals and messages of the incident's region and category whose text is like the
    post's, the likest first: what an operator checks before linking. Given an account (as
    every shell gives it), only one that may work the incident is answered."""
    with session_scope(engine) as session:
        incident = session.get(Case, incident_id)
        if incident is None or incident.kind != "incident":
            raise ValidationFailed(
                [Problem("queue_not_an_incident", path="incident_id", value=incident_id)]
            )
        refused = account is not None and not can_work_case(account, incident.region, incident.body)
        if refused:
            pool = []
        else:
            pool = session.execute(
                select(Case.id, Case.kind, Case.category, Case.status, Case.submitted_at, Case.text)
                .where(
                    Case.region == incident.region,
                    Case.category == incident.category,
                    Case.kind.in_(("appeal", "message")),
                    Case.status.in_(OPEN_STATUSES),
                )
                .order_by(Case.submitted_at.desc())
                .limit(SUGGESTION_POOL)
            ).all()
        post = stems(incident.text)
    if refused:
        record_refusal(engine, account, "incident.suggest", f"case {incident_id}")
        raise Forbidden(incident_id)
    scored = [(similarity(post, row.text), row) for row in pool]
    scored = [(s, row) for s, row in scored if s >= SUGGESTION_FLOOR]
    scored.sort(key=lambda pair: (-pair[0], -pair[1].id))
    return [
        LinkSuggestion(row.id, row.kind, row.category, row.status, row.submitted_at, round(s, 3))
        for s, row in scored[:limit]
    ]


def _case_draft(draft: IncidentDraft, network: str) -> CaseDraft:
    return CaseDraft(
        kind="incident",
        category=draft.category,
        region=draft.region,
        text=draft.text,
        oktmo=draft.oktmo,
        address=draft.address,
        channel="social",
        source_network=network[:32],
        source_url=draft.url,
        source_author=draft.author,
        found_at=draft.found_at,
    )


def _submit(engine: Engine, account: Account, draft: IncidentDraft, now: datetime) -> Posted:
    case = _case_draft(draft, draft.network)
    submitted = submit_case(
        engine, case, idempotency_key=idempotency_key(draft.url), actor=account.login, now=now
    )
    with session_scope(engine) as session:
        body, due_at = session.execute(
            select(Case.body, Case.due_at).where(Case.id == submitted.case_id)
        ).one()
    return Posted(submitted.case_id, submitted.created, body, due_at)


def _link_problems(incident: Case, appeal: Case | None, appeal_id: int) -> list[Problem]:
    if incident.kind != "incident":
        return [Problem("queue_not_an_incident", path="incident_id", value=incident.id)]
    if appeal is None or appeal.kind not in ("appeal", "message"):
        return [Problem("queue_link_not_appeal", path="appeal_id", value=appeal_id)]
    if appeal.region != incident.region:
        return [Problem("queue_link_other_region", path="appeal_id", value=appeal.id)]
    return []


def _regions(engine: Engine) -> set[str]:
    with session_scope(engine) as session:
        return set(session.scalars(select(Unit.code).where(Unit.kind == "region")))


def _draft_problems(draft: IncidentDraft, now: datetime, regions: set[str]) -> list[Problem]:
    problems = []
    url = draft.url.strip()
    if (
        not url.lower().startswith(("https://", "http://"))
        or len(url) > MAX_URL
        or not (url.isprintable() and " " not in url)
    ):
        problems.append(Problem("queue_bad_post_url", path="url", value=url[:200]))
    if draft.network.strip().lower() not in NETWORKS:
        expected = ", ".join(sorted(set(NETWORKS.values())))
        problems.append(
            Problem(
                "queue_unknown_network",
                path="network",
                value=draft.network,
                params={"expected": expected},
            )
        )
    if draft.author and len(draft.author) > MAX_AUTHOR:
        problems.append(Problem("queue_author_too_long", path="author"))
    try:
        found = as_utc(draft.found_at)
    except (OverflowError, ValueError):  # an offset that takes the moment out of the calendar
        found = None
        problems.append(Problem("bad_timestamp", path="found_at", value=draft.found_at))
    if found is not None and found > now + FUTURE_SLACK:
        problems.append(Problem("queue_found_in_future", path="found_at", value=found))
    if draft.region not in regions:
        problems.append(Problem("unknown_unit", path="region", value=draft.region))
    # What the core refuses (category, text, ОКТМО, address) is found now, not at the row that
    # would fail midway through an import; the post's own fields are checked above by their names.
    core = draft_problems(_case_draft(draft, draft.network))
    return problems + [p for p in core if p.path not in _CHECKED_HERE]


def _normalised(draft: IncidentDraft) -> IncidentDraft:
    return IncidentDraft(
        url=draft.url.strip(),
        network=NETWORKS[draft.network.strip().lower()],
        text=draft.text.strip(),
        found_at=as_utc(draft.found_at),
        region=draft.region,
        category=draft.category,
        author=(draft.author or "").strip() or None,
        oktmo=draft.oktmo or None,
        address=draft.address or None,
    )


def _row_draft(row: Row, name: str) -> tuple[IncidentDraft | None, list[Problem]]:
    problems = [row.problem("empty_value", name, c) for c in COLUMNS if not row.get(c)]
    found_at = _moment(row.get("found_at")) if row.get("found_at") else None
    if row.get("found_at") and found_at is None:
        problems.append(row.problem("bad_timestamp", name, "found_at"))
    if problems:
        return None, problems
    draft = IncidentDraft(
        url=row.get("url"),
        network=row.get("network"),
        text=row.get("text"),
        found_at=found_at,
        region=row.get("region"),
        category=row.get("category"),
        author=row.get("author") or None,
        oktmo=row.get("oktmo") or None,
        address=row.get("address") or None,
    )
    return draft, []


def _moment(text: str) -> datetime | None:
    """ISO 8601 (with or without an offset) or the Russian 31.03.2026 12:00 of Excel exports."""
    text = text.strip()
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    for pattern in ("%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


def _located(problem: Problem, row: Row, name: str) -> Problem:
    """A draft's problem (named by field) placed at the file's row and column."""
    return Problem(
        problem.code,
        file=name,
        row=row.line,
        column=problem.path,
        value=problem.value,
        params=problem.params,
    )
