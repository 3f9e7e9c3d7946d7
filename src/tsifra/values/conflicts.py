"""Disputes between sources as the people who settle them see them: each open conflict with
every claim side by side (value, source, batch, file, who sent it, when), and settling one.

Only federal analysts and admins see and settle disputes (`accounts.users.can_resolve_conflicts`):
the figures of every region depend on them. A refusal is written to the audit log before it is
raised. Settling goes through `values.revisions.resolve_conflict`, the rule `tsifra resolve`
applies: the chosen source must have claimed the value, the reason is required, the
resolution is audited.

A conflict is named by the id of the first value ever stored for its key (unit, period,
indicator): revisions are append-only, so the id never changes, whatever sources send later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy import Engine, func, select

from tsifra.accounts.users import Account, can_resolve_conflicts, record_refusal
from tsifra.kernel.cache import Cache, kept
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.methodology import DEFAULT_METHODOLOGY
from tsifra.store import Batch, Unit, ValueRevision, require_current
from tsifra.store.methodologies import list_methodologies, stored_methodology
from tsifra.store.versions import data_version, database_key
from tsifra.values.revisions import KEY, effective_values, open_conflicts, resolve_conflict


@dataclass(frozen=True)
class Claim:
    """One source's latest value of a disputed key, with where it came from."""

    id: int
    source: str
    value: float
    revision: int
    batch_id: int
    file: str | None
    actor: str | None
    received_at: datetime  # naive UTC, as stored


@dataclass(frozen=True)
class Conflict:
    id: int
    unit: str
    unit_name: dict[str, str]  # by language: ru, en (Russian where no English name is known)
    period: str
    indicator: str
    indicator_name: dict[str, str]
    claims: tuple[Claim, ...]  # in the order they were sent

    @property
    def key(self) -> str:
        return f"{self.unit}/{self.period}/{self.indicator}"

    def name_of_unit(self, lang: str) -> str:
        return self.unit_name.get(lang) or self.unit_name["ru"]

    def name_of_indicator(self, lang: str) -> str:
        return self.indicator_name.get(lang) or self.indicator_name["ru"]


def conflicts_for(
    engine: Engine, account: Account | None, unit: str | None = None
) -> list[Conflict]:
    """Every open conflict (of `unit` only, when given), newest claim last within each, keys in
    order of region, period, indicator. Refused (and audited) for anyone but analysts and
    admins."""
    _allowed(engine, account, "conflicts.read", "conflicts")
    frame = open_conflicts(engine)
    if unit is not None:
        frame = frame[frame["unit"] == unit]
    if frame.empty:
        return []
    ids = _first_ids(engine, frame)
    batches = _batches(engine, set(frame["batch_id"]))
    revisions = _revisions(engine, set(frame["id"]))
    units = _unit_names(engine, set(frame["unit"]))
    indicators = _indicator_names(engine)
    out = []
    for key, group in frame.groupby(KEY, sort=True):
        unit_code, period, indicator = key
        claims = tuple(
            Claim(
                id=int(row.id),
                source=row.source,
                value=float(row.value),
                revision=revisions[int(row.id)],
                batch_id=int(row.batch_id),
                file=batches[int(row.batch_id)][0],
                actor=batches[int(row.batch_id)][1],
                received_at=batches[int(row.batch_id)][2],
            )
            for row in group.sort_values("id").itertuples(index=False)
        )
        out.append(
            Conflict(
                id=ids[key],
                unit=unit_code,
                unit_name=units.get(unit_code, {"ru": unit_code}),
                period=period,
                indicator=indicator,
                indicator_name=indicators.get(indicator, {"ru": indicator}),
                claims=claims,
            )
        )
    return out


@dataclass(frozen=True)
class Resolved:
    id: int  # the resolution's
    conflict: int
    unit: str
    period: str
    indicator: str
    source: str


def open_conflicts_of(engine: Engine, unit: str, cache: Cache | None = None) -> pd.DataFrame:
    """The open conflicts on `unit`'s values: unit, period, indicator, source, value, one row per
    claim. Anyone may know that a region's value is disputed (its page says so); who claimed
    what is for `conflicts_for`. Kept until the stored data change (a batch or a resolution)."""
    key = (database_key(engine), "open-conflicts")
    frame = kept(cache, key, data_version(engine), lambda: open_conflicts(engine)).value
    return frame[frame["unit"] == unit].reset_index(drop=True)


