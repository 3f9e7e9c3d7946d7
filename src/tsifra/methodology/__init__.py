"""Methodology files: schema, loading and validation, and the methodologies Tsifra ships."""

from tsifra.methodology.loader import (
    DEFAULT_METHODOLOGY,
    bundled_ids,
    load_methodology,
    methodology_hash,
    parse_methodology,
)
from tsifra.methodology.schema import (
    AggregateSpec,
    Indicator,
    Methodology,
    Node,
    NormaliseSpec,
    Steps,
)

__all__ = [
    "DEFAULT_METHODOLOGY",
    "AggregateSpec",
    "Indicator",
    "Methodology",
    "Node",
    "NormaliseSpec",
    "Steps",
    "bundled_ids",
    "load_methodology",
    "methodology_hash",
    "parse_methodology",
]
