"""Methodology files: schema, loading and validation, and the methodologies Tsifra ships.

The names below load on first use (PEP 562): building the pydantic schema and importing YAML
take a good part of a second, and the command line must start at once, showing the default
methodology in its help without either. `from tsifra.methodology import Methodology` works as
before; it loads the schema then.
"""

from __future__ import annotations

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

_LOADER = {"bundled_ids", "load_methodology", "methodology_hash", "parse_methodology"}
_SCHEMA = {"AggregateSpec", "Indicator", "Methodology", "Node", "NormaliseSpec", "Steps"}

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
    # Plain import statements, not importlib: `python -X importtime` shows them.
    if name in _LOADER:
        from tsifra.methodology import loader as module
    elif name in _SCHEMA:
        from tsifra.methodology import schema as module
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(module, name)
    globals()[name] = value  # once loaded, an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LOADER, *_SCHEMA})
