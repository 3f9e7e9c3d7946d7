"""Hand-made approval projects, inserted as rows (no approvals service needed).

Each project is there for a reason it states; the figures expected on them are computed by hand
in tests/marts/test_approval_times.py. `AS_OF` is the moment the figures describe. The rows are
what the approvals flow writes: a project, one `approval` case and request per owner, and the
cases' events (`sent`, `answered`, `lapsed`, `revised` with their round and decision).
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import insert

from tsifra.store.models import (
    ApprovalProject,
    ApprovalRequest,
    Body,
    Case,
    CaseEvent,
    ProactiveNotice,
    RuleRun,
)

AS_OF = datetime(2026, 7, 1)

OWNERS = {
    "ru-ta-vodokanal": ("RU-TA", "АО «Водоканал» (синтетический)", "Vodokanal (synthetic)"),
    "ru-ta-setevaya": ("RU-TA", "Сетевая компания (синтетическая)", "Power grid (synthetic)"),
    "ru-ta-gaz": ("RU-TA", "Газовые сети (синтетические)", "Gas networks (synthetic)"),
    "ru-mow-teplo": ("RU-MOW", "Теплосеть (синтетическая)", "Heat networks (synthetic)"),
}


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


# id, region, works, filed, status, {owner: [(action, decision, round, at), ...]}
PROJECTS = [
    # two owners: approved in 2 days, with conditions in 4 → finished in 4 days, 2026Q1
    (1, "RU-TA", "excavation", "2026-01-12 09:00", "approved", {
        "ru-ta-vodokanal": [("sent", None, 1, "2026-01-12 09:00"),
                            ("answered", "approved", 1, "2026-01-14 09:00")],
        "ru-ta-setevaya": [("sent", None, 1, "2026-01-12 09:00"),
                           ("answered", "conditions", 1, "2026-01-16 09:00")],
    }),
    # refused, revised, approved in round 2: 10 days (the gas owner's day-1 answer stays)
    (2, "RU-TA", "new_network", "2026-02-02 00:00", "approved", {
        "ru-ta-vodokanal": [("sent", None, 1, "2026-02-02 00:00"),
                            ("answered", "refused", 1, "2026-02-04 00:00"),
                            ("revised", None, 2, "2026-02-10 00:00"),
                            ("sent", None, 2, "2026-02-10 00:00"),
                            ("answered", "approved", 2, "2026-02-12 00:00")],
        "ru-ta-gaz": [("sent", None, 1, "2026-02-02 00:00"),
                      ("answered", "approved", 1, "2026-02-03 00:00")],
    }),
    # consent by silence after the term: 14 days
    (3, "RU-TA", "excavation", "2026-03-02 00:00", "approved", {
        "ru-ta-gaz": [("sent", None, 1, "2026-03-02 00:00"),
                      ("lapsed", "silence", 1, "2026-03-16 00:00")],
    }),
    # filed in Q1, finished in Q2: counts in the quarter of the finish, 8.5 days
    (4, "RU-TA", "connection", "2026-03-25 00:00", "approved", {
        "ru-ta-vodokanal": [("sent", None, 1, "2026-03-25 00:00"),
                            ("answered", "approved", 1, "2026-04-02 12:00")],
    }),
    # still under review: no last answer yet; its terms do not make silence consent
    # (`SILENCE_NOT_CONSENT`), so its request stays awaited, overdue, whoever reads it
    (5, "RU-TA", "excavation", "2026-06-01 00:00", "under_review", {
        "ru-ta-vodokanal": [("sent", None, 1, "2026-06-01 00:00")],
    }),
    # one owner approved, the other refused, no revision: not finished
    (6, "RU-TA", "excavation", "2026-05-04 00:00", "refused", {
        "ru-ta-vodokanal": [("sent", None, 1, "2026-05-04 00:00"),
                            ("answered", "approved", 1, "2026-05-05 00:00")],
        "ru-ta-setevaya": [("sent", None, 1, "2026-05-04 00:00"),
                           ("answered", "refused", 1, "2026-05-06 00:00")],
    }),
    # withdrawn by the applicant after its only owner approved: in no figure
    (7, "RU-TA", "excavation", "2026-05-10 00:00", "withdrawn", {
        "ru-ta-gaz": [("sent", None, 1, "2026-05-10 00:00"),
                      ("answered", "approved", 1, "2026-05-11 00:00")],
    }),
    # another region: 2 days, 2026Q2
    (8, "RU-MOW", "excavation", "2026-04-01 00:00", "approved", {
        "ru-mow-teplo": [("sent", None, 1, "2026-04-01 00:00"),
                         ("answered", "approved", 1, "2026-04-03 00:00")],
    }),
    # answered only after AS_OF: in no figure as of then
    (9, "RU-TA", "excavation", "2026-06-20 00:00", "approved", {
        "ru-ta-gaz": [("sent", None, 1, "2026-06-20 00:00"),
                      ("answered", "approved", 1, "2026-07-02 00:00")],
    }),
]  # fmt: skip


SILENCE_NOT_CONSENT = {5}  # projects whose terms do not make silence consent


def insert_owners(engine) -> None:
    rows = [
        {"code": code, "region": region, "name_ru": ru, "name_en": en, "kind": "organisation"}
        for code, (region, ru, en) in OWNERS.items()
    ]
    with engine.begin() as connection:
        connection.execute(insert(Body), rows)


def project_rows(record: tuple, case_ids: iter) -> tuple[dict, list, list, list]:
    """The rows of one project: the project, its cases, requests and events."""
    id_, region, works, filed, status, owners = record
    last_round = max(turn for events in owners.values() for _, _, turn, _ in events)
    decided = [e for events in owners.values() for e in events if e[0] in ("answered", "lapsed")]
    finished = max(at(e[3]) for e in decided) if status == "approved" else None
    project = {
        "id": id_, "region": region, "applicant": "applicant", "applicant_name": "ООО «Тест»",
        "works": works, "title": f"Проект {id_}", "geometry": '{"type":"Point",'
        '"coordinates":[49.105,55.785]}', "min_lon": 49.105, "min_lat": 55.785,
        "max_lon": 49.105, "max_lat": 55.785, "status": status, "round": last_round,
        "terms": {"days": 5, "silence_is_consent": id_ not in SILENCE_NOT_CONSENT,
                  "version": "test"},
        "filed_at": at(filed), "finished_at": finished, "channel": "web",
        "updated_at": at(filed),
    }  # fmt: skip
    cases, requests, events = [], [], []
    for owner, steps in owners.items():
        case_id = next(case_ids)
        digest = hashlib.sha256(f"approval:{id_}:{owner}".encode()).hexdigest()
        last = [s for s in steps if s[0] in ("answered", "lapsed")]
        cases.append({
            "id": case_id, "kind": "approval", "category": f"approval.{works}", "region": region,
            "text": f"Проект {id_}", "channel": "web", "status": "in_progress", "body": owner,
            "submitted_at": at(filed), "registered_at": at(filed), "due_at": at(filed),
            "tracking_sha256": digest, "content_sha256": digest, "updated_at": at(steps[-1][3]),
            "idempotency_key": f"approval:{id_}:{owner}",
        })  # fmt: skip
        requests.append({
            "case_id": case_id, "project_id": id_, "owner": owner, "round": steps[-1][2],
            "decision": steps[-1][1] if steps[-1][0] in ("answered", "lapsed") else None,
            "sent_at": at(steps[0][3]), "decided_at": at(last[-1][3]) if last else None,
        })  # fmt: skip
        for action, decision, turn, when in steps:
            details = {"round": turn} | ({"decision": decision} if decision else {})
            events.append({
                "case_id": case_id, "at": at(when), "action": action, "details": details,
                "actor": "system" if action == "lapsed" else owner, "status": "in_progress",
                "body": owner,
            })  # fmt: skip
    return project, cases, requests, events


def insert_projects(engine, records=PROJECTS, first_case: int = 1000) -> None:
    """The owners and the projects, in one transaction (events in the order they happened)."""
    insert_owners(engine)
    case_ids = iter(range(first_case, first_case + 10_000))
    projects, cases, requests, events = [], [], [], []
    for record in records:
        p, c, r, e = project_rows(record, case_ids)
        projects.append(p)
        cases += c
        requests += r
        events += e
    events.sort(key=lambda e: e["at"])
    with engine.begin() as connection:
        connection.execute(insert(ApprovalProject), projects)
        connection.execute(insert(Case), cases)
        connection.execute(insert(ApprovalRequest), requests)
        connection.execute(insert(CaseEvent), events)


def insert_notices(engine) -> None:
    """A rule run and its notices: two warnings in RU-TA, one in RU-MOW, a private proposal."""
    with engine.begin() as connection:
        run = connection.execute(
            insert(RuleRun).returning(RuleRun.id),
            {"rule": "flood-kazanka", "version": "1", "rule_sha256": "0" * 64,
             "started_at": datetime(2026, 4, 1)},
        ).scalar_one()  # fmt: skip
        notices = [
            ("w1", "flood_warning", "RU-TA", "92701000", "Паводок: Казанка выше 300 см", 4, 10),
            ("w2", "flood_warning", "RU-TA", "92701000", "Паводок: Казанка выше 350 см", 4, 12),
            ("w3", "flood_warning", "RU-MOW", None, "Паводок в Москве", 4, 13),
            ("p1", "approval_proposal", "RU-TA", None, "Нужные согласования", 5, 1),
        ]
        connection.execute(
            insert(ProactiveNotice),
            [
                {"key": key, "rule": "flood-kazanka", "rule_version": "1", "run_id": run,
                 "kind": kind, "region": region, "oktmo": oktmo, "level": "warning",
                 "title": title, "text": title, "record": {"gauge": "kazanka"},
                 "recipient": "investor@example.org" if kind == "approval_proposal" else None,
                 "issued_at": datetime(2026, month, day)}
                for key, kind, region, oktmo, title, month, day in notices
            ],
        )  # fmt: skip
