"""Where each unit is heading: indicator trends projected to a horizon year (2030 by default),
carried through the methodology to sector and index scores, with the chance of meeting targets.

What is forecast is each indicator as the methodology scores it — after denomination, before
imputation, so values carried forward are not mistaken for observations — with a damped-trend
model per unit and indicator (`engine.trend`; why numpy and not statsmodels is explained there).
Forecasts are clipped to the indicator's `valid_range` where it applies to the scored value (no
denominator): a share cannot pass 100 % however steep its trend. Point forecasts and intervals
of indicators are exact quantiles of the (clipped) normal predictive distribution.

Sector and index scores are not linear in the indicators (targets cap achievement at 100 %,
cross-sectional normalisations compare units), so their distribution is simulated: `samples`
sample paths of every series, seeded, each path a scenario of all units, are put through the
methodology's own steps (impute, screen, treat, normalise, aggregate, rank) in batches stacked
along the periods axis — the replay `engine.explain` uses, no second implementation.

The probability of reaching a target in a year is the probability that the value in the year's
last period is at or beyond that year's target in the indicator's direction (≥ when higher is
better, ≤ when lower is), computed exactly from the predictive distribution: a target met by a
series that is forecast to stay clear of it has probability 1 up to the model's tail mass, and
exactly 1 when the series is flat (σ = 0) or the target lies inside a bound it cannot cross.
Node scores have no targets in the methodology file; callers may pass thresholds per node and
year (`node_targets`), estimated as the share of sample paths at or above them.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from scipy.special import ndtr, ndtri

from tsifra.engine.impute import impute
from tsifra.engine.panel import Panel
from tsifra.engine.pipeline import replay_from_imputed
from tsifra.engine.rank import rank_desc
from tsifra.engine.result import Result
from tsifra.engine.trend import TrendFit, fit_damped_trend
from tsifra.kernel.horizon import DEFAULT_HORIZON, DEFAULT_SAMPLES
from tsifra.kernel.periods import Period, parse_period, period_range, period_year
from tsifra.methodology import Methodology

DEFAULT_LEVELS = (0.8, 0.95)
BATCH = 50  # sample paths per pipeline batch: fixed, so a seed gives the same result everywhere
PER_YEAR = {"Y": 1, "Q": 4, "M": 12}


@dataclass(frozen=True)
class Forecast:
    """A forecast of every unit, indicator and node; long tables ready for export.

    Interval columns are `lower_80`, `upper_80`, … for each level in `levels`. `series` holds
    history and forecast of indicators and nodes in one table (what a fan chart draws).
    """

    methodology: Methodology
    units: tuple[str, ...]
    history_periods: tuple[str, ...]
    periods: tuple[str, ...]  # the forecast periods, after the history up to the horizon
    samples: int
    seed: int
    levels: tuple[float, ...]
    series: pd.DataFrame  # unit, code, kind, period, stage, value, lower_*, upper_*
    ranks: pd.DataFrame  # unit, period, rank (median), best_* / worst_* of the root's rank
    targets: pd.DataFrame  # unit, code, kind, year, period, direction, target, forecast, prob.
    models: pd.DataFrame  # unit, indicator, model, observations, last_period, α, β, φ, …

    @property
    def horizon(self) -> str:
        return self.periods[-1]

    def baseline(self, period: str, units: Sequence[str]) -> Panel | None:
        """Every unit's forecast median of each indicator in `period`, as a one-period panel:
        the "if nothing else changes" state a what-if on a future period starts from. None when
        `period` is not one of the forecast periods."""
        if period not in self.periods:
            return None
        s = self.series
        rows = s[(s["kind"] == "indicator") & (s["stage"] == "forecast") & (s["period"] == period)]
        codes = list(self.methodology.indicator_codes)
        return Panel.from_long(rows, codes, list(units), [period], code_column="code")

    def fan(self, unit: str, node: str | None = None) -> pd.DataFrame:
        """History and forecast of one unit's node (the index by default), period by period."""
        code = node or self.methodology.root
        rows = self.series[(self.series["unit"] == unit) & (self.series["code"] == code)]
        return rows.drop(columns=["unit", "code", "kind"]).reset_index(drop=True)

    def probabilities(self, unit: str) -> pd.DataFrame:
        """One unit's chance of reaching each target in each forecast year, indicator by row."""
        rows = self.targets[self.targets["unit"] == unit]
        return rows.drop(columns=["unit"]).reset_index(drop=True)

    def only(self, units: Sequence[str]) -> Forecast:
        """The same forecast with its tables restricted to `units` (they were forecast with all
        units, since cross-sectional steps compare them)."""
        keep = set(units)

        def cut(frame: pd.DataFrame) -> pd.DataFrame:
            return frame[frame["unit"].isin(keep)].reset_index(drop=True)

        return replace(
            self,
            series=cut(self.series),
            ranks=cut(self.ranks),
            targets=cut(self.targets),
            models=cut(self.models),
        )

    def frames(self) -> dict[str, pd.DataFrame]:
        """The tables by name, in the order an export writes them."""
        return {
            "forecast": self.series,
            "targets": self.targets,
            "ranks": self.ranks,
            "models": self.models,
        }


