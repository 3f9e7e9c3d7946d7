"""Approvals proposed to investors: each active project gets one private notice naming the
owners its site touches (on the approvals' test map), with the link to file it; never twice on
a re-run, again only when the owners change; none for a site touching nobody or a project not
active; read only by its recipient."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from tsifra.accounts.users import create_user
from tsifra.approvals.zones import load_zones
from tsifra.kernel.problems import Forbidden, ValidationFailed
from tsifra.proactive import investors
from tsifra.proactive.registers import load_register
from tsifra.proactive.rules import load_rule
from tsifra.store import OutboxMessage, ProactiveNotice, RuleRun, User, session_scope
from zone_maps import TEST_MAP, feature, square, write_map

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "proactive"
PROJECTS = EXAMPLES / "investment-projects.csv"
NOW = datetime(2026, 6, 1, 7, 0)


def _run(store: Engine, data: Path | None = PROJECTS) -> tuple[int, int]:
    rule = load_rule(EXAMPLES / "investor-rule.yaml")
    with session_scope(store) as session:
        row = RuleRun(
            rule=rule.rule,
            version=rule.version,
            rule_sha256=rule.sha256,
            started_at=NOW,
            actor="test",
        )
        session.add(row)
        session.flush()
        run_id = row.id
    return investors.run(store, rule, data, run_id=run_id, now=NOW, actor="test")


def _notices(store: Engine) -> list[ProactiveNotice]:
    with session_scope(store) as session:
        return list(session.scalars(select(ProactiveNotice).order_by(ProactiveNotice.id)))


@pytest.fixture
def mapped(store: Engine) -> Engine:
    load_zones(store, TEST_MAP)
    return store


def test_each_active_project_gets_the_owners_its_site_touches_once(mapped: Engine) -> None:
    assert _run(mapped) == (4, 2)
    first, second = _notices(mapped)
    owners = [[o["owner"] for o in n.record["owners"]] for n in (first, second)]
    assert owners == [["ru-ta-setevaya", "ru-ta-vodokanal"], ["ru-ta-gaz", "ru-ta-telecom"]]
    assert (first.kind, first.recipient, first.region) == (
        "approval_proposal",
        "investor-1@example.org",
        "RU-TA",
    )
    assert first.record["key"] == "ИП-2026-001" and first.record["data"]["works"] == "new_network"
    assert first.rule == "ta-investor-approvals" and first.rule_version == "2026.1"
    assert f"/approvals/new?proposal={first.id}" in first.text
    assert "ta-investor-approvals" in first.text and "электроснабжение" in first.text
    with session_scope(mapped) as session:
        letters = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
    assert [m.recipient for m in letters] == ["investor-1@example.org", "investor-2@example.org"]
    assert _run(mapped, None) == (4, 0)  # a re-run over the stored register
    assert _run(mapped) == (4, 0)  # the same file again
    assert len(_notices(mapped)) == 2


def test_a_new_owner_touching_a_site_proposes_again(mapped: Engine, tmp_path: Path) -> None:
    _run(mapped)
    # A heat network's zone around the empty lot of ИП-2026-003 (49.122, 55.781), and around
    # the site of ИП-2026-001: the first gets its first proposal, the second a changed one.
    heat = [
        feature(
            "ru-ta-teplo",
            square(49.120, 55.779, 0.004),
            network="heat",
            owner_name="Тепловые сети (пример)",
        ),
        feature(
            "ru-ta-teplo",
            square(49.105, 55.787, 0.001),
            network="heat",
            owner_name="Тепловые сети (пример)",
        ),
    ]
    load_zones(mapped, write_map(tmp_path / "heat.geojson", heat))
    assert _run(mapped, None) == (4, 2)
    notices = _notices(mapped)
    assert [n.record["key"] for n in notices[2:]] == ["ИП-2026-001", "ИП-2026-003"]
    assert "Изменился список владельцев" in notices[2].text
    assert [o["owner"] for o in notices[3].record["owners"]] == ["ru-ta-teplo"]
    assert _run(mapped, None) == (4, 0)


def test_the_proposal_is_read_by_its_recipient_only(mapped: Engine) -> None:
    _run(mapped)
    notice = _notices(mapped)[0]
    investor = create_user(mapped, "investor-1", "long-enough-pass", "applicant")
    stranger = create_user(mapped, "investor-9", "long-enough-pass", "applicant")
    with session_scope(mapped) as session:
        session.get(User, investor.id).email = "Investor-1@example.org"
    view = investors.read_proposal(mapped, notice.id, account=investor)
    assert view.title == "Логистический склад «Образец»" and view.works == "new_network"
    assert view.geometry["type"] == "Polygon"
    assert [o.owner for o in view.owners] == ["ru-ta-setevaya", "ru-ta-vodokanal"]
    assert view.owners[0].networks == ("power",)
    for who in (stranger, None):
        with pytest.raises(Forbidden):
            investors.read_proposal(mapped, notice.id, account=who)
    with pytest.raises(ValidationFailed):
        investors.read_proposal(mapped, 999_999, account=investor)


def test_a_site_that_is_no_geometry_is_refused_at_load(store: Engine, tmp_path: Path) -> None:
    text = PROJECTS.read_text(encoding="utf-8").replace(
        '"{""type"": ""Point"", ""coordinates"": [49.122, 55.781]}"',
        '"{""type"": ""Point"", ""coordinates"": [249.122, 55.781]}"',
    )
    bad = tmp_path / "projects.csv"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        load_register(store, "investment_projects", bad)
    (problem,) = failed.value.problems
    assert (problem.row, problem.column) == (4, "Участок (GeoJSON)")
    assert problem.message("ru")


def test_the_example_files_load(store: Engine, tmp_path: Path) -> None:
    copy = shutil.copy(EXAMPLES / "damaged-households.csv", tmp_path / "r.csv")
    loaded = load_register(store, "damaged_households", copy)
    assert (loaded.records, loaded.confirmed) == (6, 4)
    assert load_register(store, "investment_projects", PROJECTS).records == 4


def test_a_proposal_is_never_on_the_public_notices(mapped: Engine) -> None:
    from tsifra.proactive.notices import list_notices, read_notice

    _run(mapped)
    assert list_notices(mapped, region="RU-TA") == []
    assert all(read_notice(mapped, n.id) is None for n in _notices(mapped))
