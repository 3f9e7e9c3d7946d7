"""The baseline: the same pipeline written as a plain per-unit Python loop, as a spreadsheet
macro or a first script would do it. It also cross-checks the vectorised engine's numbers."""

from __future__ import annotations

import math

import pandas as pd

from tsifra.methodology import Methodology


def _skew_kurt(xs: list[float]) -> tuple[float, float]:
    n = len(xs)
    mean = sum(xs) / n
    d = [x - mean for x in xs]
    m2 = sum(v * v for v in d)
    if n < 4 or m2 == 0:
        return 0.0, 0.0
    g1 = math.sqrt(n) * sum(v**3 for v in d) / m2**1.5
    r = n * sum(v**4 for v in d) / m2**2
    skew = g1 * math.sqrt(n * (n - 1)) / (n - 2)
    kurt = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    return skew, kurt


def _treat(col: dict[str, float]) -> dict[str, float]:
    def fails(c):
        s, k = _skew_kurt(list(c.values()))
        return abs(s) >= 2 and k >= 3.5

    if not fails(col):
        return col
    won, moved = dict(col), set()
    while fails(won) and len(moved) < 5:
        high = _skew_kurt(list(won.values()))[0] >= 0
        extreme = max(won.values()) if high else min(won.values())
        rest = [v for v in won.values() if v != extreme]
        if not rest:
            break
        inner = max(rest) if high else min(rest)
        for u, v in won.items():
            if v == extreme:
                won[u] = inner
                moved.add(u)
    if not fails(won):
        return won
    lo, hi = min(col.values()), max(col.values())
    return {u: math.log(v - lo + 0.01 * (hi - lo)) for u, v in col.items()}


def naive_index(m: Methodology, values: pd.DataFrame, units: pd.DataFrame) -> dict:
    """Index score per (period, unit), computed unit by unit."""
    data: dict = {}
    for u, p, i, v in values.itertuples(index=False):
        data.setdefault(p, {}).setdefault(u, {})[i] = v
    codes = m.indicator_codes
    group = units["district"].to_dict()
    out = {}
    for p, by_unit in data.items():
        ulist = list(by_unit)
        for i in codes:  # impute by group mean
            sums: dict = {}
            for u in ulist:
                if i in by_unit[u]:
                    s = sums.setdefault(group[u], [0.0, 0])
                    s[0] += by_unit[u][i]
                    s[1] += 1
            for u in ulist:
                if i not in by_unit[u] and group[u] in sums:
                    s = sums[group[u]]
                    by_unit[u][i] = s[0] / s[1]
        kept = [u for u in ulist if len(by_unit[u]) / len(codes) >= 0.5]
        norm = {u: {} for u in kept}
        for i in codes:
            col = {u: by_unit[u][i] * m.indicator(i).direction for u in kept if i in by_unit[u]}
            col = _treat(col)
            lo, hi = min(col.values()), max(col.values())
            for u, v in col.items():
                norm[u][i] = 100 * (v - lo) / (hi - lo) if hi > lo else 50.0
        for u in kept:
            score = dict(norm[u])
            for node in m.aggregation_order:
                kids = [k for k in m.children[node] if k in score]
                w = sum(m.weights[k] for k in kids)
                total = sum(m.weights[k] for k in m.children[node])
                if kids and w / total >= 0.5:
                    score[node] = sum(m.weights[k] * score[k] for k in kids) / w
            out[(p, u)] = score.get(m.root, float("nan"))
    return out
