"""What if a unit's indicators changed: its index, sectors and rank, recomputed.

A change gives an indicator's value as the methodology reads it — after denomination, in the
units its targets are stated in (for a methodology without denominators, such as the bundled one,
the value as it stands in the data file) — or the word "target": an indicator short of its target
for the period's year is brought up to it; one already there keeps its value.

The pipeline is replayed for every unit, not patched for the changed one, because the changed
unit's score depends on the others and theirs on it: imputation by the mean fills other units'
gaps from this unit's values, outlier treatment and cross-sectional normalisation (min-max,
z-score, ranks) measure every unit against the whole column, and a rank is a comparison with all.
Other units' data stay as they are. Alternative change sets — the projects a planner compares —
are replayed as one batch stacked along the periods axis, as `explain` does, so ten projects cost
about one replay.

The baseline is any panel with the methodology's indicators as codes: for a period in the data,
the computed result's own values; for a period beyond it, a projection — the latest values
carried forward (`carried_forward`) unless a forecast panel is passed as `baseline`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tsifra.engine.changes import Changes, describe, read_changes, resolve_period
from tsifra.engine.impute import impute
from tsifra.engine.normalise import reference_for
from tsifra.engine.panel import Panel
from tsifra.engine.pipeline import replay_from_imputed
from tsifra.engine.rank import rank_desc
from tsifra.engine.result import Result
from tsifra.kernel.periods import parse_period
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.methodology import Methodology

# Imputation methods that fill a gap from other units of the same period: a changed value moves
# what they fill in elsewhere, so they are re-run on each scenario. The temporal ones (locf,
# interpolate) fill from the unit's own other periods, which a change in one period leaves alone
# there; the baseline's imputed values stand for them.
_FROM_OTHER_UNITS = frozenset({"mean", "median", "group_mean", "group_median"})


@dataclass(frozen=True)
class IndicatorChange:
    indicator: str
    name: str
    parent: str
    before: float | None  # the value the pipeline used; None where missing and not imputable
    after: float
    target: float | None  # the target for the period's year
    imputed: bool  # `before` was filled in by imputation, not observed
    normalised_before: float | None
    normalised_after: float | None


@dataclass(frozen=True)
class NodeChange:
    node: str
    name: str
    parent: str | None
    before: float | None
    after: float | None
    rank_before: int | None
    rank_after: int | None

    @property
    def change(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before


@dataclass(frozen=True)
class WhatIf:
    """One change set's effect on one unit in one period; `None` where a score is missing."""

    scenario: str
    unit: str
    period: str
    projected: bool  # the period lies beyond the data: the baseline is a projection
    index: NodeChange  # the root
    units_ranked: int  # units with an index after the change
    sectors: tuple[NodeChange, ...]  # every aggregate below the index, depth first
    indicators: tuple[IndicatorChange, ...]  # the changed ones, in methodology order

    @property
    def index_before(self) -> float | None:
        return self.index.before

    @property
    def index_after(self) -> float | None:
        return self.index.after

    @property
    def index_change(self) -> float | None:
        return self.index.change

    @property
    def rank_before(self) -> int | None:
        return self.index.rank_before

    @property
    def rank_after(self) -> int | None:
        return self.index.rank_after

    @property
    def rank_change(self) -> int | None:
        """Places gained: positive when the unit moved up."""
        if self.rank_before is None or self.rank_after is None:
            return None
        return self.rank_before - self.rank_after

    def table(self) -> pd.DataFrame:
        """The export form: rows `scenario, unit, period, kind, code, name, before, after, change,
        rank_before, rank_after` for the index, each sector and each changed indicator."""
        nodes = [("index", self.index), *[("sector", n) for n in self.sectors]]
        rows = [
            (kind, n.node, n.name, n.before, n.after, n.rank_before, n.rank_after)
            for kind, n in nodes
        ]
        rows += [
            ("indicator", i.indicator, i.name, i.before, i.after, None, None)
            for i in self.indicators
        ]
        columns = ["kind", "code", "name", "before", "after", "rank_before", "rank_after"]
        frame = pd.DataFrame(rows, columns=columns)
        frame["before"] = frame["before"].astype(float)
        frame["after"] = frame["after"].astype(float)
        frame["change"] = frame["after"] - frame["before"]
        for column in ("rank_before", "rank_after"):
            frame[column] = frame[column].astype("Int64")
        frame = frame.assign(scenario=self.scenario, unit=self.unit, period=self.period)
        return frame[TABLE_COLUMNS]


TABLE_COLUMNS = [
    "scenario",
    "unit",
    "period",
    "kind",
    "code",
    "name",
    "before",
    "after",
    "change",
    "rank_before",
    "rank_after",
]


