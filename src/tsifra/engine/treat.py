"""Treat outliers the way COINr does by default, vectorised over every period × indicator column.

The rule (COINr's `Treat()` defaults): a column fails when |skewness| ≥ 2 and kurtosis ≥ 3.5
(sample skewness and excess kurtosis of type 2, as e1071 and Excel compute them). A failing column
is winsorised one extreme at a time on the side of its skew — the extreme value, with any ties,
takes the next value inward — re-testing after each, until it passes or `winmax` points have been
winsorised. If it still fails, the winsorised values are discarded and the untreated column is
log-transformed: log(x − min + 0.01·(max − min)). Columns with too few values to measure shape pass.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from tsifra.engine.impute import group_by_spec
from tsifra.engine.panel import Panel
from tsifra.methodology import Methodology
from tsifra.methodology.schema import TreatSpec


def shape(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Type-2 sample skewness and excess kurtosis of each row, ignoring NaN.

    NaN where a row has too few values (3 for skewness, 4 for kurtosis) or no spread.
    """
    n = np.sum(~np.isnan(x), axis=1)
    with np.errstate(all="ignore"), warnings.catch_warnings(action="ignore"):
        d = x - np.nanmean(x, axis=1, keepdims=True)
        d2 = d * d
        m2 = np.nansum(d2, axis=1)
        g1 = np.sqrt(n) * np.nansum(d2 * d, axis=1) / m2**1.5
        skew = g1 * np.sqrt(n * (n - 1.0)) / (n - 2.0)
        r = n * np.nansum(d2 * d2, axis=1) / m2**2
        kurt = ((n + 1.0) * (r - 3.0) + 6.0) * (n - 1.0) / ((n - 2.0) * (n - 3.0))
    spread = m2 > 0
    return np.where((n >= 3) & spread, skew, np.nan), np.where((n >= 4) & spread, kurt, np.nan)


def skewness(x: np.ndarray) -> np.ndarray:
    return shape(x)[0]


def kurtosis(x: np.ndarray) -> np.ndarray:
    return shape(x)[1]


def passes(x: np.ndarray, spec: TreatSpec) -> np.ndarray:
    """True where a row needs no treatment; rows whose shape cannot be measured pass."""
    s, k = shape(x)
    ok = (np.abs(s) < spec.skew_threshold) | (k < spec.kurtosis_threshold)
    return ok | np.isnan(s) | np.isnan(k)


def winsorise_rows(x: np.ndarray, spec: TreatSpec) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Winsorise failing rows; returns values, points winsorised per row, and the point mask."""
    x = x.copy()
    count = np.zeros(x.shape[0], dtype=int)
    mask = np.zeros(x.shape, dtype=bool)
    active = ~passes(x, spec) & (spec.winmax > 0)
    while active.any():
        rows = x[active]
        high = skewness(rows) >= 0
        with warnings.catch_warnings(action="ignore"):
            extreme = np.where(high, np.nanmax(rows, axis=1), np.nanmin(rows, axis=1))
            at_extreme = rows == extreme[:, None]
            rest = np.where(at_extreme, np.nan, rows)
            inner = np.where(high, np.nanmax(rest, axis=1), np.nanmin(rest, axis=1))
        movable = ~np.isnan(inner)
        at_extreme &= movable[:, None]
        rows = np.where(at_extreme, inner[:, None], rows)
        x[active] = rows
        idx = np.flatnonzero(active)
        mask[idx] |= at_extreme
        count[idx] = mask[idx].sum(axis=1)
        still = ~passes(rows, spec) & movable & (count[idx] < spec.winmax)
        active = np.zeros_like(active)
        active[idx[still]] = True
    return x, count, mask


def log_transform(x: np.ndarray) -> np.ndarray:
    with warnings.catch_warnings(action="ignore"):
        lo = np.nanmin(x, axis=1, keepdims=True)
        hi = np.nanmax(x, axis=1, keepdims=True)
    with np.errstate(all="ignore"):
        return np.log(x - lo + 0.01 * (hi - lo))


def treat_rows(x: np.ndarray, spec: TreatSpec) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Two-stage treatment of rows; returns values, points winsorised, and whether logged."""
    if spec.method == "none":
        return x.copy(), np.zeros(x.shape[0], dtype=int), np.zeros(x.shape[0], dtype=bool)
    won, count, _ = winsorise_rows(x, spec)
    logged = ~passes(won, spec)
    out = np.where(logged[:, None], log_transform(x), won)
    return out, np.where(logged, 0, count), logged


REPORT_COLUMNS = [
    "period",
    "indicator",
    "treatment",
    "points",
    "skew_before",
    "kurtosis_before",
    "skew_after",
    "kurtosis_after",
]


def treat(panel: Panel, m: Methodology) -> tuple[Panel, pd.DataFrame]:
    """Treat every period × indicator column; report the columns that were changed and how.

    The report gives skewness and kurtosis before and after, as COINr's users read them: after
    a log transform they describe the logged values, which are what normalisation receives.
    """
    p, u, _c = panel.values.shape
    out = panel.values.copy()
    parts = [pd.DataFrame(columns=REPORT_COLUMNS)]
    for spec, columns in group_by_spec(panel.codes, lambda code: m.steps_for(code).treat).items():
        block = panel.values[:, :, columns].transpose(0, 2, 1).reshape(-1, u)
        treated, count, logged = treat_rows(block, spec)
        out[:, :, columns] = treated.reshape(p, len(columns), u).transpose(0, 2, 1)
        changed = np.flatnonzero((count > 0) | logged)
        # Shapes of the changed columns only: most pass untouched, and the uncertainty analysis
        # runs this thousands of times.
        before_s, before_k = shape(block[changed])
        after_s, after_k = shape(treated[changed])
        pi, cj = np.divmod(changed, len(columns))
        parts.append(
            pd.DataFrame(
                {
                    "period": np.array(panel.periods, dtype=object)[pi],
                    "indicator": np.array(panel.codes, dtype=object)[np.array(columns)[cj]],
                    "treatment": np.where(logged[changed], "log", "winsorise"),
                    "points": count[changed],
                    "skew_before": before_s,
                    "kurtosis_before": before_k,
                    "skew_after": after_s,
                    "kurtosis_after": after_k,
                }
            )
        )
    report = pd.concat([q for q in parts if len(q)] or parts[:1], ignore_index=True)
    return panel.with_values(out), report
