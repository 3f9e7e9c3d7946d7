"""The registry as a source for the index: its formulas by hand, on both engines and databases.

The registry is registry_rows.py (each record with its reason); `AS_OF` is 15 March 2025, so
the quarters are 2024Q1 (the first stage, 1 January 2024) to 2025Q1 (cut at 15 March).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from builders import RATED, database_state
from registry_rows import AS_OF, insert_registry
from tsifra.dashboard.indicator import indicator_across_regions
from tsifra.kernel.problems import ValidationFailed
from tsifra.marts.backends import connect
from tsifra.marts.formulas import FORMULAS
from tsifra.marts.formulas.registry_figures import counted
from tsifra.marts.platform import register
from tsifra.marts.publish import ingest_registry
from tsifra.marts.registry import compute_registry, read_registry, registry_formulas
from tsifra.practices.drafts import PracticeDraft
from tsifra.practices.records import change_stage, create_practice
from tsifra.practices.vocabulary import counts
from tsifra.ratings.stored import compute_from_store
from tsifra.store.methodologies import store_methodology
from tsifra.store.models import PracticeReplication

EXAMPLE = Path(__file__).parents[2] / "examples" / "methodology-with-ai.yaml"

EXPECTED = {
    # RU-TA: P1 (health) from 2024Q2, P2 (gov) in 2024Q4; P3 retired the day it started, P4 is
    # not AI, P5 is `other`. RU-MOW: P2 in 2024Q4; P6 not started by AS_OF. RU-KLU only has
    # replications: no value.
    "reg_ai_directions": {
        ("RU-TA", "2024Q1"): 0.0, ("RU-TA", "2024Q2"): 1.0, ("RU-TA", "2024Q3"): 1.0,
        ("RU-TA", "2024Q4"): 2.0, ("RU-TA", "2025Q1"): 1.0,
        ("RU-MOW", "2024Q1"): 0.0, ("RU-MOW", "2024Q2"): 0.0, ("RU-MOW", "2024Q3"): 0.0,
        ("RU-MOW", "2024Q4"): 1.0, ("RU-MOW", "2025Q1"): 0.0,
    },
    # RU-TA in production: Q1 P4 (effect, report of 20 Jan: verified), P5 (effect, but only a
    # link and uncounted replications); Q2 + P1 (its act comes in August); Q3 P1 verified;
    # Q4 + P2 (no measurable effect in RU-TA); 2025Q1 P2 retired. RU-MOW: P2 in 2024Q4 (effect
    # there, a counted replication in RU-KLU); no practice in production otherwise: no value.
    "reg_verified_effect_share": {
        ("RU-TA", "2024Q1"): 50.0, ("RU-TA", "2024Q2"): 100 / 3, ("RU-TA", "2024Q3"): 200 / 3,
        ("RU-TA", "2024Q4"): 50.0, ("RU-TA", "2025Q1"): 200 / 3,
        ("RU-MOW", "2024Q4"): 100.0,
    },
}  # fmt: skip


@pytest.fixture
def registry(store):
    insert_registry(store)
    return read_registry(store)


def by_key(frame) -> dict[tuple[str, str], float]:
    return {(u, p): v for u, p, v in frame[["unit", "period", "value"]].itertuples(index=False)}


def test_every_figure_by_hand(registry):
    assert not registry.synthetic
    computed = compute_registry(registry.table, AS_OF)
    assert [r.formula for r in computed.runs] == list(EXPECTED)
    for name, expected in EXPECTED.items():
        run = computed.run(name)
        assert set(run.values["indicator"]) == {FORMULAS[name].indicator}
        got = by_key(run.values)
        assert got.keys() == expected.keys(), name
        for key, value in expected.items():
            assert got[key] == pytest.approx(value, abs=1e-12), (name, key)


def test_the_same_values_on_duckdb_and_spark(spark, registry):
    duck = compute_registry(registry.table, AS_OF, "duckdb").values()
    sp = compute_registry(registry.table, AS_OF, "spark").values()
    key = ["unit", "period", "indicator"]
    assert duck[key].equals(sp[key]) and len(duck) == 16
    np.testing.assert_array_equal(duck["value"].to_numpy(), sp["value"].to_numpy())


def test_an_earlier_day_sees_less(registry):
    """On 30 June 2024 P1 has just reached production; 2024Q2 is the last quarter."""
    early = compute_registry(registry.table, AS_OF.replace(year=2024, month=6, day=30))
    got = by_key(early.run("reg_ai_directions").values)
    assert got == {("RU-TA", "2024Q1"): 0.0, ("RU-TA", "2024Q2"): 1.0,
                   ("RU-MOW", "2024Q1"): 0.0, ("RU-MOW", "2024Q2"): 0.0}  # fmt: skip


def test_the_rules_are_the_formulas_docstrings():
    assert [f.name for f in registry_formulas()] == list(EXPECTED)
    for f in registry_formulas():
        assert f.source == f"formula:{f.name}" and "quarter's end" in f.rule


def test_an_index_with_the_registry_indicator(database_copy):
    """examples/methodology-with-ai.yaml stored beside the rated panel: the registry's figure is
    stored once-only as `formula:reg_ai_directions` and is the value the index computes with."""
    db = database_copy(RATED)
    insert_registry(db)
    store_methodology(db, EXAMPLE)
    day = date(2025, 12, 31)
    done = ingest_registry(db, as_of=day, methodology="ru-digital-maturity-ai", actor="test")
    assert done.stored == ["reg_ai_directions"]
    assert done.not_in_methodology == ["reg_verified_effect_share"]
    (report,) = done.reports
    assert report.source == "formula:reg_ai_directions" and report.new == 16  # 8 quarters × 2
    formula = by_key(done.computation.run("reg_ai_directions").values)
    assert formula[("RU-TA", "2025Q4")] == 1.0  # P1 in production; P2 retired in February
    assert formula[("RU-MOW", "2025Q1")] == 0.0 and formula[("RU-MOW", "2025Q2")] == 1.0

    run = compute_from_store(db, "ru-digital-maturity-ai", period="2025Q4")
    frame = run.values.frame
    mine = frame[(frame["indicator"] == "reg_ai_directions") & (frame["period"] == "2025Q4")]
    assert {u: (v, s) for u, v, s in mine[["unit", "value", "source"]].values} == {
        "RU-TA": (1.0, "formula:reg_ai_directions"),
        "RU-MOW": (1.0, "formula:reg_ai_directions"),  # P6 in production since May
    }
    raw = run.result.raw.frame("2025Q4")
    assert raw.loc["RU-TA", "reg_ai_directions"] == formula[("RU-TA", "2025Q4")]
    assert not run.scores[run.scores["unit"] == "RU-TA"]["score"].isna().all()
    # where a reader traces a figure: the indicator's page names the formula as its source
    view = indicator_across_regions(db, "reg_ai_directions", "ru-digital-maturity-ai", "2025Q4")
    assert dict(view.table[["unit", "source"]].values)["RU-TA"] == "formula:reg_ai_directions"
    again = ingest_registry(db, as_of=day, methodology="ru-digital-maturity-ai", actor="test")
    assert again.reports[0].batch_id is None and again.reports[0].unchanged == 16


def test_the_bundled_methodology_stores_no_registry_figure(store):
    insert_registry(store, synthetic=True)
    done = ingest_registry(store, as_of=AS_OF, actor="test")
    assert done.stored == [] and done.reports == [] and done.synthetic
    assert done.not_in_methodology == list(EXPECTED)


def test_an_empty_registry_stores_nothing(store):
    before = database_state(store)
    with pytest.raises(ValidationFailed) as caught:
        ingest_registry(store, as_of=AS_OF, methodology="ru-digital-maturity")
    assert [p.code for p in caught.value.problems] == ["rfig_no_practices"]
    assert "15.03.2025" in caught.value.problems[0].message("ru")
    assert database_state(store) == before


@pytest.mark.filterwarnings("ignore:.*fetch_arrow_table")  # Ibis 12 over DuckDB 1.4: not ours
def test_a_replication_counts_as_the_registry_counts_it(store, registry):
    """The formula's rule is `practices.vocabulary.counts`, row for row."""
    with Session(store) as session:
        rows = session.scalars(select(PracticeReplication)).all()
        expected = {r.id for r in rows if counts(r)}
    con = connect("duckdb")
    mart = register(con, "registry_counts", registry.table)
    replications = mart.filter(mart.record == "replication")
    got = set(replications.filter(counted(replications)).seq.to_pyarrow().to_pylist())
    assert got == expected and len(expected) == 1 and len(rows) == 5


def test_practices_recorded_through_the_registry_services(store):
    """The figures read what the registry's own services write: a stage history appended by
    `change_stage`, the first stage dated by the draft."""
    draft = PracticeDraft(
        title="ИИ-ассистент врача", sector="health", regions=("RU-TA",), ai_kind="text",
        stage="production", stage_since=date(2025, 1, 10),
    )  # fmt: skip
    practice = create_practice(store, draft, account=None, now=datetime(2025, 1, 10, 9))
    other = PracticeDraft(
        title="Умный транспорт",
        sector="transport",
        regions=("RU-TA",),
        ai_kind="vision",
        stage="pilot",
        stage_since=date(2025, 2, 1),
    )
    create_practice(store, other, account=None, now=datetime(2025, 2, 1, 9))
    change_stage(store, practice, "retired", date(2025, 5, 1), account=None,
                 now=datetime(2025, 5, 2, 9))  # fmt: skip
    computed = compute_registry(read_registry(store).table, date(2025, 6, 30))
    assert by_key(computed.run("reg_ai_directions").values) == {
        ("RU-TA", "2025Q1"): 1.0, ("RU-TA", "2025Q2"): 0.0,
    }  # fmt: skip