def whatif(
    result: Result,
    unit: str,
    changes: Changes,
    period: str | None = None,
    *,
    units: pd.DataFrame | None = None,
    baseline: Panel | None = None,
    lang: str,
) -> WhatIf:
    """Recompute `unit`'s index, sectors and rank with `changes` in `period` (latest by default).

    `changes` maps indicator codes to numbers (or numeric text, decimal comma allowed) or to
    "target". `units` is the unit list the result was computed with; it is needed only where
    imputation groups units. Names come in `lang` ("ru" or "en"). Raises `ValidationFailed`
    listing every problem with the inputs.
    """
    return compare(
        result,
        unit,
        {describe(changes): changes},
        period,
        units=units,
        baseline=baseline,
        lang=lang,
    )[0]


def compare(
    result: Result,
    unit: str,
    scenarios: Mapping[str, Changes],
    period: str | None = None,
    *,
    units: pd.DataFrame | None = None,
    baseline: Panel | None = None,
    lang: str,
) -> tuple[WhatIf, ...]:
    """Several named change sets for one unit, replayed in one batch; one `WhatIf` per set.

    A `period` beyond the data (a year such as 2026 on quarterly data means its last quarter) is
    evaluated on `baseline` if given — a forecast — else on the latest values carried forward.
    """
    label = resolve_period(result.periods, period)
    if label is None:
        problems = [Problem("bad_period", path="period", value=period)]
        if unit not in result.units:
            problems.append(Problem("unit_not_in_data", path="unit", value=unit))
        raise ValidationFailed(problems)
    projected = _after(label, result.periods[-1])
    observed = None
    if baseline is None and projected:
        baseline = carried_forward(result, label)
    elif baseline is None:
        baseline, observed = result.imputed, result.denominated
    return evaluate(
        result.methodology,
        baseline,
        unit,
        scenarios,
        label,
        observed=observed,
        units=units,
        projected=projected,
        lang=lang,
    )


def carried_forward(result: Result, period: str) -> Panel:
    """The baseline of a period beyond the data until a forecast gives one: every unit's latest
    values (as imputed) relabelled as `period` — "if nothing else changes". Scored against that
    year's targets, so the index can differ from today's even before any change."""
    latest = result.imputed.values[-1:].copy()
    return Panel((period,), result.units, result.imputed.codes, latest)


def evaluate(
    m: Methodology,
    baseline: Panel,
    unit: str,
    scenarios: Mapping[str, Changes],
    period: str | None = None,
    *,
    observed: Panel | None = None,
    units: pd.DataFrame | None = None,
    projected: bool = False,
    lang: str,
) -> tuple[WhatIf, ...]:
    """The replay on any baseline panel: periods × units × the methodology's indicators.

    `baseline` holds the values the pipeline aggregates from (after denomination and imputation)
    — a result's `imputed` panel, a forecast, or `carried_forward`; `period` must be one of its
    periods (its latest by default). `observed` is the same before imputation (a result's
    `denominated` panel); with it, gaps that imputation fills from other units are re-imputed in
    each scenario, as a full recomputation would; without it the baseline counts as observed.
    """
    period = period or baseline.periods[-1]
    problems = []
    if unit not in baseline.units:
        problems.append(Problem("unit_not_in_data", path="unit", value=unit))
    if period not in baseline.periods:
        problems.append(Problem("unknown_period", path="period", value=period))
    codes = tuple(m.indicator_codes)
    base = baseline.select(list(codes)) if baseline.codes != codes else baseline
    current = np.full(len(codes), np.nan)
    if not problems:
        pi, ui = base.period_index(period), base.units.index(unit)
        current = base.values[pi, ui]
    resolved, wrong = read_changes(m, scenarios, current, period)
    if problems or wrong:
        raise ValidationFailed(problems + wrong)

    gaps = None
    if observed is not None:
        seen = observed.select(list(codes)) if observed.codes != codes else observed
        gaps = seen.values[seen.period_index(period)]
    values, gaps, aggregated = replay(
        m, base.values[pi], gaps, period, base.units, ui, list(resolved.values()), units
    )
    batch = _Replay(
        m,
        unit,
        period,
        projected,
        lang,
        ui,
        values,
        np.isnan(gaps[0, ui]),
        aggregated.values,
        rank_desc(aggregated.values),
        aggregated.codes,
    )
    return tuple(
        batch.outcome(s, name, changes)
        for s, (name, changes) in enumerate(resolved.items(), start=1)
    )


def replay(
    m: Methodology,
    imputed: np.ndarray,
    observed: np.ndarray | None,
    period: str,
    unit_codes: tuple[str, ...],
    ui: int,
    scenarios: list[dict[int, float]],
    units: pd.DataFrame | None = None,
) -> tuple[np.ndarray, np.ndarray, Panel]:
    """One unit's change sets replayed through the pipeline from the imputed stage, in one batch.

    `imputed` is one period's units × indicators (methodology order) as the pipeline aggregates
    them, `observed` the same before imputation (None: the imputed values count as observed);
    each scenario maps indicator positions to the unit's new values. Returns the imputed-stage
    values and the gaps of the baseline (row 0) and of each scenario (row s), and the aggregated
    panel with the same rows. This is the one replay both what-if and `explain`'s gain at target
    run, so the two agree by construction.
    """
    codes = tuple(m.indicator_codes)
    values, gaps = _scenario_values(m, imputed, observed, unit_codes, ui, scenarios, units)
    labels = (period,) * (len(scenarios) + 1)
    aggregated = replay_from_imputed(m, Panel(labels, unit_codes, codes, values))
    return values, gaps, aggregated


