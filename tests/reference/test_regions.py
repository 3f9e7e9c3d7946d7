"""Checks on the bundled federal-subject data and on how bad user files are reported."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tsifra.reference import (
    REGION_COLUMNS,
    ReferenceDataError,
    Region,
    as_regions,
    load_federal_districts,
    load_regions,
    load_tile_grid,
)
from tsifra.reference.regions import REGIONS_FILE

DISTRICTS = {
    "central",
    "northwestern",
    "southern",
    "north_caucasian",
    "volga",
    "ural",
    "siberian",
    "far_eastern",
}
KINDS = {"republic", "krai", "oblast", "federal_city", "autonomous_oblast", "autonomous_okrug"}


@pytest.fixture(scope="module")
def regions():
    return load_regions()


@pytest.fixture(scope="module")
def tiles():
    return load_tile_grid()


# --- bundled data -----------------------------------------------------------------------


def test_83_unique_iso_codes(regions):
    assert len(regions) == 83
    assert regions.index.is_unique
    assert all(re.fullmatch(r"RU-[A-Z]{2,3}", code) for code in regions.index)


def test_no_subjects_outside_iso_list(regions):
    assert not {"RU-CR", "RU-SEV", "UA-43", "UA-40"} & set(regions.index)


def test_okato_is_text_of_digits_and_unique(regions):
    assert regions["okato"].str.fullmatch(r"\d{2}(\d{3})?").all()
    assert regions["okato"].is_unique
    assert regions.at["RU-ALT", "okato"] == "01"


def test_eight_districts_and_every_region_in_one(regions):
    districts = load_federal_districts()
    assert set(districts.index) == DISTRICTS
    assert districts["name_ru"].str.endswith("федеральный округ").all()
    assert set(regions["federal_district"]) == DISTRICTS


def test_kinds_and_names(regions):
    assert set(regions["kind"]) <= KINDS
    assert (regions["name_ru"].str.len() > 0).all()
    assert (regions["name_en"].str.len() > 0).all()
    assert regions["kind"].value_counts().to_dict() == {
        "oblast": 46,
        "republic": 21,
        "krai": 9,
        "autonomous_okrug": 4,
        "federal_city": 2,
        "autonomous_oblast": 1,
    }


def test_total_population_is_plausible(regions):
    assert regions["population"].dtype == "int64"
    assert 140_000_000 <= regions["population"].sum() <= 150_000_000


@pytest.mark.parametrize(
    ("code", "okato", "name_ru", "district"),
    [
        ("RU-MOW", "45", "Москва", "central"),
        ("RU-TA", "92", "Республика Татарстан", "volga"),
        ("RU-SPE", "40", "Санкт-Петербург", "northwestern"),
        ("RU-BU", "81", "Республика Бурятия", "far_eastern"),
        ("RU-ZAB", "76", "Забайкальский край", "far_eastern"),
    ],
)
def test_spot_checks(regions, code, okato, name_ru, district):
    row = regions.loc[code]
    assert (row["okato"], row["name_ru"], row["federal_district"]) == (okato, name_ru, district)


def test_khanty_mansi_is_ural(regions):
    assert regions.at["RU-KHM", "federal_district"] == "ural"
    assert regions.at["RU-KHM", "name_ru"] == "Ханты-Мансийский автономный округ — Югра"


def test_every_region_has_exactly_one_tile_and_tiles_are_unique(regions, tiles):
    assert set(tiles.index) == set(regions.index)
    assert tiles.index.is_unique
    assert not tiles.duplicated(["col", "row"]).any()
    assert tiles["col"].between(0, 17).all()
    assert tiles["row"].between(0, 9).all()


def _adjacent(tiles, a, b):
    (ca, ra), (cb, rb) = tiles.loc[a, ["col", "row"]], tiles.loc[b, ["col", "row"]]
    return max(abs(ca - cb), abs(ra - rb)) == 1


def test_tile_grid_is_roughly_geographic(tiles):
    assert _adjacent(tiles, "RU-MOW", "RU-MOS")
    assert _adjacent(tiles, "RU-SPE", "RU-LEN")
    assert tiles.at["RU-KGD", "col"] < tiles.at["RU-MOW", "col"] < tiles.at["RU-NVS", "col"]
    assert tiles.at["RU-CHU", "col"] > tiles.at["RU-SA", "col"]
    assert tiles.at["RU-KAM", "col"] > tiles.at["RU-IRK", "col"]
    assert tiles.at["RU-MUR", "row"] == 0
    caucasus = tiles.loc[["RU-DA", "RU-CE", "RU-IN", "RU-SE", "RU-KB", "RU-KC"]]
    assert (caucasus["row"] >= 8).all() and (caucasus["col"] <= 6).all()


def test_typed_records(regions):
    records = as_regions(regions)
    assert len(records) == 83 and all(isinstance(r, Region) for r in records)
    moscow = next(r for r in records if r.code == "RU-MOW")
    assert moscow.population > 10_000_000 and moscow.okato == "45"
    with pytest.raises(AttributeError):
        moscow.code = "RU-XXX"  # type: ignore[misc]


# --- user files -------------------------------------------------------------------------

HEADER = ",".join(REGION_COLUMNS)


def _write(tmp_path: Path, *lines: str, name: str = "regions.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_user_file_with_extra_subject(tmp_path):
    text = REGIONS_FILE.read_text(encoding="utf-8").rstrip("\n")
    extra = "RU-CR,35,Республика Крым,Republic of Crimea,southern,1900000,republic"
    path = _write(tmp_path, text, extra)
    regions = load_regions(path)
    assert len(regions) == 84
    assert regions.at["RU-CR", "okato"] == "35"
    assert regions.at["RU-CR", "population"] == 1_900_000


def test_user_file_keeps_leading_zeros_and_skips_blank_lines(tmp_path):
    path = _write(
        tmp_path,
        HEADER,
        "RU-ALT,01,Алтайский край,Altai Krai,siberian,2164000,krai",
        "",
        "RU-KDA,03,Краснодарский край,Krasnodar Krai,southern,5838000,krai",
    )
    regions = load_regions(path)
    assert list(regions["okato"]) == ["01", "03"]


def _error_for(path: Path, loader=load_regions, **kwargs) -> str:
    with pytest.raises(ReferenceDataError) as info:
        loader(path, **kwargs)
    message = str(info.value)
    assert str(path) in message
    return message


def test_missing_column_names_header_row_and_column(tmp_path):
    path = _write(
        tmp_path,
        "code,okato,name_ru,name_en,federal_district,kind",
        "RU-MOW,45,Москва,Moscow,central,federal_city",
    )
    message = _error_for(path)
    assert "row 1" in message and "'population'" in message and "missing" in message


def test_duplicate_code_names_row_and_column(tmp_path):
    path = _write(
        tmp_path,
        HEADER,
        "RU-MOW,45,Москва,Moscow,central,13010000,federal_city",
        "RU-SPE,40,Санкт-Петербург,Saint Petersburg,northwestern,5602000,federal_city",
        "RU-MOW,45,Москва,Moscow,central,13010000,federal_city",
    )
    message = _error_for(path)
    assert "row 4" in message and "'code'" in message and "first in row 2" in message


def test_empty_name_names_row_and_column(tmp_path):
    path = _write(
        tmp_path,
        HEADER,
        "RU-MOW,45,Москва,Moscow,central,13010000,federal_city",
        "RU-SPE,40,  ,Saint Petersburg,northwestern,5602000,federal_city",
    )
    message = _error_for(path)
    assert "row 3" in message and "'name_ru'" in message and "empty" in message


@pytest.mark.parametrize("population", ["-5", "12.5", "many", ""])
def test_bad_population_names_row_and_column(tmp_path, population):
    path = _write(
        tmp_path,
        HEADER,
        "RU-MOW,45,Москва,Moscow,central,13010000,federal_city",
        "RU-SPE,40,Санкт-Петербург,Saint Petersburg,northwestern,5602000,federal_city",
        f"RU-LEN,41,Ленинградская область,Leningrad Oblast,northwestern,{population},oblast",
    )
    message = _error_for(path)
    assert "row 4" in message and "'population'" in message and "integer" in message


def test_unknown_district_names_row_and_column(tmp_path):
    path = _write(
        tmp_path,
        HEADER,
        "RU-TA,92,Республика Татарстан,Republic of Tatarstan,privolzhsky,4005000,republic",
    )
    message = _error_for(path)
    assert "row 2" in message and "'federal_district'" in message and "privolzhsky" in message


def test_user_districts_file_is_used_for_the_check(tmp_path):
    districts = _write(
        tmp_path, "code,name_ru,name_en", "privolzhsky,Приволжский,Volga", name="fd.csv"
    )
    path = _write(
        tmp_path,
        HEADER,
        "RU-TA,92,Республика Татарстан,Republic of Tatarstan,privolzhsky,4005000,republic",
    )
    assert load_regions(path, districts_path=districts).at["RU-TA", "federal_district"] == (
        "privolzhsky"
    )


def test_row_numbers_count_blank_lines_like_a_spreadsheet(tmp_path):
    path = _write(
        tmp_path,
        HEADER,
        "RU-MOW,45,Москва,Moscow,central,13010000,federal_city",
        "",
        "RU-SPE,40,Санкт-Петербург,Saint Petersburg,northwestern,lots,federal_city",
    )
    assert "row 4" in _error_for(path)


def test_tile_grid_errors_name_row_and_column(tmp_path):
    clash = _write(tmp_path, "code,col,row", "RU-MOW,3,4", "RU-MOS,3,4", name="tiles.csv")
    message = _error_for(clash, load_tile_grid)
    assert "row 3" in message and "'col,row'" in message
    negative = _write(tmp_path, "code,col,row", "RU-MOW,-1,4", name="tiles2.csv")
    message = _error_for(negative, load_tile_grid)
    assert "row 2" in message and "'col'" in message


def test_districts_file_errors_name_row_and_column(tmp_path):
    path = _write(
        tmp_path, "code,name_ru,name_en", "central,Центральный,Central", "central,,", name="fd.csv"
    )
    message = _error_for(path, load_federal_districts)
    assert "row 3" in message and ("'code'" in message or "'name_ru'" in message)
