"""The SVG charts: well-formed XML, every region on the map, text escaped, gaps tolerated."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from tsifra.reference import load_tile_grid
from tsifra.reports.charts import colour, sector_bars, tile_map, trend_line

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
