"""Server-side SVG charts: pure functions from numbers to an SVG string.

The pages inline them and the PDF brief embeds them, so a chart looks the same on screen and on
paper and needs no JavaScript or third-party asset. Every piece of text is XML-escaped here; a
caller may put the result into a template unescaped (`|safe`). Numbers and periods are written
in the reader's language (`lang`), as the page or the brief around the chart is.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from html import escape

from tsifra.kernel.formatting import number, period
from tsifra.kernel.language import word

TILE = 44  # px per tile side on the map
GAP = 3
LOW, HIGH = (222, 235, 247), (8, 69, 148)  # light to dark blue: a higher index reads darker
NO_DATA = "#e3e5ea"
LEGEND = 26  # px under the tiles for the colour scale
BARS_WIDTH = 360  # the sector bars' and the trend chart's width: a phone's, so text stays readable


def colour(score: float | None, low: float = 0.0, high: float = 100.0) -> str:
    """A colour on the light-to-dark ramp for `score` in [low, high]; grey when missing."""
    if score is None or (isinstance(score, float) and math.isnan(score)):
        return NO_DATA
    share = 0.0 if high <= low else min(max((score - low) / (high - low), 0.0), 1.0)
    rgb = (round(a + (b - a) * share) for a, b in zip(LOW, HIGH, strict=True))
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _ink_on(fill: str) -> str:
    r, g, b = (int(fill[i : i + 2], 16) for i in (1, 3, 5))
    return "#ffffff" if 0.299 * r + 0.587 * g + 0.114 * b < 140 else "#1d2433"


def finite(value: float | None) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def tile_map(
    grid: Mapping[str, tuple[int, int]],
    scores: Mapping[str, float | None],
    names: Mapping[str, str] | None = None,
    href: str | None = "/regions/{code}",
    title: str = "",
    focus: Collection[str] | None = None,
    *,
    lang: str,
) -> str:
    """The tile-grid map of Russia: one square per region at its (col, row), coloured by score.

    `grid` maps region code to (col, row) from the reference tile grid; regions missing from
    `scores` are drawn grey. With `href` (a format string with `{code}`) each tile is a link.
    The colour ramp spans the scores present, so differences stay visible when all are high.
    With `focus` (e.g. one federal district) the other regions are faded, not dropped: the
    colours stay on the country's scale, so a district is still seen against the rest.
    """
    names = names or {}
    low, high = _span(scores)
    cols = max((c for c, _ in grid.values()), default=0) + 1
    rows = max((r for _, r in grid.values()), default=0) + 1
    width, height = cols * (TILE + GAP), rows * (TILE + GAP) + LEGEND
    # With links the map is a group of named links (an "img" may hold nothing interactive);
    # without, as in the PDF, it is one picture.
    role = "group" if href else "img"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="tile-map" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}" role="{role}" aria-label="{escape(title)}">'
    ]
    for code in sorted(grid):
        col, row = grid[code]
        score = scores.get(code)
        fill = colour(score, low, high)
        label = escape(code.removeprefix("RU-"))
        shown = number(score, lang, 1)
        tip = escape(f"{names.get(code, code)}: {shown}")
        x, y = col * (TILE + GAP), row * (TILE + GAP)
        faded = focus is not None and code not in focus
        kind = "tile faded" if faded else "tile"
        opacity = ' opacity="0.25"' if faded else ""
        tile = (
            f'<g class="{kind}" data-code="{escape(code)}"{opacity}><title>{tip}</title>'
            f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" rx="4" fill="{fill}"/>'
            f'<text class="code" x="{x + TILE / 2}" y="{y + TILE / 2 + 4}" text-anchor="middle"'
            f' font-size="11" fill="{_ink_on(fill)}">{label}</text></g>'
        )
        if href:
            link = escape(href.format(code=code))
            tile = f'<a href="{link}" aria-label="{tip}">{tile}</a>'
        parts.append(tile)
    parts.append(_scale(low, high, height - LEGEND + 6, lang))
    parts.append("</svg>")
    return "".join(parts)


def _span(scores: Mapping[str, float | None]) -> tuple[float, float]:
    """The range the map's colours span: the scores present, or 0..100 when there are none."""
    present = [s for s in scores.values() if finite(s)]
    return (min(present), max(present)) if present else (0.0, 100.0)


def tile_scale(scores: Mapping[str, float | None], title: str = "", *, lang: str) -> str:
    """The map's colour scale alone, drawn at its own size: on a phone the map is scaled down
    so far that the scale inside it would be unreadable, so the page shows this one under it.
    The colours and the range are the map's own (`tile_map` with the same `scores`)."""
    low, high = _span(scores)
    said = escape(f"{title} {number(low, lang, 1)} – {number(high, lang, 1)}".strip())
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" class="tile-scale" viewBox="0 0 200 22"'
        f' width="200" height="22" role="img" aria-label="{said}">'
        f"{_scale(low, high, 4, lang)}</svg>"
    )


