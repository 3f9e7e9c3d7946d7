"""The charts on a phone: the narrow fan chart and rank interval are drawn 360 units wide, so
their 11-unit text stays about 11 px high on a 390 px screen, and nothing runs off the picture;
the tile map is a group of named links (not an image holding links), and a sparkline is named
by its values for a screen reader."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tsifra.charts.dashboard import tile_map, trend_line
from tsifra.charts.outlook import fan_chart, rank_interval
from tsifra.reference import load_tile_grid

SVG = "{http://www.w3.org/2000/svg}"
PHONE = 390 - 2 * 16  # the width a chart gets on a 390 px phone, inside the page's margins
HISTORY = [(f"{y}Q{q}", 70.0 + y - 2020 + q / 4) for y in range(2020, 2026) for q in (1, 2, 3, 4)]
FORECAST = [
    (f"{y}Q{q}", 80.0, 78.0, 82.0, 75.0, 85.0) for y in range(2026, 2031) for q in (1, 2, 3, 4)
]


def _width(svg: ET.Element) -> float:
    return float(svg.get("viewBox").split()[2])


def _smallest_text(svg: ET.Element, shown_at: float) -> float:
    scale = shown_at / _width(svg)
    return min(float(t.get("font-size")) * scale for t in svg.iter(f"{SVG}text"))


def test_the_narrow_fan_chart_keeps_its_text_readable_and_its_legend_inside() -> None:
    wide = ET.fromstring(fan_chart(HISTORY, FORECAST, targets={"2030Q4": 90.0}, lang="ru"))
    narrow = ET.fromstring(
        fan_chart(HISTORY, FORECAST, targets={"2030Q4": 90.0}, lang="ru", narrow=True)
    )
    assert narrow.get("class") == "fan-chart-narrow" and wide.get("class") == "fan-chart"
    assert _smallest_text(wide, PHONE) < 6.5  # why a phone needs its own drawing
    assert _smallest_text(narrow, PHONE) >= 10.9
    # the same lines and bands are drawn in both
    for kind in ("history", "median", "band-80", "band-95"):
        assert len(narrow.findall(f".//*[@class='{kind}']")) == len(
            wide.findall(f".//*[@class='{kind}']")
        ), kind
    # the five legend items wrap onto a second line instead of running past the right edge
    items = narrow.findall(f".//{SVG}g[@class='legend']/{SVG}g")
    assert len(items) == 5
    rows = set()
    for item in items:
        x, y = (float(v) for v in item.get("transform")[10:-1].split(","))
        text = item.find(f"{SVG}text").text
        assert x + 23 + 6.5 * len(text) <= _width(narrow), text
        rows.add(y)
    assert len(rows) == 2


def test_the_narrow_rank_interval_keeps_its_text_readable() -> None:
    wide = ET.fromstring(rank_interval(5, 3, 9, 83, median=5, lang="ru"))
    narrow = ET.fromstring(rank_interval(5, 3, 9, 83, median=5, lang="ru", narrow=True))
    assert narrow.get("class") == "rank-interval-narrow" and _width(narrow) == 360
    assert _smallest_text(wide, PHONE) < 6.5
    assert _smallest_text(narrow, PHONE) >= 10.9
    assert narrow.find(f".//{SVG}circle[@class='nominal']") is not None
    legend = narrow.findall(f".//{SVG}g[@class='legend']/{SVG}text")
    assert float(legend[1].get("x")) + 6.5 * len(legend[1].text) <= _width(narrow)


def test_the_linked_map_is_a_group_of_named_links_and_the_pdf_map_one_picture() -> None:
    grid = {code: (int(r.col), int(r.row)) for code, r in load_tile_grid().iterrows()}
    scores = {code: float(i) for i, code in enumerate(sorted(grid))}
    linked = ET.fromstring(tile_map(grid, scores, {"RU-TA": "Татарстан"}, title="4 кв.", lang="ru"))
    assert linked.get("role") == "group" and linked.get("aria-label") == "4 кв."
    links = linked.findall(f".//{SVG}a")
    assert len(links) == 83 and all(a.get("aria-label") for a in links)
    tatarstan = linked.find(f".//{SVG}a[@href='/regions/RU-TA']")
    assert tatarstan.get("aria-label") == f"Татарстан: {scores['RU-TA']:.1f}".replace(".", ",")
    # the codes carry a class, so a phone's stylesheet can hide them where they would be tiny
    assert len(linked.findall(f".//{SVG}text[@class='code']")) == 83
    picture = ET.fromstring(tile_map(grid, scores, href=None, lang="ru"))
    assert picture.get("role") == "img" and not picture.findall(f".//{SVG}a")


def test_a_sparkline_is_named_by_its_values() -> None:
    line = ET.fromstring(
        trend_line([("2025Q3", 70.0), ("2025Q4", None), ("2026Q1", 75.5)], lang="ru")
    )
    label = line.get("aria-label")
    # the missing quarter is not said; periods keep their no-break spaces
    assert label.replace("\xa0", " ") == "III кв. 2025: 70,00; I кв. 2026: 75,50"
    assert ET.fromstring(trend_line([], lang="ru")).get("aria-label")
