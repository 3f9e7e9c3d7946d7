"""A dispute between sources in one region: what publishing does with it, and what a replay of a
stored run does with it (never fail for every region; leave the value out and say so)."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import Engine, select

from builders import RatedDatabase
from tsifra.kernel.problems import ValidationFailed
from tsifra.ratings.computed import from_run
from tsifra.ratings.stored import compute_from_store, recompute_run, reproduce_run
from tsifra.store import AuditEntry, session_scope, utcnow
from tsifra.values.ingest import ingest_frame

M = "ru-digital-maturity"
KEY = ("RU-KL", "2024Q4", "gov_pos_on_time")

LOADED = RatedDatabase(seed=7, start="2024Q1", end="2024Q4", rated=(), synthetic=False, accounts=())


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    return LOADED.panel()


@pytest.fixture
def loaded(database_copy) -> Engine:
    """Four quarters stored as one batch from the source `region`, nothing rated yet."""
    return database_copy(LOADED)


def _stored_value(panel: pd.DataFrame) -> float:
    at = pd.MultiIndex.from_frame(panel[["unit", "period", "indicator"]]) == KEY
    return float(panel[at]["value"].item())


def _dispute(engine: Engine, value: float) -> None:
    """Kalmykia's office sends a value the stored source disagrees with."""
    frame = pd.DataFrame([dict(zip(("unit", "period", "indicator"), KEY, strict=True))])
    report = ingest_frame(engine, frame.assign(value=value), "region:RU-KL")
    assert len(report.conflicts) == 1


def _raw(run, key=KEY) -> float:
    unit, period, indicator = key
    return float(run.result.table("raw", period).loc[unit, indicator])


def test_publishing_still_stops_on_a_dispute_and_lists_it(
    loaded: Engine, panel: pd.DataFrame
) -> None:
    """The published rule is unchanged: a figure the public sees never rests on a value nobody
    has settled, unless the analyst asks to leave the disputed values out."""
    _dispute(loaded, _stored_value(panel) + 7)
    with pytest.raises(ValidationFailed) as caught:
        compute_from_store(loaded, M, period="2024Q4")
    assert [(p.code, p.value) for p in caught.value.problems] == [("value_conflict", "/".join(KEY))]


def test_publishing_with_the_dispute_left_out_lists_it_and_imputes_it(
    loaded: Engine, panel: pd.DataFrame
) -> None:
    agreed = compute_from_store(loaded, M, period="2024Q4", keep=False)
    claimed = _stored_value(panel)
    _dispute(loaded, claimed + 7)
    run = compute_from_store(loaded, M, period="2024Q4", leave_out_conflicts=True)

    left = run.left_out
    assert left[["unit", "period", "indicator", "reason"]].values.tolist() == [[*KEY, "conflict"]]
    assert sorted(left["claims"].item()) == [("region", claimed), ("region:RU-KL", claimed + 7)]
    # The disputed cell is missing in the raw panel; the methodology imputes it (the last
    # quarter's value carried forward), and nobody's claim is used.
    assert np.isnan(_raw(run))
    imputed = run.result.table("imputed", "2024Q4").loc["RU-KL", "gov_pos_on_time"]
    previous = run.result.table("raw", "2024Q3").loc["RU-KL", "gov_pos_on_time"]
    assert imputed == pytest.approx(previous)
    assert imputed not in (claimed, claimed + 7)
    # Every region is rated as it was with the agreed data, Kalmykia included.
    key = ["unit", "period", "node"]
    pd.testing.assert_frame_equal(run.scores[key], agreed.scores[key])
    ranked = run.scores[run.scores["node"] == "index"]
    assert (
        ranked["rank"].notna().sum() == agreed.scores.query("node == 'index'")["rank"].notna().sum()
    )
    # The audit of the publication names what was left out; a replay finds the same.
    with session_scope(loaded) as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "result.compute")
        ).all()[-1]
        assert entry.details["left_out"] == ["/".join(KEY)]
    replay = recompute_run(loaded, run.run_id)
    assert replay.left_out[["unit", "period", "indicator"]].values.tolist() == [list(KEY)]
    assert reproduce_run(loaded, run.run_id).exact
    index = from_run(loaded, run.run_id)
    assert [(o.unit, o.reason) for o in index.left_out_of("RU-KL")] == [("RU-KL", "conflict")]
    assert index.left_out_of("RU-TA") == []


def test_a_run_as_of_a_later_moment_reads_only_what_had_arrived_when_computed(
    loaded: Engine, panel: pd.DataFrame
) -> None:
    """A rating computed "as of" a moment still to come (the demo's ratings are dated when each
    quarter's figures reach the office) read what had arrived when it was computed; a dispute
    sent afterwards is not part of its replay, for Kalmykia or anyone else."""
    run = compute_from_store(loaded, M, as_of=utcnow() + timedelta(days=30), period="2024Q4")
    _dispute(loaded, _stored_value(panel) + 7)
    replay = recompute_run(loaded, run.run_id)
    assert replay.left_out.empty
    assert _raw(replay) == pytest.approx(_stored_value(panel))
    assert reproduce_run(loaded, run.run_id).exact