def resolve(
    engine: Engine, account: Account | None, conflict_id: int, source: str, reason: str
) -> Resolved:
    """Settle the open conflict `conflict_id`: `source`'s value holds from now on, for the
    reason given. A conflict that is not open (unknown, or settled
    meanwhile by someone else) is a problem at `conflict`, so two people never overrule each
    other unknowingly; a source that did not claim the value is a problem at `source`, a
    missing reason at `reason`."""
    _allowed(engine, account, "conflict.resolve", f"conflict {conflict_id}")
    key = _key_of(engine, conflict_id)
    claimed = _open_sources(engine, key) if key else set()
    problems = []
    if not claimed:
        problems.append(Problem("conflict_not_open", path="conflict", value=conflict_id))
    elif not source:
        problems.append(Problem("conflict_choose_source", path="source"))
    elif source not in claimed:
        problems.append(Problem("unknown_source", path="source", value=source))
    if not reason or not reason.strip():
        problems.append(Problem("conflict_reason_required", path="reason"))
    if problems:
        raise ValidationFailed(problems)
    rid = resolve_conflict(engine, *key, source, reason, actor=account.login)
    return Resolved(rid, conflict_id, *key, source)


def _open_sources(engine: Engine, key: tuple[str, str, str]) -> set[str]:
    """The sources whose claims on `key` are in open dispute (empty: no open conflict)."""
    unit, period, indicator = key
    claims = effective_values(engine, indicators=[indicator]).conflicts
    at = (claims["unit"] == unit) & (claims["period"] == period)
    return set(claims[at]["source"])


def _allowed(engine: Engine, account: Account | None, action: str, target: str) -> None:
    if not can_resolve_conflicts(account):
        record_refusal(engine, account, action, target)
        raise Forbidden(target)


def _first_ids(engine: Engine, frame) -> dict[tuple[str, str, str], int]:
    """The id naming each conflict: the first value ever stored for its key."""
    v = ValueRevision.__table__.c
    query = (
        select(v.unit, v.period, v.indicator, func.min(v.id))
        .where(
            v.unit.in_(sorted(set(frame["unit"]))),
            v.period.in_(sorted(set(frame["period"]))),
            v.indicator.in_(sorted(set(frame["indicator"]))),
        )
        .group_by(v.unit, v.period, v.indicator)
    )
    with engine.connect() as connection:
        return {(u, p, i): first for u, p, i, first in connection.execute(query)}


def _key_of(engine: Engine, conflict_id: int) -> tuple[str, str, str] | None:
    """The key a conflict id names, if it is the first value stored for that key."""
    require_current(engine)
    v = ValueRevision.__table__.c
    with engine.connect() as connection:
        row = connection.execute(
            select(v.unit, v.period, v.indicator).where(v.id == conflict_id)
        ).one_or_none()
        if row is None:
            return None
        first = connection.scalar(
            select(func.min(v.id)).where(
                v.unit == row.unit, v.period == row.period, v.indicator == row.indicator
            )
        )
    return (row.unit, row.period, row.indicator) if first == conflict_id else None


def _batches(engine: Engine, ids: set) -> dict[int, tuple[str | None, str | None, datetime]]:
    b = Batch.__table__.c
    with engine.connect() as connection:
        rows = connection.execute(
            select(b.id, b.file_name, b.actor, b.received_at).where(
                b.id.in_(sorted(int(i) for i in ids))
            )
        ).all()
    return {row.id: (row.file_name, row.actor, row.received_at) for row in rows}


def _revisions(engine: Engine, ids: set) -> dict[int, int]:
    v = ValueRevision.__table__.c
    with engine.connect() as connection:
        rows = connection.execute(
            select(v.id, v.revision).where(v.id.in_(sorted(int(i) for i in ids)))
        ).all()
    return {row.id: row.revision for row in rows}


def _unit_names(engine: Engine, codes: set) -> dict[str, dict[str, str]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(Unit.code, Unit.name_ru, Unit.name_en).where(Unit.code.in_(sorted(codes)))
        ).all()
    return {code: {"ru": ru or code, "en": en or ru or code} for code, ru, en in rows}


def _indicator_names(engine: Engine) -> dict[str, dict[str, str]]:
    """Indicator names from the methodologies kept in the database, the default one first."""
    codes = [m.code for m in list_methodologies(engine)]
    ordered = sorted(set(codes), key=lambda c: (c != DEFAULT_METHODOLOGY, c))
    names: dict[str, dict[str, str]] = {}
    for code in ordered:
        m = stored_methodology(engine, code).methodology
        for indicator in [*m.indicator_codes, *(d.code for d in m.denominators)]:
            if indicator not in names:
                names[indicator] = {
                    "ru": m.name_of(indicator, "ru"),
                    "en": m.name_of(indicator, "en"),
                }
    return names
