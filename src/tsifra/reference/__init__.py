"""Reference data on Russia's federal subjects, bundled with the package and replaceable by file."""

from tsifra.reference.regions import (
    FEDERAL_DISTRICT_COLUMNS,
    REGION_COLUMNS,
    TILE_GRID_COLUMNS,
    ReferenceDataError,
    Region,
    as_regions,
    load_federal_districts,
    load_regions,
    load_tile_grid,
)

__all__ = [
    "FEDERAL_DISTRICT_COLUMNS",
    "REGION_COLUMNS",
    "TILE_GRID_COLUMNS",
    "ReferenceDataError",
    "Region",
    "as_regions",
    "load_federal_districts",
    "load_regions",
    "load_tile_grid",
]