def forecast(
    result: Result,
    to: str | int = DEFAULT_HORIZON,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    units: pd.DataFrame | None = None,
    levels: Sequence[float] = DEFAULT_LEVELS,
    node_targets: Mapping[str, Mapping[int, float]] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Forecast:
    """Forecast every unit and indicator of `result` to `to` and through the methodology.

    `to` is a year (its last period in the data's frequency) or a period label; it must come
    after the last period of the history. `units` is the unit table `compute` was given (group
    imputation needs it). `progress(done, total)` is called after each batch of sample paths.
    Raises ValueError on arguments a caller should have checked (the services report them).
    """
    m = result.methodology
    if samples < 1:
        raise ValueError(f"samples must be at least 1, got {samples}")
    if not levels or not all(0.0 < lv < 1.0 for lv in levels):
        raise ValueError(f"interval levels must lie strictly between 0 and 1, got {levels}")
    levels = tuple(sorted(levels))
    history = _contiguous(result.denominated)
    future = future_periods(history.periods[-1], to)
    n_units, n_codes = len(history.units), len(history.codes)
    y = history.values.transpose(1, 2, 0).reshape(n_units * n_codes, -1)
    fit = fit_damped_trend(y, groups=np.tile(np.arange(n_codes), n_units))
    low, high = _bounds(m, history.codes)
    horizon = len(future)
    mean = fit.mean(horizon).reshape(n_units, n_codes, horizon)
    sd = fit.sd(horizon)
    if fit.sigma_known is not None:
        sd = np.where(fit.sigma_known[:, None], sd, np.nan)  # unknown spread: no interval
    sd = sd.reshape(n_units, n_codes, horizon)

    paths, ranks = _propagate(m, history, future, fit, samples, seed, units, low, high, progress)
    nodes = [c for c in m.aggregation_order]
    series = pd.concat(
        [
            _history_rows(result, history, nodes),
            _indicator_rows(history, future, mean, sd, low, high, levels),
            _node_rows(history.units, nodes, future, paths, levels, _blind(m, fit, history)),
        ],
        ignore_index=True,
    )
    parts = [
        _indicator_targets(m, history, future, mean, sd, low, high),
        _node_targets(history.units, nodes, future, paths, node_targets or {}),
    ]
    targets = pd.concat([q for q in parts if len(q)] or parts[:1], ignore_index=True)
    return Forecast(
        methodology=m,
        units=history.units,
        history_periods=history.periods,
        periods=tuple(future),
        samples=samples,
        seed=seed,
        levels=levels,
        series=series,
        ranks=_rank_rows(history.units, future, ranks, levels),
        targets=targets,
        models=_model_rows(history, fit),
    )


def future_periods(last: str, to: str | int) -> list[str]:
    """The periods after `last` up to `to` (a year means its last period), same frequency."""
    start = parse_period(last)
    if start is None:
        raise ValueError(f"not a period label: {last!r}")
    end = _horizon_period(to, start.freq)
    if end <= start:
        raise ValueError(f"the horizon {end.label} is not after the last period {start.label}")
    return period_range(start.label, end.label)[1:]


def _horizon_period(to: str | int, freq: str) -> Period:
    text = str(to).strip()
    parsed = parse_period(text)
    if parsed is None:
        raise ValueError(f"not a year or period label: {text!r}")
    if parsed.freq == "Y":
        return Period(parsed.year, 0 if freq == "Y" else PER_YEAR[freq], freq)
    if parsed.freq != freq:
        raise ValueError(f"the horizon {parsed.label} is not in the data's frequency ({freq})")
    return parsed


def _contiguous(panel: Panel) -> Panel:
    """The panel on every period from its first to its last: a quarter no unit reported is a
    step of the model all the same."""
    full = period_range(panel.periods[0], panel.periods[-1])
    if tuple(full) == panel.periods:
        return panel
    values = np.full((len(full), len(panel.units), len(panel.codes)), np.nan)
    values[[full.index(p) for p in panel.periods]] = panel.values
    return Panel(tuple(full), panel.units, panel.codes, values)


def _bounds(m: Methodology, codes: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Per-indicator clipping bounds: the valid range where the scored value is the reported
    one; a denominated indicator's range bounds the numerator, not the ratio, so none."""
    low, high = np.full(len(codes), -np.inf), np.full(len(codes), np.inf)
    for j, code in enumerate(codes):
        ind = m.indicator(code)
        denominated = ind.denominator is not None and m.steps.denominate
        if ind.valid_range is not None and not denominated:
            low[j], high[j] = ind.valid_range
    return low, high


def _propagate(m, history, future, fit: TrendFit, samples, seed, units, low, high, progress):
    """Sample paths of all series, batch by batch through the methodology: node scores
    (samples, periods, units, nodes) and the root's rank (samples, periods, units)."""
    n_units, n_codes, horizon = len(history.units), len(history.codes), len(future)
    nodes = m.aggregation_order
    scores = np.empty((samples, horizon, n_units, len(nodes)), dtype=np.float32)
    ranks = np.empty((samples, horizon, n_units), dtype=np.float32)
    starts = range(0, samples, BATCH)
    streams = np.random.SeedSequence(seed).spawn(len(starts))
    for done, (start, stream) in enumerate(zip(starts, streams, strict=True), start=1):
        size = min(BATCH, samples - start)
        draw = fit.simulate(horizon, size, np.random.default_rng(stream))
        batch = draw.reshape(size, n_units, n_codes, horizon).transpose(0, 3, 1, 2)
        batch = np.clip(batch, low, high).reshape(size * horizon, n_units, n_codes)
        panel = Panel(tuple(future) * size, history.units, history.codes, batch)
        if np.isnan(batch).any():  # imputation only fills gaps, and full paths have none
            panel = impute(panel, m, units)
        aggregated = replay_from_imputed(m, panel)
        columns = [aggregated.codes.index(c) for c in nodes]
        block = aggregated.values[:, :, columns]
        scores[start : start + size] = block.reshape(size, horizon, n_units, len(nodes))
        root = block[:, :, [nodes.index(m.root)]]
        ranks[start : start + size] = rank_desc(root)[:, :, 0].reshape(size, horizon, n_units)
        if progress:
            progress(done, len(starts))
    return scores, ranks


def _interval_names(levels: Sequence[float]) -> list[tuple[float, str, str]]:
    return [(lv, f"lower_{lv * 100:g}", f"upper_{lv * 100:g}") for lv in levels]


def _long(units, codes, periods) -> dict[str, np.ndarray]:
    """Key columns of a (units, codes, periods) array flattened in C order."""
    u, c, p = len(units), len(codes), len(periods)
    return {
        "unit": np.repeat(np.array(units, dtype=object), c * p),
        "code": np.tile(np.repeat(np.array(codes, dtype=object), p), u),
        "period": np.tile(np.array(periods, dtype=object), u * c),
    }


def _history_rows(result: Result, history: Panel, nodes: list[str]) -> pd.DataFrame:
    agg = result.aggregated
    node_values = agg.values[:, :, [agg.codes.index(n) for n in nodes]].transpose(1, 2, 0)
    parts = []
    for kind, codes, values, periods in (
        ("indicator", history.codes, history.values.transpose(1, 2, 0), history.periods),
        ("node", tuple(nodes), node_values, result.periods),
    ):
        frame = pd.DataFrame(_long(history.units, codes, periods))
        frame["kind"] = kind
        frame["stage"] = "history"
        frame["value"] = values.reshape(-1)
        parts.append(frame.dropna(subset=["value"]))
    return pd.concat(parts, ignore_index=True)


def _indicator_rows(history, future, mean, sd, low, high, levels) -> pd.DataFrame:
    lo, hi = low[None, :, None], high[None, :, None]
    frame = pd.DataFrame(_long(history.units, history.codes, future))
    frame["kind"] = "indicator"
    frame["stage"] = "forecast"
    frame["value"] = np.clip(mean, lo, hi).reshape(-1)
    for level, lower, upper in _interval_names(levels):
        z = float(ndtri(0.5 + level / 2))
        frame[lower] = np.clip(mean - z * sd, lo, hi).reshape(-1)
        frame[upper] = np.clip(mean + z * sd, lo, hi).reshape(-1)
    frame["sd"] = sd.reshape(-1)
    return frame.dropna(subset=["value"])


def _quantiles(paths: np.ndarray, q: list[float], method: str = "linear") -> np.ndarray:
    """Quantiles over the samples axis; NaN where a unit has no score in any sample."""
    if not np.isnan(paths).any():
        return np.quantile(paths, q, axis=0, method=method)
    with warnings.catch_warnings(action="ignore", category=RuntimeWarning):
        return np.nanquantile(paths, q, axis=0, method=method)


def _blind(m: Methodology, fit: TrendFit, history: Panel) -> np.ndarray:
    """(units, nodes): True where an indicator under the node has data but no estimable σ, so
    the node's simulated interval would be too narrow to show."""
    nodes = m.aggregation_order
    if fit.sigma_known is None:
        return np.zeros((len(history.units), len(nodes)), dtype=bool)
    unknown = (~fit.sigma_known & (fit.observations > 0)).reshape(len(history.units), -1)

    def under(code: str) -> list[str]:
        kids = m.children.get(code)
        return [code] if kids is None else [i for k in kids for i in under(k)]

    columns = [[history.codes.index(i) for i in under(n)] for n in nodes]
    return np.stack([unknown[:, c].any(axis=1) for c in columns], axis=1)


def _node_rows(units, nodes, future, paths, levels, blind) -> pd.DataFrame:
    """Median and equal-tailed intervals of the simulated node scores."""
    probs = [0.5] + [p for lv in levels for p in (0.5 - lv / 2, 0.5 + lv / 2)]
    q = _quantiles(paths, probs).transpose(0, 2, 3, 1)  # (q, units, nodes, periods)
    frame = pd.DataFrame(_long(units, nodes, future))
    frame["kind"] = "node"
    frame["stage"] = "forecast"
    frame["value"] = q[0].reshape(-1).astype(float)
    hidden = np.broadcast_to(blind[:, :, None], q.shape[1:]).reshape(-1)
    for k, (_, lower, upper) in enumerate(_interval_names(levels)):
        frame[lower] = np.where(hidden, np.nan, q[1 + 2 * k].reshape(-1).astype(float))
        frame[upper] = np.where(hidden, np.nan, q[2 + 2 * k].reshape(-1).astype(float))
    return frame.dropna(subset=["value"])


def _rank_rows(units, future, ranks, levels) -> pd.DataFrame:
    probs = [0.5] + [p for lv in levels for p in (0.5 - lv / 2, 0.5 + lv / 2)]
    # Ranks are reported as ranks some sample path took, not interpolated between two.
    q = _quantiles(ranks, probs, method="inverted_cdf").transpose(0, 2, 1)  # (q, units, periods)
    frame = pd.DataFrame(
        {
            "unit": np.repeat(np.array(units, dtype=object), len(future)),
            "period": np.tile(np.array(future, dtype=object), len(units)),
            "rank": q[0].reshape(-1).astype(float),
        }
    )
    for k, level in enumerate(levels):
        frame[f"best_{level * 100:g}"] = q[1 + 2 * k].reshape(-1).astype(float)
        frame[f"worst_{level * 100:g}"] = q[2 + 2 * k].reshape(-1).astype(float)
    return frame.dropna(subset=["rank"]).reset_index(drop=True)


def _year_ends(future: Sequence[str]) -> list[tuple[int, int]]:
    """(year, position in `future`) of every year whose last period is forecast."""
    out = []
    for i, label in enumerate(future):
        year = period_year(label)
        if i + 1 == len(future) or period_year(future[i + 1]) != year:
            p = parse_period(label)
            if p is not None and p.sub in (0, PER_YEAR[p.freq]):
                out.append((year, i))
    return out


TARGET_COLUMNS = {
    "unit": object,
    "code": object,
    "kind": object,
    "year": int,
    "period": object,
    "direction": int,
    "target": float,
    "forecast": float,
    "probability": float,
}


def _no_targets() -> pd.DataFrame:
    return pd.DataFrame({k: pd.Series(dtype=v) for k, v in TARGET_COLUMNS.items()})


def _indicator_targets(m, history, future, mean, sd, low, high) -> pd.DataFrame:
    """Exact probabilities from the normal predictive distribution, clipped at the bounds."""
    ends = _year_ends(future)
    codes = [c for c in history.codes if m.indicator(c).targets]
    if not ends or not codes:
        return _no_targets()
    cols = [history.codes.index(c) for c in codes]
    years = [y for y, _ in ends]
    at = [i for _, i in ends]
    mu = mean[:, cols][:, :, at]  # (units, codes, years)
    s = sd[:, cols][:, :, at]
    direction = np.array([m.indicator(c).direction for c in codes], dtype=float)[None, :, None]
    target = np.array(
        [[m.indicator(c).target_for_year(y) for y in years] for c in codes], dtype=float
    )[None, :, :]
    tol = 1e-9 * np.maximum(1.0, np.abs(target))
    gap = direction * (mu - target) + tol  # ≥ 0 where the forecast meets the target
    with np.errstate(all="ignore"):
        prob = np.where(s > 0, ndtr(gap / s), (gap >= 0).astype(float))
    prob = np.where(np.isnan(s), np.nan, prob)  # spread unknown: the chance is unknown too
    lo, hi = low[cols][None, :, None], high[cols][None, :, None]
    # A clipped value reaches a target beyond its bound never, and one inside it always.
    prob = np.where(direction > 0, np.where(target > hi, 0.0, prob), prob)
    prob = np.where(direction < 0, np.where(target < lo, 0.0, prob), prob)
    prob = np.where(direction > 0, np.where(target <= lo, 1.0, prob), prob)
    prob = np.where(direction < 0, np.where(target >= hi, 1.0, prob), prob)
    frame = pd.DataFrame(_long(history.units, codes, years)).rename(columns={"period": "year"})
    frame["kind"] = "indicator"
    frame["period"] = np.tile(
        np.array([future[i] for i in at], dtype=object), len(frame) // len(at)
    )
    frame["direction"] = np.broadcast_to(direction, mu.shape).reshape(-1).astype(int)
    frame["target"] = np.broadcast_to(target, mu.shape).reshape(-1)
    frame["forecast"] = np.clip(mu, lo, hi).reshape(-1)
    frame["probability"] = prob.reshape(-1)
    frame["year"] = frame["year"].astype(int)
    return frame.dropna(subset=["forecast"])[list(TARGET_COLUMNS)]


def _node_targets(units, nodes, future, paths, node_targets) -> pd.DataFrame:
    """Share of sample paths at or above each given node threshold at the year's end."""
    unknown = sorted(set(node_targets) - set(nodes))
    if unknown:
        raise ValueError(f"targets given for unknown node(s): {', '.join(unknown)}")
    parts = [_no_targets()]
    for year, i in _year_ends(future):
        for node, by_year in node_targets.items():
            if year not in by_year:
                continue
            target = float(by_year[year])
            values = paths[:, i, :, nodes.index(node)]
            with np.errstate(invalid="ignore"):
                share = np.mean(values >= target - 1e-9 * max(1.0, abs(target)), axis=0)
            share = np.where(np.isnan(values).all(axis=0), np.nan, share)
            parts.append(
                pd.DataFrame(
                    {
                        "unit": list(units),
                        "code": node,
                        "kind": "node",
                        "year": year,
                        "period": future[i],
                        "direction": 1,
                        "target": target,
                        "forecast": np.median(values, axis=0).astype(float),
                        "probability": share,
                    }
                ).dropna(subset=["probability"])
            )
    return pd.concat([q for q in parts if len(q)] or parts[:1], ignore_index=True)


def _model_rows(history: Panel, fit: TrendFit) -> pd.DataFrame:
    """What was fitted to each series, so a surprising forecast can be traced to its model."""
    u, c = len(history.units), len(history.codes)
    last = len(history.periods) - 1 - fit.gap
    frame = pd.DataFrame(
        {
            "unit": np.repeat(np.array(history.units, dtype=object), c),
            "indicator": np.tile(np.array(history.codes, dtype=object), u),
            "model": fit.model,
            "observations": fit.observations,
            "last_period": np.where(
                fit.observations > 0, np.array(history.periods, dtype=object)[last], None
            ),
            "alpha": fit.alpha,
            "beta": fit.beta,
            "phi": fit.phi,
            "level": fit.level,
            "trend": fit.trend,
            "sigma": fit.sigma,
        }
    )
    return frame
