"""Building blocks every formula shares: per region per quarter, exact ratios.

Portability rules learnt the hard way, so formulas agree to the last bit on DuckDB and Spark:
aggregate integer counts and integer sums only (floating sums depend on the order of addition,
which differs between engines), and divide once at the end; compute no quantiles (engines
approximate them differently). And for speed at 10M+ rows: count a condition with
`table.count(where=...)` (DuckDB runs a filtered count, faster than summing a cast flag), and
build the `2024Q1` label after grouping, on a few thousand rows rather than millions.
"""

from __future__ import annotations

import ibis


def by_region_quarter(
    table: ibis.Table, when: ibis.TimestampValue, **metrics: ibis.Scalar
) -> ibis.Table:
    """`metrics` per region (`unit`) and calendar quarter of `when` (`period`, like 2024Q1)."""
    return by_unit_quarter(table, table.region, when, **metrics)


def by_unit_quarter(
    table: ibis.Table, unit: ibis.Value, when: ibis.TimestampValue, **metrics: ibis.Scalar
) -> ibis.Table:
    """`metrics` per `unit` (a region, or the body that answered) and calendar quarter of `when`.

    The grouping column is a parameter so that one formula serves regions and agencies alike:
    an agency's figure is then the region's formula over that agency's records, by construction.
    """
    grouped = table.group_by(unit=unit, year=when.year(), quarter=when.quarter()).aggregate(
        **metrics
    )
    return with_period(grouped)


def with_period(grouped: ibis.Table) -> ibis.Table:
    """`year` and `quarter` (numbers) replaced by the label `period` (2024Q1), after grouping."""
    period = grouped.year.cast("string") + "Q" + grouped.quarter.cast("string")
    return grouped.mutate(period=period).drop("year", "quarter")


def percent(part: ibis.IntegerValue, whole: ibis.IntegerValue) -> ibis.FloatingValue:
    """100 · part / whole in one correctly rounded division (counts are exact below 2^53)."""
    return part.cast("float64") * 100 / whole


def mean(total: ibis.IntegerValue, count: ibis.IntegerValue) -> ibis.FloatingValue:
    """An integer total over a count: one division, so every engine gives the same double."""
    return total.cast("float64") / count
