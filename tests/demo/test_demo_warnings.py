"""The demo's flood warnings: the example rule over its synthetic readings, issued once each and
listed publicly with their rule and reading, as a region's own run leaves them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from tsifra.demo.warnings import load_demo_warnings, rule_file
from tsifra.proactive.notices import list_notices
from tsifra.proactive.rules import load_rule
from tsifra.store import session_scope
from tsifra.store.models import ProactiveNotice, RuleRun

TODAY = date(2026, 11, 15)


def test_the_demo_warns_once_and_names_the_rule_and_the_reading(store) -> None:
    rule = load_rule(rule_file())
    fired = load_demo_warnings(store, TODAY, "demo")
    assert fired > 0
    notices = list_notices(store, region="RU-TYU", limit=500)
    assert len(notices) == fired
    assert {n.kind for n in notices} == {"flood_warning"}
    assert {(n.rule, n.rule_version) for n in notices} == {(rule.rule, rule.version)}
    covered = {str(code) for code in rule.params["municipalities"]}
    assert {n.oktmo for n in notices} <= covered
    assert all(n.record.get("gauge") and n.record.get("level_cm") is not None for n in notices)
    assert load_demo_warnings(store, TODAY, "demo") == 0  # a second run issues nothing new
    with session_scope(store) as session:
        assert session.scalar(select(func.count()).select_from(ProactiveNotice)) == fired
        assert session.scalars(select(RuleRun.actor)).all() == ["demo", "demo"]
