"""The rating table of `tsifra index compute`: every child column shows its score."""

from __future__ import annotations

import pandas as pd

from builders import DESI_METHODOLOGY, ROOT, invoke, rows


def test_desi_dimensions_with_numeric_codes_show_their_scores():
    """DESI's dimensions are coded "1"–"4": not identifiers, and they once printed as «—»."""
    data = ROOT / "examples" / "desi2022" / "data.csv"
    r = invoke("index", "compute", DESI_METHODOLOGY, data, "--top", "3")
    assert r.exit_code == 0, r.text
    published = pd.read_csv(
        ROOT / "examples" / "desi2022" / "published.csv", dtype={"period": str}
    ).set_index(["unit", "period"])
    shown = rows(r.text)
    assert [row[1] for row in shown] == ["FI", "DK", "NL"]
    for row in shown:
        expected = published.loc[(row[1], "2022"), ["1", "2", "3", "4"]]
        # Russian figures: decimal commas
    assert [float(cell.replace(",", ".")) for cell in row[4:8]] == [round(v, 2) for v in expected]
