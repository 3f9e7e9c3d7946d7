"""Rank units per period and node: 1 is the best score, ties share the best rank."""

from __future__ import annotations

import numpy as np


def rank_desc(scores: np.ndarray) -> np.ndarray:
    """Ranks over axis 1 (units) of a (periods, units, codes) array; NaN scores get no rank."""
    higher = (scores[:, None, :, :] > scores[:, :, None, :]).sum(axis=2)
    return np.where(np.isnan(scores), np.nan, higher + 1.0)


def change(values: np.ndarray) -> np.ndarray:
    """Difference against the previous period along axis 0 (NaN for the first period)."""
    out = np.full(values.shape, np.nan)
    out[1:] = values[1:] - values[:-1]
    return out
