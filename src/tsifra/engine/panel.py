"""A panel of values: periods × units × codes, as one float array with labelled axes.

Every pipeline step maps a panel to a panel, so each step is a vectorised array operation across
all units and periods at once. NaN means missing. Long form (`unit, period, code, value`) is what
users exchange; the panel is what the engine computes on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from tsifra.kernel.periods import sort_periods


@dataclass(frozen=True)
class Panel:
    periods: tuple[str, ...]
    units: tuple[str, ...]
    codes: tuple[str, ...]
    values: np.ndarray  # shape (len(periods), len(units), len(codes)), float64

    def __post_init__(self) -> None:
        expected = (len(self.periods), len(self.units), len(self.codes))
        if self.values.shape != expected:
            raise ValueError(f"panel values have shape {self.values.shape}, expected {expected}")

    @classmethod
    def from_long(
        cls,
        long: pd.DataFrame,
        codes: list[str] | None = None,
        units: list[str] | None = None,
        periods: list[str] | None = None,
        code_column: str = "indicator",
    ) -> Panel:
        """Pivot long rows into a panel; axes default to what the rows contain (periods sorted)."""
        unit = long["unit"].astype(str)
        period = long["period"].astype(str)
        code = long[code_column].astype(str)
        units = list(units) if units is not None else sorted(unit.unique())
        periods = list(periods) if periods is not None else sort_periods(list(period.unique()))
        codes = list(codes) if codes is not None else sorted(code.unique())
        pi = pd.Index(periods).get_indexer(period)
        ui = pd.Index(units).get_indexer(unit)
        ci = pd.Index(codes).get_indexer(code)
        keep = (pi >= 0) & (ui >= 0) & (ci >= 0)
        values = np.full((len(periods), len(units), len(codes)), np.nan)
        values[pi[keep], ui[keep], ci[keep]] = pd.to_numeric(long["value"]).to_numpy(float)[keep]
        return cls(tuple(periods), tuple(units), tuple(codes), values)

    def to_long(self, code_column: str = "indicator", dropna: bool = True) -> pd.DataFrame:
        p, u, c = self.values.shape
        frame = pd.DataFrame(
            {
                "unit": np.tile(np.repeat(np.array(self.units, dtype=object), c), p),
                "period": np.repeat(np.array(self.periods, dtype=object), u * c),
                code_column: np.tile(np.array(self.codes, dtype=object), p * u),
                "value": self.values.reshape(-1),
            }
        )
        return frame.dropna(subset=["value"]).reset_index(drop=True) if dropna else frame

    def frame(self, period: str | None = None) -> pd.DataFrame:
        """One period as a units × codes table (the latest period if none is named)."""
        i = self.period_index(period)
        return pd.DataFrame(self.values[i], index=list(self.units), columns=list(self.codes))

    def period_index(self, period: str | None) -> int:
        if period is None:
            return len(self.periods) - 1
        return self.periods.index(str(period))

    def select(self, codes: list[str]) -> Panel:
        idx = [self.codes.index(c) for c in codes]
        return Panel(self.periods, self.units, tuple(codes), self.values[:, :, idx])

    def with_values(self, values: np.ndarray, codes: tuple[str, ...] | None = None) -> Panel:
        return Panel(self.periods, self.units, codes or self.codes, values)

    def until(self, period: str) -> Panel:
        """The panel's periods up to and including `period` (a view, not a copy)."""
        end = self.periods.index(period) + 1
        return Panel(self.periods[:end], self.units, self.codes, self.values[:end])

    def drop_units(self, keep: np.ndarray) -> Panel:
        """Keep only units where `keep` (a boolean over units) is true."""
        units = tuple(u for u, k in zip(self.units, keep, strict=True) if k)
        return Panel(self.periods, units, self.codes, self.values[:, keep, :])
