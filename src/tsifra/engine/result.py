"""The result of one computation: every step's panel, the reports, and views users read."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from tsifra.engine.panel import Panel
from tsifra.engine.rank import change
from tsifra.methodology import Methodology

STEPS = ("raw", "denominated", "imputed", "screened", "treated", "normalised", "aggregated")


@dataclass(frozen=True)
class Result:
    methodology: Methodology
    raw: Panel
    denominated: Panel
    imputed: Panel
    screened: Panel
    treated: Panel
    normalised: Panel
    aggregated: Panel  # indicators (normalised) followed by every node's score
    ranks: Panel  # same axes as `aggregated`
    screened_out: pd.DataFrame  # period, unit, availability
    treatment: pd.DataFrame  # period, indicator, treatment, points, skew/kurtosis before and after

    @property
    def periods(self) -> tuple[str, ...]:
        return self.raw.periods

    @property
    def units(self) -> tuple[str, ...]:
        return self.raw.units

    def until(self, period: str) -> Result:
        """The result as it stands at `period`: every later period left out.

        A stored run may hold periods after the one a reader is shown (a quarter only a few
        units have reported); a forecast or a what-if continues from `period`, not from them.
        Every period's figures stay exactly as computed, since the steps that look along time
        (imputation) ran on the full panel.
        """
        if period == self.periods[-1]:
            return self
        cut = {name: getattr(self, name).until(period) for name in (*STEPS, "ranks")}
        kept = list(self.periods[: self.periods.index(period) + 1])
        return replace(
            self,
            **cut,
            screened_out=self.screened_out[self.screened_out["period"].isin(kept)],
            treatment=self.treatment[self.treatment["period"].isin(kept)],
        )

    def imputed_cells(self, period: str | None = None) -> pd.DataFrame:
        """Units × indicators of one period (the latest by default): true where the impute step
        filled a value that the data did not have. Whoever shows a value must mark these."""
        i = self.raw.period_index(period)
        before = self.denominated.values[i]
        after = self.imputed.values[i]
        filled = np.isnan(before) & ~np.isnan(after)
        return pd.DataFrame(filled, index=list(self.units), columns=list(self.imputed.codes))

    def step(self, name: str) -> Panel:
        """A step's panel by name (raw … aggregated), as COINr names its data sets."""
        if name not in STEPS:
            raise KeyError(f"unknown step {name!r}; steps are {', '.join(STEPS)}")
        return getattr(self, name)

    def table(self, name: str, period: str | None = None) -> pd.DataFrame:
        """A step as a units × codes table for one period (the latest if none is named)."""
        return self.step(name).frame(period)

    def scores(self, node: str | None = None) -> pd.DataFrame:
        """Periods × units table of one node's score (the index by default)."""
        j = self.aggregated.codes.index(node or self.methodology.root)
        return pd.DataFrame(
            self.aggregated.values[:, :, j], index=list(self.periods), columns=list(self.units)
        )

    def long(self, nodes: list[str] | None = None) -> pd.DataFrame:
        """Long results `unit, period, node, score, rank, score_change, rank_change`.

        Nodes default to every aggregate; rank_change is positive when a unit moved up.
        """
        nodes = nodes or [c for c in self.aggregated.codes if c in self.methodology.node_codes]
        idx = [self.aggregated.codes.index(n) for n in nodes]
        score = self.aggregated.values[:, :, idx]
        rank = self.ranks.values[:, :, idx]
        p, u, c = score.shape
        frame = pd.DataFrame(
            {
                "unit": np.tile(np.repeat(np.array(self.units, dtype=object), c), p),
                "period": np.repeat(np.array(self.periods, dtype=object), u * c),
                "node": np.tile(np.array(nodes, dtype=object), p * u),
                "score": score.reshape(-1),
                "rank": rank.reshape(-1),
                "score_change": change(score).reshape(-1),
                "rank_change": -change(rank).reshape(-1),
            }
        )
        frame = frame.dropna(subset=["score"]).reset_index(drop=True)
        frame["rank"] = frame["rank"].astype("Int64")
        frame["rank_change"] = frame["rank_change"].astype("Int64")
        return frame

    def rating(self, period: str | None = None, node: str | None = None) -> pd.DataFrame:
        """One period's ranking of units by a node (the index by default), best first.

        Columns: unit, score, rank, score_change, rank_change, then each child node's score.
        """
        period = period or self.periods[-1]
        node = node or self.methodology.root
        children = [k for k in self.methodology.children.get(node, [])]
        table = self.long([node]).query("period == @period").set_index("unit")
        table = table.drop(columns=["period", "node"])
        sub = self.table("aggregated", period)[children]
        table = table.join(sub, how="left")
        return table.sort_values(["rank", "score"], ascending=[True, False]).reset_index()
