"""Indicator data coming in: reading the files users have, and validating them before use."""

from tsifra.marts.reading import read_table, read_units
from tsifra.marts.validation import IndicatorValues, validate_values

__all__ = ["IndicatorValues", "read_table", "read_units", "validate_values"]
