"""DESI 2022: the Commission's published scores, reproduced by the CLI a user would run."""

from __future__ import annotations

import pandas as pd
from typer.testing import CliRunner

from builders import DESI_METHODOLOGY
from tsifra.cli import app


def test_every_published_score_is_reproduced(reference_dir, tmp_path):
    out = tmp_path / "desi.csv"
    run = CliRunner().invoke(
        app,
        [
            "index",
            "compute",
            str(DESI_METHODOLOGY),
            str(reference_dir / "desi2022" / "data.csv"),
            "--out",
            str(out),
        ],
    )
    assert run.exit_code == 0, run.output
    results = pd.read_csv(out, dtype={"period": str, "node": str})
    mine = results.pivot_table(index=["unit", "period"], columns="node", values="score")
    published = pd.read_csv(reference_dir / "desi2022" / "published.csv", dtype={"period": str})
    published = published.set_index(["unit", "period"])
    assert len(published) == 168  # 28 units × 6 years
    assert set(published.columns) <= set(mine.columns)
    diff = (mine.loc[published.index, published.columns] - published).abs()
    assert diff.notna().all().all()
    assert diff.max().max() < 1e-6
