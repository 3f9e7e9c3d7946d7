"""Methodology files: schema, loading and validation, and the methodologies Tsifra ships.

The names below load on first use (PEP 562): building the pydantic schema and importing YAML
take a good part of a second, and the command line must start at once, showing the default
methodology in its help without either. `from tsifra.methodology import Methodology` works as
before; it loads the schema then.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# The methodology the dashboard, ingest and the analyses use when none is named.
DEFAULT_METHODOLOGY = "ru-digital-maturity"

if TYPE_CHECKING:
    from tsifra.methodology.loader import (
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

_MODULE_OF = {
    "bundled_ids": "loader",
    "load_methodology": "loader",
    "methodology_hash": "loader",
    "parse_methodology": "loader",
    "AggregateSpec": "schema",
    "Indicator": "schema",
    "Methodology": "schema",
    "Node": "schema",
    "NormaliseSpec": "schema",
    "Steps": "schema",
}

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


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # once loaded, an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_MODULE_OF])
