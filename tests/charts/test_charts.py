"""The SVG charts: well-formed XML, every region on the map, text escaped, gaps tolerated; the
fan chart and the rank interval show only what is known."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from tsifra.charts.dashboard import colour, sector_bars, tile_map, trend_line
from tsifra.charts.outlook import fan_chart, rank_interval
from tsifra.reference import load_tile_grid

SVG = "{http://www.w3.org/2000/svg}"


def test_the_map_has_a_linked_tile_per_region_of_the_grid() -> None:
    grid = {code: (int(r.col), int(r.row)) for code, r in load_tile_grid().iterrows()}
    scores = {code: float(i) for i, code in enumerate(sorted(grid))}
    scores["RU-TA"] = float("nan")
    svg = ET.fromstring(tile_map(grid, scores, {"RU-MOW": "<Москва>"}))
    tiles = svg.findall(f".//{SVG}g[@class='tile']")
    assert len(tiles) == len(grid) == 83
    assert svg.find(f".//{SVG}a[@href='/regions/RU-MOW']") is not None
    fills = {t.get("data-code"): t.find(f"{SVG}rect").get("fill") for t in tiles}
    assert fills["RU-TA"] == "#e3e5ea"  # no data: grey, not the lowest colour
    assert "<Москва>: " in "".join(svg.itertext())  # parsed back: it was escaped in the source


def test_a_focused_map_fades_the_other_regions_on_the_same_colour_scale() -> None:
    grid = {code: (int(r.col), int(r.row)) for code, r in load_tile_grid().iterrows()}
    scores = {code: float(i) for i, code in enumerate(sorted(grid))}
    whole = ET.fromstring(tile_map(grid, scores))
    focused = ET.fromstring(tile_map(grid, scores, focus={"RU-TA", "RU-BA"}))
    kept = focused.findall(f".//{SVG}g[@class='tile']")
    faded = focused.findall(f".//{SVG}g[@class='tile faded']")
    assert {t.get("data-code") for t in kept} == {"RU-TA", "RU-BA"}
    assert len(faded) == 81 and all(t.get("opacity") == "0.25" for t in faded)

    def fills(svg):
        return {g.get("data-code"): g.find(f"{SVG}rect").get("fill") for g in svg.iter(f"{SVG}g")}

    assert fills(focused) == fills(whole)


def test_colour_runs_from_light_to_dark_and_clamps() -> None:
    assert colour(0) == "#deebf7" and colour(100) == "#084594"
    assert colour(150) == colour(100) and colour(None) == colour(math.nan) == "#e3e5ea"


def test_sector_bars_and_trend_line_are_valid_svg() -> None:
    bars = sector_bars([("Здравоохранение <b>", 80.0, 70.0, 95.0), ("Транспорт", None, 60, 90)])
    root = ET.fromstring(bars)
    assert len(root.findall(f".//{SVG}rect[@class='bar']")) == 1
    assert "Здравоохранение <b>" in "".join(root.itertext())
    line = ET.fromstring(trend_line([("2025Q3", 70.0), ("2025Q4", None), ("2026Q1", 75.0)]))
    assert len(line.findall(f".//{SVG}circle")) == 2
    assert ET.fromstring(trend_line([])).tag == f"{SVG}svg"


NAN = float("nan")
HISTORY = [("2024Q4", 80.0), ("2025Q1", 82.0), ("2025Q2", None), ("2025Q3", 85.0), ("2025Q4", 86.0)]


def forecast_rows(n: int = 8, bands: bool = True) -> list[tuple]:
    quarters = [f"{2026 + k // 4}Q{k % 4 + 1}" for k in range(n)]
    rows = []
    for k, period in enumerate(quarters):
        m = 86.0 + 0.5 * (k + 1)
        spread = (1.0 + k) if bands else NAN
        rows.append((period, m, m - spread, m + spread, m - 2 * spread, m + 2 * spread))
    return rows


def test_the_fan_chart_draws_history_median_and_both_bands() -> None:
    svg = ET.fromstring(
        fan_chart(HISTORY, forecast_rows(), targets={"2026Q4": 90.0}, title="Индекс <x>")
    )
    assert svg.get("role") == "img" and svg.get("aria-label") == "Индекс <x>"
    history = svg.find(f".//{SVG}polyline[@class='history']")
    assert len(history.get("points").split()) == 4  # the missing quarter is left out
    median = svg.find(f".//{SVG}polyline[@class='median']")
    assert len(median.get("points").split()) == 1 + 8  # it starts at the last observed value
    for band in ("band-80", "band-95"):
        polygons = svg.findall(f".//{SVG}polygon[@class='{band}']")
        assert len(polygons) == 1
        assert len(polygons[0].get("points").split()) == 2 * (1 + 8)  # opens from the last point
    assert svg.find(f".//{SVG}g[@class='target']") is not None
    text = "".join(svg.itertext())
    assert "2030" not in text and "2027" in text and "2024" in text  # a label per year shown
    tips = [t.text for t in svg.iter(f"{SVG}title")]
    assert "2027Q4: 90.0; 80 %: 82.0–98.0; 95 %: 74.0–106.0" in tips


def test_an_unknown_spread_draws_no_band_and_a_gap_splits_one() -> None:
    bare = ET.fromstring(fan_chart(HISTORY, forecast_rows(bands=False)))
    assert bare.find(f".//{SVG}polygon") is None
    assert bare.find(f".//{SVG}polyline[@class='median']") is not None
    legend = "".join(bare.find(f".//{SVG}g[@class='legend']").itertext())
    assert "Прогноз (медиана)" in legend and "80 %" not in legend  # no band, none listed
    rows = forecast_rows()
    rows[3] = (rows[3][0], rows[3][1], NAN, NAN, None, None)
    split = ET.fromstring(fan_chart(HISTORY, rows))
    assert len(split.findall(f".//{SVG}polygon[@class='band-80']")) == 2


def test_the_fan_chart_tolerates_nothing_to_draw_and_escapes_its_labels() -> None:
    assert ET.fromstring(fan_chart([], [])).tag == f"{SVG}svg"
    assert ET.fromstring(fan_chart([("2025Q4", None)], [])).find(f".//{SVG}polyline") is None
    one = ET.fromstring(fan_chart([("2025Q4", 50.0)], [], labels=("<a>", "b", "c", "d", "e")))
    assert "<a>" in "".join(one.itertext())
    flat = ET.fromstring(fan_chart([("2025Q3", 100.0), ("2025Q4", 100.0)], []))
    assert flat.find(f".//{SVG}polyline[@class='history']") is not None  # no zero range


def test_the_fan_chart_axis_stops_at_the_top_of_the_scale() -> None:
    svg = fan_chart(HISTORY, [("2026Q1", 99.0, 98.0, 100.0, 97.0, 100.0)])
    ticks = [
        float(t.text) for t in ET.fromstring(svg).findall(f".//{SVG}g[@class='y-axis']/{SVG}text")
    ]
    assert max(ticks) == 100.0


def test_the_rank_interval_is_an_error_bar_on_the_axis_of_all_ranks() -> None:
    svg = ET.fromstring(rank_interval(12, 9.0, 17.0, 83, median=12.0, title="Место <12>"))
    assert svg.get("aria-label") == "Место <12>"
    caps = svg.findall(f".//{SVG}g[@class='interval']/{SVG}line")
    xs = sorted({float(c.get("x1")) for c in caps})
    assert len(xs) == 2 and xs[0] < float(svg.find(f".//{SVG}circle").get("cx")) < xs[1]
    assert svg.find(f".//{SVG}rect[@class='top-zone']") is not None
    labels = {t.text for t in svg.findall(f"{SVG}text")}
    assert {"1", "10", "83", "Топ-10"} <= labels and "80" not in labels  # 80 would touch 83
    tip = svg.find(f".//{SVG}g[@class='interval']/{SVG}title").text
    assert tip == "90 % вариантов расчёта: 9–17"


def test_a_rank_without_interval_or_rank_still_draws() -> None:
    none = ET.fromstring(rank_interval(None, None, None, 83))
    assert none.find(f".//{SVG}g[@class='interval']") is None
    assert none.find(f".//{SVG}circle[@class='nominal']") is None
    alone = ET.fromstring(rank_interval(1, 1.0, 1.0, 1, top=10))
    assert alone.find(f".//{SVG}rect[@class='top-zone']") is None  # one unit: no zone to shade
