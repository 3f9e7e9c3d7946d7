"""The baseline for the formulas benchmark: each shipped formula done by hand in pandas.

Idiomatic, reasonably careful pandas (only the columns needed, categorical regions, integer
year and quarter keys), reading the same Parquet files as the formulas do, so the comparison is
of the work, not of a straw man. The benchmark checks that each gives the formula's values.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def pos_answered_on_time(path: Path) -> pd.DataFrame:
    df = pd.read_parquet(path, columns=["region", "created", "deadline", "answered"])
    cutoff = max(df["created"].max(), df["answered"].max())
    known = df[df["answered"].notna() | (df["deadline"] < cutoff)]
    on_time = known["answered"].notna() & (known["answered"] <= known["deadline"])
    return _share(known, known["created"], on_time, "gov_pos_on_time")


def mszu_requests_online(path: Path) -> pd.DataFrame:
    df = pd.read_parquet(path, columns=["region", "submitted", "online"])
    return _share(df, df["submitted"], df["online"], "gov_mszu_requests_online")


def permits_issued_online(path: Path) -> pd.DataFrame:
    df = pd.read_parquet(path, columns=["region", "online", "outcome", "decided"])
    issued = df[(df["outcome"] == "issued") & df["decided"].notna()]
    return _share(issued, issued["decided"], issued["online"], "city_permits_online")


def permit_issue_days(path: Path) -> pd.DataFrame:
    df = pd.read_parquet(path, columns=["region", "kind", "outcome", "submitted", "decided"])
    issued = df[
        (df["kind"] == "construction") & (df["outcome"] == "issued") & df["decided"].notna()
    ]
    days = (issued["decided"].dt.normalize() - issued["submitted"].dt.normalize()).dt.days
    g = _grouped(issued, issued["decided"], days).agg(["sum", "count"])
    return _long(g["sum"].astype(float) / g["count"], "city_permit_days")


def _share(frame: pd.DataFrame, when: pd.Series, flag: pd.Series, indicator: str) -> pd.DataFrame:
    g = _grouped(frame, when, flag.astype("int64")).agg(["sum", "count"])
    return _long(g["sum"].astype(float) * 100 / g["count"], indicator)


def _grouped(frame: pd.DataFrame, when: pd.Series, values: pd.Series):
    keys = [frame["region"], when.dt.year.rename("year"), when.dt.quarter.rename("quarter")]
    return values.groupby(keys, observed=True, sort=False)


def _long(value: pd.Series, indicator: str) -> pd.DataFrame:
    out = value.rename("value").reset_index()
    period = out["year"].astype(str) + "Q" + out["quarter"].astype(str)
    frame = pd.DataFrame(
        {
            "unit": out["region"].astype(str),
            "period": period,
            "indicator": indicator,
            "value": out["value"],
        }
    )
    return frame.sort_values(["unit", "period"]).reset_index(drop=True)


BASELINES = {
    "pos_answered_on_time": pos_answered_on_time,
    "mszu_requests_online": mszu_requests_online,
    "permits_issued_online": permits_issued_online,
    "permit_issue_days": permit_issue_days,
}
