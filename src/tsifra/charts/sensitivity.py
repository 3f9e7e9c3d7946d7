"""The bar chart of Sobol' indices that an analyst puts in a methodology note (PNG or SVG).

Matplotlib is imported on the first chart, not with the package, and draws on an Agg canvas of
its own figure: no pyplot state, no display, safe in a server or a test run.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from tsifra.kernel.formatting import significant

FORMATS = (".png", ".svg")
S1_COLOUR, ST_COLOUR = "#9ecae1", "#08519c"


def sobol_chart(
    indices: pd.DataFrame,
    path: str | Path,
    labels: Mapping[str, str],
    title: str,
    legend: tuple[str, str],
    *,
    lang: str,
) -> Path:
    """Side-by-side bars of S1 and ST per choice, with their confidence intervals as whiskers.

    `indices` has the columns input, S1, S1_conf, ST, ST_conf; `labels` names each input for a
    reader; the format follows the extension (.png or .svg); the axis writes its numbers as
    `lang` does (0,25 in Russian). Written to a temporary name and renamed, so a failed write
    leaves nothing behind.
    """
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"unsupported chart format {suffix!r}: use .png or .svg")
    rows = indices.iloc[::-1]  # the first choice at the top
    names = [labels.get(i, i) for i in rows["input"]]
    y = range(len(rows))
    height = 0.38
    figure = Figure(figsize=(7.5, 1.2 + 0.55 * len(rows)), layout="constrained")
    axes = figure.add_subplot()
    axes.barh(
        [k + height / 2 for k in y],
        rows["S1"].clip(lower=0),
        height,
        xerr=rows["S1_conf"],
        color=S1_COLOUR,
        label=legend[0],
        error_kw={"elinewidth": 0.8, "capsize": 2},
    )
    axes.barh(
        [k - height / 2 for k in y],
        rows["ST"].clip(lower=0),
        height,
        xerr=rows["ST_conf"],
        color=ST_COLOUR,
        label=legend[1],
        error_kw={"elinewidth": 0.8, "capsize": 2},
    )
    axes.set_yticks(list(y), names)
    axes.set_xlim(0, max(1.0, float((rows["ST"] + rows["ST_conf"]).max()) * 1.05))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _: significant(x, lang)))
    axes.set_title(title, loc="left", fontsize=11)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.06), ncols=2, frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="x", alpha=0.3)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        figure.savefig(tmp, format=suffix[1:], dpi=150)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
