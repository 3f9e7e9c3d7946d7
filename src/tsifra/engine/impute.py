"""Impute: fill missing indicator values by a named method, per indicator.

Cross-sectional methods (mean, median, group_mean, group_median) fill from the other units in the
same period; temporal methods (locf, interpolate) fill from the same unit's other periods and never
extrapolate beyond its first observation. A value that cannot be filled stays missing; aggregation
then re-weights over the children that are present.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np
import pandas as pd

from tsifra.engine.panel import Panel
from tsifra.methodology import Methodology
from tsifra.methodology.schema import ImputeSpec

ImputeFn = Callable[[np.ndarray, ImputeSpec, pd.DataFrame | None, tuple[str, ...]], np.ndarray]


def _none(x: np.ndarray, spec, units, unit_codes) -> np.ndarray:
    return x


def _cross(stat: Callable) -> ImputeFn:
    def fill(x: np.ndarray, spec, units, unit_codes) -> np.ndarray:
        with (
            np.errstate(all="ignore"),
            warnings.catch_warnings(action="ignore", category=RuntimeWarning),
        ):
            centre = stat(x, axis=1, keepdims=True)
        return np.where(np.isnan(x), centre, x)

    return fill


def _grouped(stat: Callable) -> ImputeFn:
    def fill(x: np.ndarray, spec, units, unit_codes) -> np.ndarray:
        groups = units[spec.group].reindex(list(unit_codes)).astype("string").to_numpy()
        out = x.copy()
        for g in pd.unique(groups[pd.notna(groups)]):
            members = groups == g
            with (
                np.errstate(all="ignore"),
                warnings.catch_warnings(action="ignore", category=RuntimeWarning),
            ):
                centre = stat(x[:, members, :], axis=1, keepdims=True)
            part = x[:, members, :]
            out[:, members, :] = np.where(np.isnan(part), centre, part)
        return out

    return fill


def _locf(x: np.ndarray, spec, units, unit_codes) -> np.ndarray:
    p = x.shape[0]
    index = np.where(np.isnan(x), 0, np.arange(p)[:, None, None])
    np.maximum.accumulate(index, axis=0, out=index)
    filled = np.take_along_axis(x, index, axis=0)
    return np.where(np.isnan(x), filled, x)


def _interpolate(x: np.ndarray, spec, units, unit_codes) -> np.ndarray:
    p, u, c = x.shape
    frame = pd.DataFrame(x.reshape(p, u * c))
    filled = frame.interpolate(axis=0, limit_area="inside").to_numpy()
    return filled.reshape(p, u, c)


METHODS: dict[str, ImputeFn] = {
    "none": _none,
    "mean": _cross(np.nanmean),
    "median": _cross(np.nanmedian),
    "group_mean": _grouped(np.nanmean),
    "group_median": _grouped(np.nanmedian),
    "locf": _locf,
    "interpolate": _interpolate,
}


def impute(panel: Panel, m: Methodology, units: pd.DataFrame | None) -> Panel:
    """Fill missing values indicator by indicator, each with its own (or the default) method."""
    out = panel.values.copy()
    for spec, columns in group_by_spec(panel.codes, lambda c: m.steps_for(c).impute).items():
        out[:, :, columns] = METHODS[spec.method](
            panel.values[:, :, columns], spec, units, panel.units
        )
    return panel.with_values(out)


def group_by_spec(codes: tuple[str, ...], spec_of: Callable) -> dict:
    """Columns sharing one step spec, so each method runs once over all of them."""
    groups: dict = {}
    for j, code in enumerate(codes):
        groups.setdefault(spec_of(code), []).append(j)
    return groups
