"""The demo's registry: every direction, about a third AI, effects measured from the panel,
replications with and without evidence, some records stale, every one marked synthetic."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import Engine, select

from tsifra.demo.panel import generate_panel
from tsifra.demo.practices import load_demo_practices
from tsifra.practices.effects import effects_for
from tsifra.practices.records import read_practice
from tsifra.practices.vocabulary import SECTORS
from tsifra.reference import load_regions
from tsifra.store import Practice, session_scope
from tsifra.store.methodologies import store_methodology
from tsifra.values.ingest import ingest_frame

TODAY = date(2026, 6, 1)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_demo_registry_is_measured_from_the_panel(store: Engine) -> None:
    version = store_methodology(store, "ru-digital-maturity")
    panel = generate_panel(version.methodology, load_regions())
    ingest_frame(store, panel, "demo:synthetic", synthetic=True)
    assert load_demo_practices(store, panel, TODAY) == 300
    with session_scope(store) as session:
        practices = session.scalars(select(Practice)).all()
    assert {p.sector for p in practices} == set(SECTORS)
    assert 0.25 <= sum(p.ai_kind is not None for p in practices) / len(practices) <= 0.45
    assert all(p.synthetic and p.title.endswith("(демо)") for p in practices)
    assert len({r for p in practices for r in read_practice(store, p.id).regions}) >= 50
    measured = [p for p in practices if p.effect is not None]
    assert len(measured) >= 250
    # the summary is the panel's own movement: check one by hand
    sample = measured[5]
    [effect, *_] = [e for e in effects_for(store, [sample.id])[sample.id] if e.measured]
    key = panel.set_index(["unit", "indicator", "period"])["value"]
    assert effect.before == key[(effect.region, effect.indicator, effect.before_period)]
    assert effect.after == key[(effect.region, effect.indicator, "2025Q4")]
    views = [read_practice(store, p.id, today=TODAY) for p in practices]
    replications = [r for v in views for r in v.replications]
    assert Counter(r.counted for r in replications)[True] >= 30
    assert Counter(r.counted for r in replications)[False] >= 20
    assert 20 <= sum(v.stale for v in views) <= 120
    assert sum(v.regions == ("RU-TA",) for v in views) >= 12  # the demo operator's region
    for v in views:
        assert [s.since for s in v.stages] == sorted(s.since for s in v.stages)
        assert all(s.since <= TODAY for s in v.stages)
