"""The SVG charts: well-formed XML, every region on the map, text escaped, gaps tolerated; the
fan chart and the rank interval show only what is known."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

from tsifra.charts.dashboard import colour, sector_bars, tile_map, trend_line
from tsifra.charts.outlook import fan_chart, rank_interval
from tsifra.reference import load_tile_grid

SVG = "{http://www.w3.org/2000/svg}"


def test_the_map_has_a_linked_tile_per_region_of_the_grid() -> None:
    grid = {code: (int(r.col), int(r.row)) for code, r in load_tile_grid().iterrows()}
    scores = {code: float(i) for i, code in enumerate(sorted(grid))}
    scores["RU-TA"] = float("nan")
    svg = ET.fromstring(tile_map(grid, scores, {"RU-MOW": "<Москва>"}, lang="ru"))
    tiles = svg.findall(f".//{SVG}g[@class='tile']")
    assert len(tiles) == len(grid) == 83
    assert svg.find(f".//{SVG}a[@href='/regions/RU-MOW']") is not None
    fills = {t.get("data-code"): t.find(f"{SVG}rect").get("fill") for t in tiles}
    assert fills["RU-TA"] == "#e3e5ea"  # no data: grey, not the lowest colour
    assert "<Москва>: " in "".join(svg.itertext())  # parsed back: it was escaped in the source


def test_a_focused_map_fades_the_other_regions_on_the_same_colour_scale() -> None:
    grid = {code: (int(r.col), int(r.row)) for code, r in load_tile_grid().iterrows()}
    scores = {code: float(i) for i, code in enumerate(sorted(grid))}
    whole = ET.fromstring(tile_map(grid, scores, lang="ru"))
    focused = ET.fromstring(tile_map(grid, scores, focus={"RU-TA", "RU-BA"}, lang="ru"))
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
    bars = sector_bars(
        [("Здравоохранение <b>", 80.0, 70.0, 95.0), ("Транспорт", None, 60, 90)], lang="ru"
    )
    root = ET.fromstring(bars)
    assert len(root.findall(f".//{SVG}rect[@class='bar']")) == 1
    assert "Здравоохранение <b>" in "".join(root.itertext())
    line = ET.fromstring(
        trend_line([("2025Q3", 70.0), ("2025Q4", None), ("2026Q1", 75.0)], lang="ru")
    )
    assert len(line.findall(f".//{SVG}circle")) == 2
    assert ET.fromstring(trend_line([], lang="ru")).tag == f"{SVG}svg"


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
        fan_chart(HISTORY, forecast_rows(), targets={"2026Q4": 90.0}, title="Индекс <x>", lang="ru")
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
    nb = "\u00a0"
    assert f"IV{nb}кв.{nb}2027: 90,0; 80 % интервал: 82,0–98,0; 95 % интервал: 74,0–106,0" in tips


def test_an_unknown_spread_draws_no_band_and_a_gap_splits_one() -> None:
    bare = ET.fromstring(fan_chart(HISTORY, forecast_rows(bands=False), lang="ru"))
    assert bare.find(f".//{SVG}polygon") is None
    assert bare.find(f".//{SVG}polyline[@class='median']") is not None
    legend = "".join(bare.find(f".//{SVG}g[@class='legend']").itertext())
    assert "Прогноз (медиана)" in legend and "80 %" not in legend  # no band, none listed
    rows = forecast_rows()
    rows[3] = (rows[3][0], rows[3][1], NAN, NAN, None, None)
    split = ET.fromstring(fan_chart(HISTORY, rows, lang="ru"))
    assert len(split.findall(f".//{SVG}polygon[@class='band-80']")) == 2


def test_the_fan_chart_tolerates_nothing_to_draw_and_escapes_its_labels() -> None:
    assert ET.fromstring(fan_chart([], [], lang="ru")).tag == f"{SVG}svg"
    assert (
        ET.fromstring(fan_chart([("2025Q4", None)], [], lang="ru")).find(f".//{SVG}polyline")
        is None
    )
    one = ET.fromstring(
        fan_chart([("2025Q4", 50.0)], [], labels=("<a>", "b", "c", "d", "e"), lang="en")
    )
    assert "<a>" in "".join(one.itertext())
    flat = ET.fromstring(fan_chart([("2025Q3", 100.0), ("2025Q4", 100.0)], [], lang="ru"))
    assert flat.find(f".//{SVG}polyline[@class='history']") is not None  # no zero range


def test_the_fan_chart_axis_stops_at_the_top_of_the_scale() -> None:
    svg = fan_chart(HISTORY, [("2026Q1", 99.0, 98.0, 100.0, 97.0, 100.0)], lang="en")
    ticks = [
        float(t.text) for t in ET.fromstring(svg).findall(f".//{SVG}g[@class='y-axis']/{SVG}text")
    ]
    assert max(ticks) == 100.0


def test_the_rank_interval_is_an_error_bar_on_the_axis_of_all_ranks() -> None:
    svg = ET.fromstring(
        rank_interval(12, 9.0, 17.0, 83, median=12.0, title="Место <12>", lang="ru")
    )
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
    none = ET.fromstring(rank_interval(None, None, None, 83, lang="ru"))
    assert none.find(f".//{SVG}g[@class='interval']") is None
    assert none.find(f".//{SVG}circle[@class='nominal']") is None
    alone = ET.fromstring(rank_interval(1, 1.0, 1.0, 1, top=10, lang="ru"))
    assert alone.find(f".//{SVG}rect[@class='top-zone']") is None  # one unit: no zone to shade


def test_every_chart_writes_numbers_and_periods_in_the_readers_language() -> None:
    """97,4 and «IV кв. 2025» in Russian; 97.4 and "Q4 2025" in English: tooltips, labels,
    axis ticks and legends alike."""
    nb = "\u00a0"
    grid = {"RU-TA": (0, 0), "RU-MOW": (1, 0)}
    scores = {"RU-TA": 97.42, "RU-MOW": 61.25}
    for lang, tip, low in (("ru", "Татарстан: 97,4", "61,2"), ("en", "Татарстан: 97.4", "61.2")):
        text = "".join(
            ET.fromstring(tile_map(grid, scores, {"RU-TA": "Татарстан"}, lang=lang)).itertext()
        )
        assert tip in text and low in text
    bars = "".join(ET.fromstring(sector_bars([("A", 80.25, 70.0, 95.0)], lang="ru")).itertext())
    assert "80,2" in bars and "Регион" in bars and "Лидер" in bars
    bars = "".join(ET.fromstring(sector_bars([("A", 80.25, 70.0, 95.0)], lang="en")).itertext())
    assert "80.2" in bars and "Region" in bars and "Leader" in bars
    line = ET.fromstring(trend_line([("2025Q3", 70.5), ("2025Q4", 71.25)], lang="ru"))
    assert [t.text for t in line.iter(f"{SVG}title")] == [
        f"III{nb}кв.{nb}2025: 70,50",
        f"IV{nb}кв.{nb}2025: 71,25",
    ]
    line = ET.fromstring(trend_line([("2025Q4", 71.25)], lang="en"))
    assert [t.text for t in line.iter(f"{SVG}title")] == [f"Q4{nb}2025: 71.25"]
    fan = ET.fromstring(fan_chart(HISTORY, forecast_rows(), lang="en"))
    tips = [t.text for t in fan.iter(f"{SVG}title")]
    assert f"Q4{nb}2027: 90.0; 80% interval: 82.0–98.0; 95% interval: 74.0–106.0" in tips
    legend = "".join(fan.find(f".//{SVG}g[@class='legend']").itertext())
    assert "Forecast (median)" in legend and not re.search("[\u0400-\u04ff]", legend)
    ticks = [t.text for t in fan.findall(f".//{SVG}g[@class='y-axis']/{SVG}text")]
    flat = ET.fromstring(fan_chart([("2025Q3", 80.25), ("2025Q4", 80.75)], [], lang="ru"))
    fine = [t.text for t in flat.findall(f".//{SVG}g[@class='y-axis']/{SVG}text")]
    assert any("," in tick for tick in fine) and not any("." in tick for tick in fine)
    assert all("," not in tick for tick in ticks)
    rank = ET.fromstring(rank_interval(12, 9.5, 17.0, 83, lang="en"))
    assert rank.find(f".//{SVG}g[@class='interval']/{SVG}title").text == (
        "90% of the variants: 9.5–17"
    )