def _scale(low: float, high: float, y: int, lang: str) -> str:
    """The colour scale under the map: five steps from the lowest score shown to the highest."""
    steps = [low + (high - low) * i / 4 for i in range(5)]
    cells = "".join(
        f'<rect x="{40 + i * 24}" y="{y}" width="24" height="12" fill="{colour(v, low, high)}"/>'
        for i, v in enumerate(steps)
    )
    return (
        f'<g class="scale">{cells}<text x="34" y="{y + 10}" text-anchor="end" font-size="11">'
        f'{number(low, lang, 1)}</text><text x="{40 + 5 * 24 + 6}" y="{y + 10}" font-size="11">'
        f"{number(high, lang, 1)}</text></g>"
    )


def sector_bars(
    sectors: Sequence[tuple[str, float | None, float | None, float | None]],
    labels: tuple[str, str, str] | None = None,
    maximum: float = 100.0,
    *,
    lang: str,
) -> str:
    """Horizontal bars of each sector's score against the average and the leader.

    `sectors` are (name, score, average, leader_score); scores are on the index scale (0..100).
    The average and the leader are marks on the bar, so one glance shows the gap to each. The
    legend says «Регион», «Среднее», «Лидер» in `lang` unless `labels` says otherwise.

    Each name stands on its own line above its bar, so the chart is 360 units wide whatever the
    names: on a 390 px phone it is drawn at about its own size and its 12-unit text stays
    readable (≈ 12 px), where a name beside its bar would shrink everything to a few pixels.
    """
    labels = labels or (word("region", lang), word("average", lang), word("leader", lang))
    row_h, bar_w, width = 46, BARS_WIDTH - 52, BARS_WIDTH
    height = row_h * len(sectors) + 30

    def said(value: float | None) -> str:
        return number(value, lang, 1) if finite(value) else "—"

    # What a screen reader says for the picture: every bar with its two marks.
    summary = "; ".join(
        f"{name}: {said(score)} ({labels[1].lower()} {said(average)},"
        f" {labels[2].lower()} {said(leader)})"
        for name, score, average, leader in sectors
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sector-bars" viewBox="0 0 {width}'
        f' {height}" width="{width}" height="{height}" role="img"'
        f' aria-label="{escape(summary)}">'
    ]
    for i, (name, score, average, leader) in enumerate(sectors):
        y = i * row_h + 4
        shown = escape(_cut(name, 52))
        parts.append(f'<text x="0" y="{y + 13}" font-size="12" fill="#1d2433">{shown}</text>')
        parts.append(f'<rect x="0" y="{y + 20}" width="{bar_w}" height="16" fill="#eef0f4"/>')
        if finite(score):
            w = bar_w * min(max(score / maximum, 0), 1)
            parts.append(
                f'<rect class="bar" x="0" y="{y + 20}" width="{w:.1f}" height="16"'
                f' fill="#1f5fbf"/><text x="{bar_w + 6}" y="{y + 33}"'
                f' font-size="12">{number(score, lang, 1)}</text>'
            )
        for value, stroke, dash in ((average, "#a15c00", ""), (leader, "#1b7f3b", "3,2")):
            if finite(value):
                x = bar_w * min(max(value / maximum, 0), 1)
                parts.append(
                    f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y + 16}" y2="{y + 40}"'
                    f' stroke="{stroke}" stroke-width="2" stroke-dasharray="{dash}"/>'
                )
    legend_y = height - 8
    items = (("#1f5fbf", labels[0]), ("#a15c00", labels[1]), ("#1b7f3b", labels[2]))
    for j, (fill, text) in enumerate(items):
        x = j * 120
        parts.append(
            f'<rect x="{x}" y="{legend_y - 10}" width="10" height="10" fill="{fill}"/>'
            f'<text x="{x + 14}" y="{legend_y}" font-size="12">{escape(text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _cut(name: str, length: int) -> str:
    return name if len(name) <= length else name[: length - 1].rstrip() + "…"


def trend_line(
    points: Sequence[tuple[str, float | None]],
    width: int = 160,
    height: int = 40,
    *,
    lang: str,
) -> str:
    """A small line of values over periods (a sparkline); missing values break nothing."""
    known = [(i, v) for i, (_, v) in enumerate(points) if finite(v)]
    # A picture needs a name for a screen reader: the values it draws, period by period.
    said = escape("; ".join(f"{period(points[i][0], lang)}: {number(v, lang)}" for i, v in known))
    said = said or "—"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}" role="img" aria-label="{said}">'
    ]
    if known:
        low = min(v for _, v in known)
        high = max(v for _, v in known)
        span = (high - low) or 1.0
        step = (width - 8) / max(len(points) - 1, 1)

        def xy(i: int, v: float) -> tuple[float, float]:
            return 4 + i * step, height - 4 - (v - low) / span * (height - 8)

        coords = [xy(i, v) for i, v in known]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#1f5fbf" stroke-width="2"/>')
        for (i, v), (x, y) in zip(known, coords, strict=True):
            tip = escape(f"{period(points[i][0], lang)}: {number(v, lang)}")
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="#1f5fbf"><title>{tip}</title>'
                "</circle>"
            )
    parts.append("</svg>")
    return "".join(parts)


