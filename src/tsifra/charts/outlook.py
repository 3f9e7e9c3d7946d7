"""The analysis charts of a region's page: the index's fan chart to the horizon and the rank's
interval over the variants of the computation. SVG strings like `charts`, text escaped here, and
numbers, periods and legends in the reader's language (`lang`)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape

from tsifra.charts.dashboard import finite
from tsifra.kernel.formatting import number, period, significant
from tsifra.kernel.language import word, word_keys

FanPoint = tuple[str, float | None, float | None, float | None, float | None, float | None]


def fan_chart(
    history: Sequence[tuple[str, float | None]],
    forecast: Sequence[FanPoint],
    targets: Mapping[str, float] | None = None,
    labels: tuple[str, str, str, str, str] | None = None,
    title: str = "",
    ceiling: float | None = 100.0,
    *,
    lang: str,
    narrow: bool = False,
) -> str:
    """A fan chart: the observed line, then the forecast median inside its 80 % and 95 % bands.

    `history` is (period, value); `forecast` is (period, median, lower_80, upper_80, lower_95,
    upper_95) for the periods after it. The bands open from the last observed value. A band is
    drawn only where both its bounds are known (a series too short to estimate its spread has
    none), so a missing bound leaves a gap, never a band of zero width that would look certain.
    `targets` (period → value) are drawn as marks; the y axis stops at `ceiling` (the top of the
    index scale) unless a value lies above it. The legend is in `lang` unless `labels` (actual,
    median, 80 %, 95 %, target) says otherwise.

    `narrow` draws it for a phone: 360 units wide, so at a phone's width its 11-unit text stays
    about 11 px high (the wide one, scaled down to a phone, would have 6 px text), with the
    legend on as many lines as it needs. Its class is `fan-chart-narrow`; the page shows one of
    the two by the screen's width.
    """
    labels = labels or tuple(
        word(key, lang)
        for key in word_keys("fan_history", "fan_median", "fan_80", "fan_95", "fan_target")
    )
    width, height = (360, 262) if narrow else (680, 256)
    left, right, top, bottom = (40, 10, 12, 64) if narrow else (46, 20, 12, 48)
    kind = "fan-chart-narrow" if narrow else "fan-chart"
    plot_w, plot_h = width - left - right, height - top - bottom
    targets = {p: v for p, v in (targets or {}).items() if finite(v)}
    periods = [p for p, _ in history] + [row[0] for row in forecast]
    known = [v for _, v in history if finite(v)]
    known += [v for row in forecast for v in row[1:] if finite(v)]
    known += list(targets.values())
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{kind}" viewBox="0 0 {width}'
        f' {height}" width="{width}" height="{height}" role="img" aria-label="{escape(title)}">'
    ]
    if not known or not periods:
        parts.append("</svg>")
        return "".join(parts)
    low, high = _axis_range(min(known), max(known), ceiling)
    step = plot_w / max(len(periods) - 1, 1)
    position = {p: i for i, p in enumerate(periods)}

    def x(period: str) -> float:
        return left + position[period] * step

    def y(value: float) -> float:
        return top + plot_h - (value - low) / (high - low) * plot_h

    parts.append(_y_axis(low, high, left, width - right, y, lang))
    parts.append(_x_axis(periods, x, top + plot_h))
    last = next(((p, v) for p, v in reversed(history) if finite(v)), None)
    if forecast and history:
        xs = x(history[-1][0])
        parts.append(
            f'<line class="now" x1="{xs:.1f}" x2="{xs:.1f}" y1="{top}" y2="{top + plot_h}"'
            ' stroke="#9aa3b2" stroke-dasharray="2,3"/>'
        )
    drawn = {"history": True, "median": True, "band-80": False, "band-95": False}
    drawn["target"] = bool(targets)
    for lo_at, hi_at, fill, kind in ((4, 5, "#cfe0f7", "band-95"), (2, 3, "#8fb4ea", "band-80")):
        for run in _band_runs(forecast, lo_at, hi_at, last):
            drawn[kind] = True
            upper = " ".join(f"{x(p):.1f},{y(hi):.1f}" for p, _, hi in run)
            lower = " ".join(f"{x(p):.1f},{y(lo):.1f}" for p, lo, _ in reversed(run))
            parts.append(f'<polygon class="{kind}" points="{upper} {lower}" fill="{fill}"/>')
    seen = [(p, v) for p, v in history if finite(v)]
    if len(seen) > 1:
        path = " ".join(f"{x(p):.1f},{y(v):.1f}" for p, v in seen)
        parts.append(
            f'<polyline class="history" points="{path}" fill="none" stroke="#1d2433"'
            ' stroke-width="2"/>'
        )
    for p, v in seen:
        parts.append(
            f'<circle cx="{x(p):.1f}" cy="{y(v):.1f}" r="2" fill="#1d2433">'
            f"<title>{escape(f'{period(p, lang)}: {number(v, lang, 1)}')}</title></circle>"
        )
    median = ([last] if last else []) + [(row[0], row[1]) for row in forecast if finite(row[1])]
    if len(median) > 1:
        path = " ".join(f"{x(p):.1f},{y(v):.1f}" for p, v in median)
        parts.append(
            f'<polyline class="median" points="{path}" fill="none" stroke="#1f5fbf"'
            ' stroke-width="2" stroke-dasharray="5,3"/>'
        )
    for when, value, *bounds in forecast:
        if finite(value):
            parts.append(
                f'<circle cx="{x(when):.1f}" cy="{y(value):.1f}" r="5" fill="transparent">'
                f"<title>{escape(_fan_tip(when, value, bounds, labels, lang))}</title></circle>"
            )
    for when, value in targets.items():
        if when in position:
            tip = f"{labels[4]} {period(when, lang)}: {number(value, lang, 1)}"
            parts.append(
                f'<g class="target"><title>{escape(tip)}</title>'
                f'<line x1="{x(when) - 6:.1f}" x2="{x(when) + 6:.1f}" y1="{y(value):.1f}"'
                f' y2="{y(value):.1f}" stroke="#1b7f3b" stroke-width="3"/></g>'
            )
    legend_y = height - (28 if narrow else 12)
    parts.append(_fan_legend(labels, left, legend_y, list(drawn.values()), width - right))
    parts.append("</svg>")
    return "".join(parts)


def _axis_range(low: float, high: float, ceiling: float | None) -> tuple[float, float]:
    """A padded value range for an axis; flat data gets a band of ±1 around it."""
    pad = (high - low) * 0.08 or 1.0
    low, high = low - pad, high + pad
    if ceiling is not None and high > ceiling >= high - 2 * pad:
        high = ceiling
    return low, high


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.ceil(low / step) * step
    return [first + k * step for k in range(int((high - first) / step + 1e-9) + 1)]


def _y_axis(low: float, high: float, x0: float, x1: float, y, lang: str) -> str:
    parts = ['<g class="y-axis">']
    for tick in _ticks(low, high):
        at = y(tick)
        parts.append(
            f'<line x1="{x0}" x2="{x1}" y1="{at:.1f}" y2="{at:.1f}" stroke="#eef0f4"/>'
            f'<text x="{x0 - 6}" y="{at + 4:.1f}" text-anchor="end" font-size="11"'
            f' fill="#5b6475">{significant(tick, lang)}</text>'
        )
    parts.append("</g>")
    return "".join(parts)


def _x_axis(periods: Sequence[str], x, baseline: float) -> str:
    """A label per year under its first period; the periods of one year share its first 4
    characters (2026, 2026Q1, 2026-03)."""
    parts = [
        f'<g class="x-axis"><line x1="{x(periods[0]):.1f}" x2="{x(periods[-1]):.1f}"'
        f' y1="{baseline}" y2="{baseline}" stroke="#9aa3b2"/>'
    ]
    years = {}
    for p in periods:
        years.setdefault(p[:4], p)
    spacing = max(1, math.ceil(len(years) * 34 / max(x(periods[-1]) - x(periods[0]), 1)))
    for k, (year, first) in enumerate(years.items()):
        if k % spacing:
            continue
        parts.append(
            f'<line x1="{x(first):.1f}" x2="{x(first):.1f}" y1="{baseline}" y2="{baseline + 4}"'
            f' stroke="#9aa3b2"/><text x="{x(first):.1f}" y="{baseline + 16}" font-size="11"'
            f' text-anchor="middle" fill="#5b6475">{escape(year)}</text>'
        )
    parts.append("</g>")
    return "".join(parts)


def _band_runs(forecast: Sequence[FanPoint], lo_at: int, hi_at: int, last):
    """Runs of consecutive forecast points with both bounds known, as (period, low, high); the
    first run starts at the last observed point when it starts at the first forecast period."""
    runs, run = [], []
    for k, row in enumerate(forecast):
        lo, hi = row[lo_at], row[hi_at]
        if finite(lo) and finite(hi):
            if not run and k == 0 and last is not None:
                run.append((last[0], last[1], last[1]))
            run.append((row[0], lo, hi))
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return [r for r in runs if len(r) > 1]


def _fan_tip(when: str, value: float, bounds: Sequence[float | None], labels, lang: str) -> str:
    text = f"{period(when, lang)}: {number(value, lang, 1)}"
    for name, (lo, hi) in ((labels[2], bounds[0:2]), (labels[3], bounds[2:4])):
        if finite(lo) and finite(hi):
            text += f"; {name}: {number(lo, lang, 1)}–{number(hi, lang, 1)}"
    return text


def _fan_legend(labels, x0: float, y: float, shown: Sequence[bool], x_max: float) -> str:
    """The legend of what was drawn: a band that no forecast has is not listed. An item that
    would pass `x_max` starts a new line 16 units lower."""
    items = [
        '<line x1="0" x2="18" y1="-4" y2="-4" stroke="#1d2433" stroke-width="2"/>',
        '<line x1="0" x2="18" y1="-4" y2="-4" stroke="#1f5fbf" stroke-width="2"'
        ' stroke-dasharray="5,3"/>',
        '<rect x="0" y="-9" width="18" height="10" fill="#8fb4ea"/>',
        '<rect x="0" y="-9" width="18" height="10" fill="#cfe0f7"/>',
        '<line x1="3" x2="15" y1="-4" y2="-4" stroke="#1b7f3b" stroke-width="3"/>',
    ]
    parts, at = ['<g class="legend">'], x0
    for mark, text, drawn in zip(items, labels, shown, strict=True):
        if not drawn:
            continue
        room = 23 + 6.5 * len(text)
        if at > x0 and at + room > x_max:
            at, y = x0, y + 16
        parts.append(
            f'<g transform="translate({at:.0f},{y:.0f})">{mark}<text x="23" y="0"'
            f' font-size="11">{escape(text)}</text></g>'
        )
        at += 34 + 6.5 * len(text)
    parts.append("</g>")
    return "".join(parts)


def rank_interval(
    nominal: float | None,
    low: float | None,
    high: float | None,
    units: int,
    median: float | None = None,
    top: int = 10,
    labels: tuple[str, str, str] | None = None,
    title: str = "",
    *,
    lang: str,
    narrow: bool = False,
) -> str:
    """A rank with its interval as an error bar on the axis of all ranks, 1 (best) on the left.

    `low`–`high` are the 5th and 95th percentile ranks over the uncertainty samples; the top `top`
    places are shaded, so "stays in the top 10" is read off the picture. A zero-width interval is
    drawn as caps on the dot: the caller says in words that nothing was varied if so. The
    labels (rank, interval, top zone with `{top}`) are in `lang` unless `labels` are given.
    `narrow` draws it 360 units wide for a phone (class `rank-interval-narrow`), as `fan_chart`.
    """
    labels = labels or (
        word("chart_rank", lang),
        word("chart_rank_interval", lang),
        word("chart_top", lang),  # `{top}` is filled in below
    )
    width, height = (360, 78) if narrow else (640, 78)
    kind = "rank-interval-narrow" if narrow else "rank-interval"
    second = 140 if narrow else 200  # where the legend's second item starts
    left, right, axis_y = 16, 16, 34
    plot_w = width - left - right
    n = max(int(units), 1)

    def x(rank: float) -> float:
        return left + (min(max(rank, 1), n) - 1) / max(n - 1, 1) * plot_w

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{kind}" viewBox="0 0 {width}'
        f' {height}" width="{width}" height="{height}" role="img" aria-label="{escape(title)}">'
    ]
    if 1 <= top < n:
        edge = x(top + 0.5)
        parts.append(
            f'<rect class="top-zone" x="{left}" y="{axis_y - 16}" width="{edge - left:.1f}"'
            f' height="32" fill="#e3f2e7"/><text x="{left + 4}" y="{axis_y - 19}" font-size="11"'
            f' fill="#1b7f3b">{escape(labels[2].format(top=top))}</text>'
        )
    parts.append(
        f'<line x1="{left}" x2="{left + plot_w}" y1="{axis_y}" y2="{axis_y}" stroke="#9aa3b2"/>'
    )
    ticks = sorted({1, n, *(t for t in range(10, n, 10) if n - t >= max(n // 20, 1))})
    for rank in ticks:
        parts.append(
            f'<line x1="{x(rank):.1f}" x2="{x(rank):.1f}" y1="{axis_y}" y2="{axis_y + 5}"'
            f' stroke="#9aa3b2"/><text x="{x(rank):.1f}" y="{axis_y + 17}" font-size="11"'
            f' text-anchor="middle" fill="#5b6475">{rank}</text>'
        )
    if finite(low) and finite(high):
        x0, x1 = x(low), x(high)
        tip = escape(f"{labels[1]}: {significant(low, lang)}–{significant(high, lang)}")
        parts.append(
            f'<g class="interval"><title>{tip}</title><line x1="{x0:.1f}" x2="{x1:.1f}"'
            f' y1="{axis_y}" y2="{axis_y}" stroke="#1f5fbf" stroke-width="6"'
            ' stroke-linecap="butt" opacity="0.55"/>'
            f'<line x1="{x0:.1f}" x2="{x0:.1f}" y1="{axis_y - 9}" y2="{axis_y + 9}"'
            ' stroke="#1f5fbf" stroke-width="2"/>'
            f'<line x1="{x1:.1f}" x2="{x1:.1f}" y1="{axis_y - 9}" y2="{axis_y + 9}"'
            ' stroke="#1f5fbf" stroke-width="2"/></g>'
        )
    if finite(median):
        parts.append(
            f'<line class="median" x1="{x(median):.1f}" x2="{x(median):.1f}" y1="{axis_y - 6}"'
            f' y2="{axis_y + 6}" stroke="#1d2433" stroke-width="2"/>'
        )
    if finite(nominal):
        parts.append(
            f'<circle class="nominal" cx="{x(nominal):.1f}" cy="{axis_y}" r="6" fill="#1d2433"'
            f' stroke="#ffffff" stroke-width="2"><title>'
            f"{escape(f'{labels[0]}: {significant(nominal, lang)}')}</title></circle>"
        )
    legend_y = height - 8
    parts.append(
        f'<g class="legend"><circle cx="{left + 5}" cy="{legend_y - 4}" r="5" fill="#1d2433"/>'
        f'<text x="{left + 14}" y="{legend_y}" font-size="11">{escape(labels[0])}</text>'
        f'<line x1="{left + second}" x2="{left + second + 24}" y1="{legend_y - 4}"'
        f' y2="{legend_y - 4}" stroke="#1f5fbf" stroke-width="6" opacity="0.55"/>'
        f'<text x="{left + second + 30}" y="{legend_y}" font-size="11">{escape(labels[1])}'
        "</text></g>"
    )
    parts.append("</svg>")
    return "".join(parts)
