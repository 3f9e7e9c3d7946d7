"""Social-media incidents: made through the core's submission (kind incident, channel social,
routed, 24 hours from the moment found), the same post never twice, a monitoring export
imported whole or not at all with located problems, linked to the appeal on the same problem."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from case_rows import body_operator
from tsifra.accounts import create_user
from tsifra.cases.bodies import load_bodies
from tsifra.cases.cases import CaseDraft, submit_case
from tsifra.cases.incidents import (
    IncidentDraft,
    import_incidents,
    link_incident,
    post_incident,
    suggest_links,
)
from tsifra.cases.queues import body_queue
from tsifra.cases.routing import load_rules
from tsifra.kernel.problems import Forbidden, ValidationFailed
from tsifra.store import session_scope
from tsifra.store.models import Case, CaseEvent

NOW = datetime(2026, 3, 10, 9, 0)
FOUND = datetime(2026, 3, 10, 7, 30)
PASSWORD = "long-enough-pass"
POST = IncidentDraft(
    url="https://vk.com/wall-1_100",
    network="ВКонтакте",
    text="Огромная яма во дворе дома 5 на улице Баумана, машины бьют колёса",
    found_at=FOUND,
    region="RU-TA",
    category="roads.pits.yard",
    author="@kazan_driver",
)
EXPORT_HEADER = "url;network;author;text;found_at;region;category\n"


@pytest.fixture
def world(store: Engine, tmp_path: Path) -> dict:
    bodies = tmp_path / "bodies.csv"
    bodies.write_text(
        "code,region,name_ru,kind\nta-roads,RU-TA,Минтранс,regional\n"
        "ta-health,RU-TA,Минздрав,regional\n",
        encoding="utf-8",
    )
    load_bodies(store, bodies)
    rules = tmp_path / "rules.csv"
    rules.write_text("region,category,body\nRU-TA,roads,ta-roads\n", encoding="utf-8")
    load_rules(store, rules)
    return {
        "monitor": body_operator(store, "monitor", "RU-TA", None, PASSWORD),
        "roads": body_operator(store, "roads-op", "RU-TA", "ta-roads", PASSWORD),
        "health": body_operator(store, "health-op", "RU-TA", "ta-health", PASSWORD),
        "kaluga": body_operator(store, "kaluga-op", "RU-KLU", None, PASSWORD),
        "viewer": create_user(store, "viewer", PASSWORD, "viewer"),
    }


def _cases(engine: Engine) -> int:
    with session_scope(engine) as session:
        return session.scalar(select(func.count()).select_from(Case))


def test_an_incident_is_a_routed_case_due_24_hours_after_it_was_found(
    store: Engine, world: dict
) -> None:
    posted = post_incident(store, world["monitor"], POST, now=NOW)
    assert posted.created
    with session_scope(store) as session:
        case = session.get(Case, posted.case_id)
        assert (case.kind, case.channel, case.status, case.body) == (
            "incident",
            "social",
            "submitted",
            "ta-roads",
        )
        assert (case.source_network, case.source_url, case.source_author) == (
            "vk",
            "https://vk.com/wall-1_100",
            "@kazan_driver",
        )
        assert case.found_at == FOUND and case.due_at == FOUND + timedelta(hours=24)
    queue = body_queue(store, world["roads"], now=NOW)
    assert [(i.id, i.step, i.left) for i in queue.items] == [
        (posted.case_id, "answer", timedelta(hours=22, minutes=30))
    ]


def test_the_same_post_is_one_case(store: Engine, world: dict) -> None:
    first = post_incident(store, world["monitor"], POST, now=NOW)
    later = NOW + timedelta(hours=3)  # beyond any content window: the URL is the identity
    again = IncidentDraft(**{**POST.__dict__, "url": "HTTPS://vk.com/wall-1_100/", "text": "Яма"})
    retried = post_incident(store, world["monitor"], again, now=later)
    assert (retried.case_id, retried.created) == (first.case_id, False)
    assert _cases(store) == 1


def test_who_may_post(store: Engine, world: dict) -> None:
    assert post_incident(store, world["roads"], POST, now=NOW).created  # any operator of RU-TA
    for who in ("kaluga", "viewer"):
        with pytest.raises(Forbidden):
            post_incident(store, world[who], POST, now=NOW)


def test_a_wrong_post_names_every_field(store: Engine, world: dict) -> None:
    wrong = IncidentDraft(
        url="vk.com/wall",
        network="myspace",
        text=" ",
        found_at=NOW + timedelta(hours=1),
        region="RU-TA",
        category="roads.pits",
    )
    with pytest.raises(ValidationFailed) as failed:
        post_incident(store, world["monitor"], wrong, now=NOW)
    assert {p.path for p in failed.value} == {"url", "network", "text", "found_at", "category"}
    assert any("telegram" in p.message("ru") for p in failed.value)
    assert _cases(store) == 0


def test_a_monitoring_export_is_imported_whole(store: Engine, world: dict, tmp_path) -> None:
    export = tmp_path / "export.csv"
    text = EXPORT_HEADER + (
        "https://t.me/kazan/1;Telegram;@a;Не горит фонарь во дворе;10.03.2026 07:00;RU-TA;"
        "yards.lighting.yard\n"
        "https://vk.com/wall-1_100;vk;;Яма во дворе;2026-03-10T10:00+03:00;RU-TA;roads.pits.yard\n"
    )
    export.write_bytes(text.encode("cp1251"))
    imported = import_incidents(store, world["monitor"], export, now=NOW)
    assert (imported.created, imported.repeated) == (2, 0)
    with session_scope(store) as session:
        lamp, pit = (session.get(Case, i) for i in imported.case_ids)
        assert (lamp.source_network, lamp.body, lamp.found_at) == (
            "telegram",
            None,
            datetime(2026, 3, 10, 7, 0),
        )
        assert (pit.body, pit.found_at) == ("ta-roads", datetime(2026, 3, 10, 7, 0))
    again = import_incidents(store, world["monitor"], export, now=NOW + timedelta(hours=1))
    assert (again.created, again.repeated) == (0, 2) and again.case_ids == imported.case_ids


def test_json_exports_too(store: Engine, world: dict, tmp_path) -> None:
    export = tmp_path / "export.json"
    post = {**POST.__dict__, "found_at": FOUND.isoformat()}
    export.write_text(json.dumps([post], ensure_ascii=False), encoding="utf-8")
    assert import_incidents(store, world["monitor"], export, now=NOW).created == 1


def test_one_wrong_row_imports_nothing(store: Engine, world: dict, tmp_path) -> None:
    export = tmp_path / "export.csv"
    export.write_text(
        EXPORT_HEADER
        + "https://vk.com/wall-1_1;vk;;Яма;2026-03-10T07:00;RU-TA;roads.pits.yard\n"
        + "https://vk.com/wall-1_2;vk;;Яма;вчера;RU-XX;roads.nowhere\n"
        + "ftp://x;;;;2026-03-10T07:00;RU-TA;roads.pits.yard\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationFailed) as failed:
        import_incidents(store, world["monitor"], export, now=NOW)
    assert {(p.code, p.row, p.column) for p in failed.value} == {
        ("bad_timestamp", 3, "found_at"),
        ("empty_value", 4, "network"),
        ("empty_value", 4, "text"),
    }
    export.write_text(
        EXPORT_HEADER + "https://vk.com/wall-1_2;vk;;Яма;2026-03-10T07:00;RU-XX;roads.nowhere\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationFailed) as failed:
        import_incidents(store, world["monitor"], export, now=NOW)
    assert {(p.code, p.row, p.column) for p in failed.value} == {
        ("unknown_unit", 2, "region"),
        ("case_term_category_unknown", 2, "category"),
    }
    assert _cases(store) == 0


def test_an_incident_links_to_the_appeal_on_the_same_problem(store: Engine, world: dict) -> None:
    def appeal(text: str, category: str = "roads.pits.yard", region: str = "RU-TA") -> int:
        draft = CaseDraft(kind="appeal", category=category, region=region, text=text)
        return submit_case(store, draft, now=NOW - timedelta(days=1)).case_id

    same = appeal("Яма во дворе дома 5 по улице Баумана, бьём колёса")
    other = appeal("Во дворе сломана скамейка")
    elsewhere = appeal("Яма во дворе дома 5 на улице Баумана", "health.clinics.appointment")
    kaluga = appeal("Огромная яма во дворе дома 5 на улице Баумана", region="RU-KLU")
    incident = post_incident(store, world["monitor"], POST, now=NOW).case_id
    suggestions = suggest_links(store, incident)
    assert [s.case_id for s in suggestions] == [same]
    assert suggestions[0].similarity > 0.3 and other not in [s.case_id for s in suggestions]
    assert elsewhere not in [s.case_id for s in suggestions]

    with pytest.raises(Forbidden):
        link_incident(store, world["health"], incident, same, now=NOW)
    with pytest.raises(ValidationFailed) as failed:
        link_incident(store, world["roads"], incident, kaluga, now=NOW)
    assert failed.value.problems[0].code == "queue_link_other_region"
    link_incident(store, world["roads"], incident, same, now=NOW)
    with session_scope(store) as session:
        assert session.get(Case, incident).linked_to == same
        event = session.scalars(
            select(CaseEvent).where(CaseEvent.case_id == incident).order_by(CaseEvent.id.desc())
        ).first()
        assert (event.action, event.actor, event.public, event.details) == (
            "commented",
            "roads-op",
            False,
            {"linked_to": same},
        )
    with pytest.raises(ValidationFailed):
        suggest_links(store, same)  # an appeal is not an incident


def test_russian_column_heads_are_read(store: Engine, world: dict, tmp_path) -> None:
    export = tmp_path / "export.csv"
    export.write_bytes(
        (
            "Ссылка;Соцсеть;Автор;Текст;Дата обнаружения;Регион;Категория\n"
            "https://ok.ru/group/1/topic/2;Одноклассники;;Яма во дворе;10.03.2026 06:00;RU-TA;"
            "roads.pits.yard\n"
        ).encode("cp1251")
    )
    imported = import_incidents(store, world["monitor"], export, now=NOW)
    with session_scope(store) as session:
        case = session.get(Case, imported.case_ids[0])
        assert (case.source_network, case.found_at) == ("ok", datetime(2026, 3, 10, 6, 0))


def test_what_the_core_would_refuse_is_found_before_any_case(
    store: Engine, world: dict, tmp_path
) -> None:
    export = tmp_path / "export.csv"
    export.write_text(
        "url,network,text,found_at,region,category,oktmo\n"
        "https://vk.com/wall-1_1,vk,Яма,2026-03-10T07:00,RU-TA,roads.pits.yard,92701000\n"
        "https://vk.com/wall-1_2,vk,Яма,2026-03-10T07:00,RU-TA,roads.pits.yard,92-701\n"
        f"https://vk.com/wall-1_3,vk,{'я' * 4001},2026-03-10T07:00,RU-TA,roads.pits.yard,\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationFailed) as failed:
        import_incidents(store, world["monitor"], export, now=NOW)
    assert {(p.code, p.row, p.column) for p in failed.value} == {
        ("case_oktmo", 3, "oktmo"),
        ("case_text_too_long", 4, "text"),
    }
    assert _cases(store) == 0
