"""Tables too big to read are refused before pandas or openpyxl allocate them, naming the limit."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest

from builders import text_cell, write_values_csv, write_xlsx
from tsifra.kernel.problems import ValidationFailed
from tsifra.values.limits import FileLimits, check_xlsx
from tsifra.values.reading import read_table


def _codes(failed: pytest.ExceptionInfo[ValidationFailed]) -> set[str]:
    return {p.code for p in failed.value.problems}


def _far_cells(path: Path) -> Path:
    """The probe's file: one cell in column XFD, one in row 20,000 — a 327-million-cell grid
    for pandas (it allocated 2.44 GiB) in a file of a kilobyte and a half."""
    sheet = b"<row r='1'>" + text_cell("XFD1", "край") + b"</row>"
    sheet += b"<row r='20000'>" + text_cell("A20000", "низ") + b"</row>"
    return write_xlsx(path, {"Лист1": sheet})


def test_the_tiny_xlsx_with_far_cells_is_refused_naming_the_limits(tmp_path: Path) -> None:
    path = _far_cells(tmp_path / "far.xlsx")
    assert path.stat().st_size < 2000
    with pytest.raises(ValidationFailed) as failed:
        read_table(path)
    assert _codes(failed) == {"too_many_columns", "xlsx_too_many_cells"}
    messages = {p.code: p.message("ru") for p in failed.value.problems}
    assert "16\u00a0384" in messages["too_many_columns"]  # column XFD, written as Russians do
    assert "1\u00a0000" in messages["too_many_columns"]  # and the limit
    english = {p.code: p.message("en") for p in failed.value.problems}
    assert "1,000,000" in english["xlsx_too_many_cells"]
    assert all(p.file == str(path) for p in failed.value.problems)


def test_limits_are_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_values_csv(tmp_path / "v.csv", [("RU-TA", "2025Q1", "health_emr", 1.0)] * 9)
    monkeypatch.setenv("TSIFRA_MAX_ROWS", "5")
    with pytest.raises(ValidationFailed) as failed:
        read_table(path)
    (problem,) = failed.value.problems
    assert (problem.code, problem.row, problem.params) == (
        "too_many_rows",
        6,
        {"count": 10, "limit": 5},
    )
    monkeypatch.setenv("TSIFRA_MAX_ROWS", "10")
    assert len(read_table(path)) == 9
    monkeypatch.setenv("TSIFRA_MAX_ROWS", "not a number")  # a typo keeps the default
    assert FileLimits.from_environment().rows == FileLimits().rows


def test_a_csv_of_a_million_columns_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    header = ",".join(["unit", "period"] + [f"i{k}" for k in range(1_000_000)])
    path.write_text(header + "\n" + ",".join(["RU-TA", "2025"] + ["1"] * 1_000_000) + "\n")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(ValidationFailed) as failed:
        read_table(path)
    assert _codes(failed) == {"too_many_columns"}
    assert failed.value.problems[0].params == {"count": 1_000_002, "limit": 1_000}
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 500  # pandas took 4.6 GB on this file before failing


def test_cells_are_rows_times_columns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_values_csv(tmp_path / "v.csv", [("RU-TA", "2025Q1", "health_emr", 1.0)] * 9)
    monkeypatch.setenv("TSIFRA_MAX_CELLS", "39")  # 10 rows × 4 columns = 40
    with pytest.raises(ValidationFailed) as failed:
        read_table(path)
    (problem,) = failed.value.problems
    assert problem.params == {"rows": 10, "columns": 4, "limit": 39}
    assert "10 × 4" in problem.message("ru")


def test_an_xlsx_that_inflates_past_the_limit_is_refused_from_its_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = b"<row>" + text_cell("A1", "x" * 1000).replace(b' r="A1"', b"") + b"</row>"
    path = write_xlsx(tmp_path / "bomb.xlsx", {"s": (row * 1000 for _ in range(3))})
    monkeypatch.setenv("TSIFRA_MAX_XLSX_UNZIPPED_MB", "2")
    with pytest.raises(ValidationFailed) as failed:
        check_xlsx(path)
    (problem,) = failed.value.problems
    assert problem.code == "xlsx_unzipped_too_large"
    assert problem.params == {"size_mb": 3, "limit_mb": 2}  # 3,000 rows of a kilobyte


def test_a_style_far_away_is_not_a_cell_and_a_lying_dimension_is_not_believed(
    tmp_path: Path,
) -> None:
    """Excel writes formatted empty cells (`<c r="XFD5" s="1"/>`) that pandas drops: no refusal
    for them. A `<dimension>` claiming A1:B2 does not hide cells far beyond it."""
    styled = b"<row r='1'>" + text_cell("A1", "unit") + b'<c r="XFD1" s="1"/></row>'
    check_xlsx(write_xlsx(tmp_path / "styled.xlsx", {"s": styled}))
    hidden = b"<row r='1'>" + text_cell("A1", "unit") + text_cell("ALM1", "x") + b"</row>"
    lying = write_xlsx(tmp_path / "lying.xlsx", {"s": b'<dimension ref="A1:B2"/>' + hidden})
    with pytest.raises(ValidationFailed) as failed:
        check_xlsx(lying)
    assert failed.value.problems[0].params == {"count": 1001, "limit": 1000}  # ALM is 1,001


def test_cells_without_references_are_placed_one_after_another(tmp_path: Path) -> None:
    """openpyxl places a cell without `r` next to the previous one; so does the check."""
    row = b"<row>" + b"<c><v>1</v></c>" * 1001 + b"</row>"
    with pytest.raises(ValidationFailed) as failed:
        check_xlsx(write_xlsx(tmp_path / "wide.xlsx", {"s": row}))
    assert failed.value.problems[0].params["count"] == 1001


def test_the_sheet_read_is_the_sheet_checked(tmp_path: Path) -> None:
    """Only the sheet pandas will read is measured: a huge second sheet does not refuse the
    first, and asking for it by name does."""
    small = b"<row r='1'>" + text_cell("A1", "unit") + text_cell("B1", "period") + b"</row>"
    far = b"<row r='1'>" + text_cell("XFD1", "x") + b"</row>"
    path = write_xlsx(tmp_path / "two.xlsx", {"Данные": small, "Справка": far})
    check_xlsx(path)
    with pytest.raises(ValidationFailed):
        check_xlsx(path, sheet="Справка")


def test_an_ordinary_workbook_reads_as_before(tmp_path: Path) -> None:
    rows = [("RU-TA", "2025Q1", "health_emr", "91,5"), ("RU-MOW", "2025Q1", "health_emr", "88")]
    body = text_cell("A1", "unit") + text_cell("B1", "period")
    body += text_cell("C1", "indicator") + text_cell("D1", "value")
    sheet = b"<row r='1'>" + body + b"</row>"
    for n, row in enumerate(rows, start=2):
        cells = b"".join(text_cell(f"{c}{n}", v) for c, v in zip("ABCD", row, strict=True))
        sheet += f"<row r='{n}'>".encode() + cells + b"</row>"
    frame = read_table(write_xlsx(tmp_path / "ok.xlsx", {"Лист1": sheet}))
    assert frame["value"].tolist() == ["91,5", "88"]
    assert frame["__row__"].tolist() == [2, 3]


@pytest.mark.slow
def test_a_million_row_xlsx_is_refused_within_seconds(million_row_xlsx: Path) -> None:
    start = time.perf_counter()
    with pytest.raises(ValidationFailed) as failed:
        read_table(million_row_xlsx)
    elapsed = time.perf_counter() - start
    assert _codes(failed) == {"xlsx_too_many_cells"}
    # Generous: the scan stops at the limit (≈250,000 rows, 2.5 s on a shared machine); openpyxl
    # reading the whole sheet takes minutes.
    assert elapsed < 20, f"the refusal took {elapsed:.1f} s"
