"""Indicator values: reading the files users have, validating them, ingest into batches with
revisions and conflicts, and uploads from the dashboard and the API."""

from tsifra.values.reading import read_table, read_units, same_file, with_attributes
from tsifra.values.validation import IndicatorValues, validate_values

__all__ = [
    "IndicatorValues",
    "read_table",
    "read_units",
    "same_file",
    "validate_values",
    "with_attributes",
]
