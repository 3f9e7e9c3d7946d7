"""The registry of formulas: each turns one raw mart into one indicator's values.

A formula is written once, in Ibis, and never per engine: `tsifra.marts.backends` decides where it
runs. Each declares the mart it reads, the indicator it produces and the columns it reads; reading
any other column is an error (so the declaration cannot drift from the code), and its result is
cast to the long form every other source of indicator values uses: `unit, period, indicator, value`.
The rule itself (denominator, which records count, which quarter a record falls in) is the
formula's docstring, which is what `Formula.rule` shows to users.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass

import ibis
import ibis.expr.operations as ops

OUTPUT_COLUMNS = ("unit", "period", "indicator", "value")
# The mart that is the feedback platform's own case table (`tsifra.marts.platform`), not a file:
# its formulas take the moment they describe, `as_of`, as a keyword.
PLATFORM_MART = "cases"
# The registry of practices (`tsifra.marts.registry`), read from the store like the cases.
REGISTRY_MART = "registry"
# Infrastructure approvals (`tsifra.marts.approvals`): the events of owners' approval cases.
APPROVALS_MART = "approvals"
STORE_MARTS = (PLATFORM_MART, REGISTRY_MART, APPROVALS_MART)


@dataclass(frozen=True)
class Formula:
    """`formula(mart_table)` is an Ibis table of `unit, period, indicator, value`."""

    name: str
    mart: str
    indicator: str
    columns: tuple[str, ...]
    compute: Callable[..., ibis.Table]  # (mart, **params) → unit, period, value
    # the kind of units it yields (`units.kind`): `region`, or `agency` for figures by body
    unit_kind: str = "region"

    @property
    def source(self) -> str:
        """How stored values name their origin: `formula:<name>`."""
        return f"formula:{self.name}"

    @property
    def rule(self) -> str:
        return inspect.cleandoc(self.compute.__doc__ or "")

    def __call__(self, mart: ibis.Table, **params: object) -> ibis.Table:
        out = self.compute(mart, **params)
        self._check_columns(mart, out)
        return out.select(
            unit=out.unit.cast("string"),
            period=out.period.cast("string"),
            indicator=ibis.literal(self.indicator, type="string"),
            value=out.value.cast("float64"),
        )

    def _check_columns(self, mart: ibis.Table, out: ibis.Table) -> None:
        """A formula that reads an undeclared mart column is a bug, caught at its first run.

        Checked by name over the whole expression rather than by handing the formula a
        projection of its columns: a projection referenced twice (as a cut-off subquery does)
        becomes a CTE that DuckDB materialises, which costs more than the formula itself.
        """
        own = set(mart.op().find(ops.Field))  # how the mart itself was built (CSV parsing)
        names = {op.name for op in out.op().find(ops.Field) if op not in own}
        undeclared = sorted((names & set(mart.columns)) - set(self.columns))
        if undeclared:
            raise ValueError(f"formula {self.name!r} reads undeclared columns {undeclared}")


FORMULAS: dict[str, Formula] = {}


def formula(
    name: str, *, mart: str, indicator: str, columns: tuple[str, ...], unit_kind: str = "region"
) -> Callable[[Callable[..., ibis.Table]], Formula]:
    """Register a function as the formula `name`; a second formula of that name is a bug."""

    def register(compute: Callable[..., ibis.Table]) -> Formula:
        if name in FORMULAS:
            raise ValueError(f"formula {name!r} is already registered")
        FORMULAS[name] = Formula(name, mart, indicator, tuple(columns), compute, unit_kind)
        return FORMULAS[name]

    return register


def formulas_for(mart: str) -> list[Formula]:
    return [f for f in FORMULAS.values() if f.mart == mart]


def file_formulas() -> list[Formula]:
    """The formulas over marts that come as files (not the platform's cases, not the registry)."""
    return [f for f in FORMULAS.values() if f.mart not in STORE_MARTS]
