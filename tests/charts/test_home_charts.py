"""The home screen's charts: a trend a person can read on a phone, with the new-targets rules,
and sector bars as narrow as a phone whatever the sector names."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tsifra.charts.dashboard import BARS_WIDTH, sector_bars, trend_chart

SVG = "{http://www.w3.org/2000/svg}"
QUARTERS = [f"{2021 + k // 4}Q{k % 4 + 1}" for k in range(20)]


def _sizes(root) -> list[float]:
    return [float(t.get("font-size")) for t in root.iter(f"{SVG}text")]


def test_the_trend_marks_each_new_years_targets_and_stays_readable() -> None:
    points = [
        (p, 80.0 + k / 2 - (4.0 if p.endswith("Q1") else 0.0)) for k, p in enumerate(QUARTERS)
    ]
    points[5] = (QUARTERS[5], None)  # a period without a rating breaks the line, not the chart
    marks = {p for p in QUARTERS if p.endswith("Q1")}
    svg = trend_chart(
        points, marks, title="Индекс <по> периодам", mark_label="новые цели", lang="ru"
    )
    root = ET.fromstring(svg)
    assert root.get("viewBox") == f"0 0 {BARS_WIDTH} 210"
    assert len(root.findall(f".//{SVG}line[@class='new-targets']")) == 5
    assert len(root.findall(f".//{SVG}circle")) == 19
    assert min(_sizes(root)) >= 12  # ≈ 12 px on a 390 px phone, where the chart is 360 wide
    years = [t.text for t in root.findall(f".//{SVG}g[@class='x-axis']/{SVG}text")]
    assert years == ["2021", "2022", "2023", "2024", "2025"]
    assert root.find(f".//{SVG}text[@class='last']").text == "89,5"  # the last value, written
    assert "новые цели" in "".join(root.find(f".//{SVG}g[@class='legend']").itertext())
    assert root.get("aria-label") == "Индекс <по> периодам"  # escaped in the file, read back
    empty = ET.fromstring(trend_chart([], (), title="x", mark_label="y", lang="en"))
    assert empty.find(f".//{SVG}polyline") is None


def test_sector_bars_are_as_narrow_as_a_phone_whatever_the_names() -> None:
    long = "Городское хозяйство и строительство, а также жилищно-коммунальный комплекс региона"
    root = ET.fromstring(
        sector_bars([(long, 80.0, 70.0, 95.0), ("Транспорт", 60, 65, 90)], lang="ru")
    )
    assert root.get("width") == str(BARS_WIDTH)
    assert min(_sizes(root)) >= 12
    names = [t.text for t in root.iter(f"{SVG}text")]
    assert any(n and n.endswith("…") and len(n) <= 52 for n in names)
    assert len(root.findall(f".//{SVG}rect[@class='bar']")) == 2
