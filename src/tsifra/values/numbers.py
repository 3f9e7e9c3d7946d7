"""Numbers as officials write them: «12,5», «1 234,5» (spaces or no-break spaces between
thousands), «−3» with a true minus, and percentages «58,5 %».

The rule for percentages: a value is the number the official sees. A cell written «58,5 %» (a
CSV saved by Excel from a percentage cell, or text typed so) is 58.5, and so is an XLSX cell
formatted as a percentage that holds 0.585 and shows «58,5 %» (`values.cells` reads it as the
text «58.5%»). Such a value is accepted for an indicator measured in percent, or whose unit the
methodology does not declare; for an indicator with another unit («дней», «руб.») it is a
problem of its cell, since its number would be a hundred times off one way or the other.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from tsifra.kernel.problems import Problem
from tsifra.methodology import Methodology
from tsifra.values.reading import ROW

_SPACES = re.compile(r"[\s\u00a0\u202f]")
_PERCENT = re.compile(r"%$")
PERCENT_UNITS = ("%", "процент", "percent")


def parse_numbers(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The numbers of text cells (NaN where a cell is no finite number) and which were written
    as percentages."""
    number = pd.to_numeric(raw, errors="coerce").astype(float)
    percent = pd.Series(False, index=raw.index)
    odd = raw.notna() & number.isna()  # decimal commas and spaced thousands, as Excel writes them
    if odd.any():
        cleaned = raw[odd].str.replace(_SPACES, "", regex=True).str.replace(",", ".")
        cleaned = cleaned.str.replace("\u2212", "-", regex=False)
        percent[odd] = cleaned.str.endswith("%").fillna(False).astype(bool)
        cleaned = cleaned.str.replace(_PERCENT, "", regex=True)
        number[odd] = pd.to_numeric(cleaned, errors="coerce").astype(float)
    number = number.where(np.isfinite(number))  # "inf" parses, but is no indicator value
    return number, percent & number.notna()


def is_percent_unit(unit: str | None) -> bool:
    """Percent, or not declared (no unit to contradict)."""
    return not unit or any(word in unit.casefold() for word in PERCENT_UNITS)


def percent_problems(
    long: pd.DataFrame, percent: pd.Series, raw: pd.Series, m: Methodology, file: str
) -> list[Problem]:
    """A percentage given for an indicator measured in something else (the module's docstring)."""
    if not percent.any():
        return []
    other = {i.code: i.unit for i in m.indicators if not is_percent_unit(i.unit)}
    bad = percent & long["indicator"].isin(list(other))
    return [
        Problem(
            "percent_not_expected", file=file, row=int(r), column=c, value=v,
            params={"indicator": i, "expected": other[i]},
        )
        for r, c, v, i in zip(
            long.loc[bad, ROW], long.loc[bad, "column"], raw[bad], long.loc[bad, "indicator"],
            strict=True,
        )
    ]  # fmt: skip
