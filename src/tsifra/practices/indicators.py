"""The indicators a practice may be linked to: those of every stored methodology and of every
bundled one, with the direction that says which way is better.

A practice is linked to an indicator by its code alone, so a code is accepted when any
methodology Tsifra knows defines it; the first definition found wins for the direction (the
default methodology first), which is the one the index itself uses.
"""

from __future__ import annotations

from sqlalchemy import Engine, select

from tsifra.kernel.problems import ValidationFailed
from tsifra.methodology import DEFAULT_METHODOLOGY, bundled_ids
from tsifra.store import StoredMethodology, session_scope
from tsifra.store.methodologies import stored_methodology


def indicator_directions(engine: Engine) -> dict[str, int]:
    """Every known indicator code → its direction (1: more is better, −1: less is better)."""
    with session_scope(engine) as session:
        stored = set(session.scalars(select(StoredMethodology.code).distinct()))
    codes = [DEFAULT_METHODOLOGY, *sorted((stored | set(bundled_ids())) - {DEFAULT_METHODOLOGY})]
    directions: dict[str, int] = {}
    for code in codes:
        try:
            methodology = stored_methodology(engine, code).methodology
        except ValidationFailed:  # a stored file that no longer parses hides only its own
            continue
        for indicator in methodology.indicators:
            directions.setdefault(indicator.code, int(indicator.direction))
    return directions
