"""Query and path parameters shared by the routes, with the bounds that keep bad input a 422."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

Methodology = Annotated[str, Query(min_length=1, max_length=128, description="methodology code")]
Period = Annotated[
    str | None, Query(max_length=16, description="2025Q4; the latest rated period by default")
]
# A stored row's number: the store's ids are 32-bit on PostgreSQL (and 64-bit on SQLite), so a
# larger number is refused as input before it can overflow the driver (a 500).
RowId = Annotated[int, Path(ge=1, le=2**31 - 1, description="a stored row's number")]
UnitCode = Annotated[str, Path(min_length=1, max_length=64, description="unit code, e.g. RU-TA")]
NOT_FOUND = {404: {"description": "Not found"}}
