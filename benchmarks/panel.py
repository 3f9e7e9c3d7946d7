"""The benchmark's synthetic input: 85 regions × 60 indicators × 20 quarters, seeded."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tsifra.kernel.periods import period_range
from tsifra.methodology import Methodology

N_UNITS, N_SECTORS, PER_SECTOR = 85, 6, 10


def benchmark_methodology() -> Methodology:
    indicators = [
        {
            "code": f"s{s}_i{k}",
            "name": f"Indicator {s}.{k}",
            "parent": f"s{s}",
            "weight": 1 + (k % 3),
            "direction": -1 if k == 9 else 1,
        }
        for s in range(N_SECTORS)
        for k in range(PER_SECTOR)
    ]
    nodes = [{"code": f"s{s}", "name": f"Sector {s}", "parent": "index"} for s in range(N_SECTORS)]
    nodes.append({"code": "index", "name": "Index"})
    return Methodology.model_validate(
        {
            "id": "bench",
            "title": "Benchmark",
            "version": "1",
            "steps": {
                "impute": {"method": "group_mean", "group": "district"},
                "screen": {"min_availability": 0.5},
                "treat": {"method": "winsorise"},
                "normalise": {"method": "minmax", "range": [0, 100]},
                "aggregate": {"method": "arithmetic", "min_share": 0.5},
            },
            "indicators": indicators,
            "nodes": nodes,
        }
    )


def benchmark_inputs(seed: int = 7) -> tuple[Methodology, pd.DataFrame, pd.DataFrame]:
    m = benchmark_methodology()
    rng = np.random.default_rng(seed)
    units = [f"R{k:02d}" for k in range(N_UNITS)]
    periods = period_range("2021Q1", "2025Q4")
    codes = m.indicator_codes
    level = rng.lognormal(3, 0.6, size=(1, N_UNITS, len(codes)))
    trend = 1 + 0.02 * np.arange(len(periods))[:, None, None]
    values = level * trend * rng.lognormal(0, 0.05, size=(len(periods), N_UNITS, len(codes)))
    values[rng.random(values.shape) < 0.03] = np.nan
    long = pd.DataFrame(
        {
            "unit": np.tile(np.repeat(units, len(codes)), len(periods)),
            "period": np.repeat(periods, N_UNITS * len(codes)),
            "indicator": np.tile(codes, len(periods) * N_UNITS),
            "value": values.reshape(-1),
        }
    ).dropna()
    attrs = pd.DataFrame({"district": [f"d{k % 8}" for k in range(N_UNITS)]}, index=units)
    return m, long, attrs