def _scenario_values(
    m: Methodology,
    base: np.ndarray,
    observed: np.ndarray | None,
    unit_codes: tuple[str, ...],
    ui: int,
    scenarios: list[dict[int, float]],
    units: pd.DataFrame | None,
) -> tuple[np.ndarray, np.ndarray]:
    """The imputed-stage values of the baseline (row 0) and of each scenario, stacked, and the
    same before imputation; gaps filled from other units are filled again in each scenario."""
    n = len(scenarios) + 1
    values = np.repeat(base[None], n, axis=0)
    gaps = np.repeat((base if observed is None else observed)[None], n, axis=0)
    for s, changes in enumerate(scenarios, start=1):
        for j, v in changes.items():
            values[s, ui, j] = gaps[s, ui, j] = v
    codes = tuple(m.indicator_codes)
    local = [c for c in codes if m.steps_for(c).impute.method in _FROM_OTHER_UNITS]
    if local:
        _check_groups(m, local, units)
        panel = Panel(("_",) * n, unit_codes, codes, gaps).select(local)
        values[:, :, [codes.index(c) for c in local]] = impute(panel, m, units).values
    return values, gaps


@dataclass(frozen=True)
class _Replay:
    """The replayed batch, read off for one unit: row 0 is the baseline, row s scenario s."""

    m: Methodology
    unit: str
    period: str
    projected: bool
    lang: str
    ui: int
    values: np.ndarray  # (scenarios + 1, units, indicators) at the imputed stage
    missing: np.ndarray  # (indicators,) the unit's baseline gaps before imputation
    scores: np.ndarray  # (scenarios + 1, units, indicators and nodes)
    ranks: np.ndarray
    codes: tuple[str, ...]

    def outcome(self, s: int, name: str, changes: dict[int, float]) -> WhatIf:
        m, ui = self.m, self.ui
        root = self.codes.index(m.root)
        targets = reference_for(m, tuple(m.indicator_codes), (self.period,)).target[0]
        score = self.scores[:, ui]
        indicators = tuple(
            IndicatorChange(
                indicator=code,
                name=m.name_of(code, self.lang),
                parent=m.indicator(code).parent,
                before=_float(self.values[0, ui, j]),
                after=float(self.values[s, ui, j]),
                target=_float(targets[j]),
                imputed=bool(self.missing[j]) and not np.isnan(self.values[0, ui, j]),
                normalised_before=_float(score[0, j]),
                normalised_after=_float(score[s, j]),
            )
            for j in sorted(changes)
            for code in [m.indicator_codes[j]]
        )
        return WhatIf(
            scenario=name,
            unit=self.unit,
            period=self.period,
            projected=self.projected,
            index=self.node(m.root, s),
            units_ranked=int(np.sum(~np.isnan(self.scores[s, :, root]))),
            sectors=tuple(self.node(c, s) for c in _depth_first(m)),
            indicators=indicators,
        )

    def node(self, code: str, s: int) -> NodeChange:
        k = self.codes.index(code)
        score, rank = self.scores[:, self.ui, k], self.ranks[:, self.ui, k]
        return NodeChange(
            node=code,
            name=self.m.name_of(code, self.lang),
            parent=self.m.node(code).parent,
            before=_float(score[0]),
            after=_float(score[s]),
            rank_before=_int(rank[0]),
            rank_after=_int(rank[s]),
        )


def _check_groups(m: Methodology, codes: list[str], units: pd.DataFrame | None) -> None:
    groups = {m.steps_for(c).impute.group for c in codes} - {None}
    absent = sorted(g for g in groups if units is None or g not in units.columns)
    if absent:
        raise ValueError(f"imputation groups units by {absent}: pass the unit list as `units`")


def _depth_first(m: Methodology) -> list[str]:
    out: list[str] = []
    stack = [m.root]
    while stack:
        node = stack.pop()
        if node != m.root:
            out.append(node)
        stack.extend(reversed([k for k in m.children[node] if k in m.children]))
    return out


def _after(label: str, last: str) -> bool:
    a, b = parse_period(label), parse_period(last)
    return a is not None and b is not None and a.freq == b.freq and a > b


def _float(v: float) -> float | None:
    return None if np.isnan(v) else float(v)


def _int(v: float) -> int | None:
    return None if np.isnan(v) else int(v)
