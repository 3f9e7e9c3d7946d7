"""Indicator values: reading the files users have, validating them, ingest into batches with
revisions and conflicts, and uploads from the dashboard and the API."""

from tsifra.values.reading import read_table, read_units
from tsifra.values.validation import IndicatorValues, validate_values

__all__ = ["IndicatorValues", "read_table", "read_units", "validate_values"]
