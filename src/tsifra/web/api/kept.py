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

from tsifra.kernel.cache import Cache
from tsifra.store.versions import shown_version


def kept_json(
    engine: Engine, cache: Cache, key: Hashable, build: Callable[[], BaseModel]
) -> Response:
    """The JSON of `build()`, kept in the app's cache per (database, data and tasks version,
    today, key). An answer built on a forecast or interval still being recomputed (it says
    `recomputing: true`) is not kept: the next request gets the new one."""
    kept_key = ("json", shown_version(engine), key)

    def body() -> tuple[bytes, bool]:
        model = build()
        return model.model_dump_json().encode(), bool(getattr(model, "recomputing", False))

    content, provisional = cache.get(kept_key, 0, body)
    if provisional:
        cache.forget(kept_key)
    return Response(content=content, media_type="application/json")
