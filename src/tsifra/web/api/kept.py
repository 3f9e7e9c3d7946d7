"""Answers of read routes kept as JSON bytes until the data behind them change.

The rating and a region profile are read far more often than the data change: a hit costs one
indexed query (the version of the stored data and of the tasks) instead of building and
validating a few hundred objects. The response model still documents the body; the bytes were
made from it, validated once.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy import Engine

from tsifra.kernel.cache import Kept
from tsifra.store.versions import shown_version

_answers = Kept(512)


def kept_json(engine: Engine, key: Hashable, build: Callable[[], BaseModel]) -> Response:
    """The JSON of `build()`, kept per (database, data and tasks version, today, key)."""
    version = shown_version(engine)
    body = _answers.get((version, key), lambda: build().model_dump_json().encode())
    return Response(content=body, media_type="application/json")