def trend_chart(
    points: Sequence[tuple[str, float | None]],
    marks: Collection[str] = (),
    *,
    title: str,
    mark_label: str,
    lang: str,
) -> str:
    """The index over the periods as a readable chart: a line with a dot per period, the value
    axis, each year under its first period, the last value written out, and a dashed rule at
    each of `marks` — the periods from which a new year's targets apply, where the index falls
    because the bar has moved — explained by `mark_label` in the legend.

    360 units wide (a phone's width) with 12-unit text: on a 390 px screen the text is ≈ 12 px,
    and a page may draw it larger on a wide screen. Missing values break the line, not the chart.
    """
    width, height = BARS_WIDTH, 210
    left, right, top, bottom = 40, 14, 34, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" viewBox="0 0 {width}'
        f' {height}" width="{width}" height="{height}" role="img"'
        f' aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    known = [(i, v) for i, (_, v) in enumerate(points) if finite(v)]
    if known:
        low, high = _nice_range(min(v for _, v in known), max(v for _, v in known))
        step = plot_w / max(len(points) - 1, 1)

        def x_of(i: int) -> float:
            return left + (i * step if len(points) > 1 else plot_w / 2)

        def y_of(v: float) -> float:
            return top + plot_h - (v - low) / (high - low) * plot_h

        parts.append('<g class="y-axis">')
        for k in range(3):
            v = low + (high - low) * k / 2
            y = y_of(v)
            parts.append(
                f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"'
                f' stroke="#e3e5ea"/><text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end"'
                f' font-size="12" fill="#5b6475">{number(v, lang, 0)}</text>'
            )
        parts.append('</g><g class="x-axis">')
        labelled = _year_labels([p for p, _ in points])
        for i, text in labelled.items():
            parts.append(
                f'<text x="{x_of(i):.1f}" y="{height - 10}" text-anchor="middle" font-size="12"'
                f' fill="#5b6475">{escape(text)}</text>'
            )
        parts.append("</g>")
        for i, (p, _) in enumerate(points):
            if p in marks:
                x = x_of(i)
                parts.append(
                    f'<line class="new-targets" x1="{x:.1f}" x2="{x:.1f}" y1="{top - 4}"'
                    f' y2="{top + plot_h}" stroke="#a15c00" stroke-width="1.5"'
                    f' stroke-dasharray="4,3"><title>{escape(period(p, lang))}: '
                    f"{escape(mark_label)}</title></line>"
                )
        coords = [(x_of(i), y_of(v)) for i, v in known]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#1f5fbf" stroke-width="2"/>')
        for (i, v), (x, y) in zip(known, coords, strict=True):
            tip = escape(f"{period(points[i][0], lang)}: {number(v, lang)}")
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#1f5fbf"><title>{tip}</title>'
                "</circle>"
            )
        (i, v), (x, y) = known[-1], coords[-1]
        parts.append(
            f'<text class="last" x="{min(x, width - right):.1f}" y="{y - 8:.1f}"'
            f' text-anchor="end" font-size="12" font-weight="700">{number(v, lang, 1)}</text>'
        )
    if marks:
        parts.append(
            f'<g class="legend"><line x1="0" x2="18" y1="10" y2="10" stroke="#a15c00"'
            f' stroke-width="1.5" stroke-dasharray="4,3"/><text x="24" y="14" font-size="12">'
            f"{escape(mark_label)}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _nice_range(low: float, high: float) -> tuple[float, float]:
    """The value axis: whole numbers around the values, at least 4 points apart, so a flat line
    is not drawn as a cliff."""
    low, high = math.floor(low), math.ceil(high)
    if high - low < 4:
        middle = (low + high) / 2
        low, high = math.floor(middle - 2), math.ceil(middle + 2)
    if (high - low) % 2:
        high += 1  # three ticks at whole numbers
    return float(low), float(high)


def _year_labels(periods: Sequence[str]) -> dict[int, str]:
    """Which points get an axis label: each year once, at its first period, and at most about
    six labels (every second or third year on a long history), so labels never run together."""
    firsts: dict[int, str] = {}
    seen: set[str] = set()
    for i, p in enumerate(periods):
        year = p[:4]
        if year not in seen:
            seen.add(year)
            firsts[i] = year
    every = max(1, math.ceil(len(firsts) / 6))
    return {i: y for k, (i, y) in enumerate(firsts.items()) if k % every == 0}
