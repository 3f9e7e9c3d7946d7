"""The demo: a synthetic panel for every region, the index for every quarter, the latest rating.

Each quarter is computed from the data known up to that quarter, so the demo shows what the
rating said at the time, not what later data would say about it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from tsifra.demo.panel import generate_panel
from tsifra.engine import Result, compute
from tsifra.kernel.periods import sort_periods
from tsifra.methodology import Methodology, load_methodology
from tsifra.ratings.export import COLUMNS, write_table
from tsifra.reference import load_regions
from tsifra.store import data_home

DEMO_METHODOLOGY = "ru-digital-maturity"


@dataclass(frozen=True)
class DemoRun:
    methodology: Methodology
    regions: pd.DataFrame
    panel: pd.DataFrame
    results: pd.DataFrame  # long results of every quarter, each computed as of that quarter
    latest: Result  # the computation as of the last quarter (for ratings and explanations)
    files: dict[str, Path]


def run_demo(
    out_dir: str | Path | None = None,
    seed: int = 2024,
    progress: Callable[[int, int], None] | None = None,
) -> DemoRun:
    """Generate the synthetic panel, compute every quarter, and write both to `out_dir`
    (`demo/` in the data directory, `TSIFRA_HOME`, by default).

    `progress(done, total)` is called after each quarter.
    """
    m = load_methodology(DEMO_METHODOLOGY)
    regions = load_regions()
    panel = generate_panel(m, regions, seed=seed)
    units = regions.rename_axis("unit")
    periods = sort_periods(list(panel["period"].unique()))
    parts, latest = [], None
    for done, period in enumerate(periods, start=1):
        known = panel[panel["period"].isin(periods[: periods.index(period) + 1])]
        latest = compute(m, known, units)
        parts.append(latest.long().query("period == @period"))
        if progress:
            progress(done, len(periods))
    results = pd.concat(parts, ignore_index=True)
    out = Path(out_dir) if out_dir is not None else data_home() / "demo"
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "panel": out / "demo-panel-synthetic.csv",
        "results": out / "demo-results-synthetic.csv",
    }
    panel.to_csv(files["panel"], index=False)
    write_table(results[COLUMNS], files["results"])
    return DemoRun(m, regions, panel, results, latest, files)
