"""Hand-made marts for tests: a few records each, every one there for a reason it states.

The expected values of the formulas on these records are computed by hand in
test_mart_formulas.py; the other tests reuse the records as known-good input.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from tsifra.demo.marts import SCHEMAS


def ts(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


Records = Sequence[Sequence[object]]


def write_mart(folder: Path, mart: str, rows: Records, form: str = "parquet") -> Path:
    """Write a hand-made mart as `<mart>.parquet`, `<mart>.csv` or `<mart>/part-*.parquet`.

    Rows are tuples in the order of the mart's columns; Parquet is typed as generated marts are,
    CSV is written as an agency's export would be (empty cell = missing, `2024-01-31 10:00:00`).
    """
    schema = SCHEMAS[mart]
    frame = pd.DataFrame(list(rows), columns=schema.names)
    if form == "csv":
        path = folder / f"{mart}.csv"
        frame.to_csv(path, index=False, date_format="%Y-%m-%d %H:%M:%S")
        return path
    table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
    if form == "parts":  # two part files, as Spark writes a table
        path = folder / mart
        path.mkdir()
        half = table.num_rows // 2
        pq.write_table(table.slice(0, half), path / "part-0.parquet")
        pq.write_table(table.slice(half), path / "part-1.parquet")
        return path
    path = folder / f"{mart}.parquet"
    pq.write_table(table, path)
    return path


# Cut-off = the latest event recorded: row 7's answer, 2024-06-26 00:00.
APPEALS = [
    # id, region, channel, created, deadline, answered
    (1, "RU-MOW", "portal", ts("2024-01-10 10:00"), ts("2024-01-20 10:00"), ts("2024-01-15 09:00")),
    # answered exactly at the deadline: on time
    (2, "RU-MOW", "mobile", ts("2024-02-01"), ts("2024-02-11"), ts("2024-02-11")),
    # filed on the last second of Q1, answered late in Q2: a late answer of Q1
    (3, "RU-MOW", "portal", ts("2024-03-31 23:59:59"), ts("2024-04-10 23:59:59"), ts("2024-04-12")),
    # never answered, deadline long past: late
    (4, "RU-MOW", "widget", ts("2024-03-01"), ts("2024-03-11"), None),
    (5, "RU-MOW", "portal", ts("2024-04-01"), ts("2024-04-11"), ts("2024-04-05")),
    # unanswered, deadline after the cut-off: not known yet, left out
    (6, "RU-SPE", "portal", ts("2024-06-20"), ts("2024-06-30"), None),
    (7, "RU-SPE", "portal", ts("2024-06-25 12:00"), ts("2024-07-05 12:00"), ts("2024-06-26")),
    (8, "RU-SPE", "mobile", ts("2024-06-01"), ts("2024-06-11"), None),
    (9, "RU-SPE", "portal", ts("2024-01-05"), ts("2024-01-15"), ts("2024-01-16")),
    # only undecided messages: no value at all rather than a 0 % or a division by zero
    (10, "RU-TA", "portal", ts("2024-06-24"), ts("2024-07-04"), None),
    # deadline exactly at the cut-off: not yet passed, left out
    (11, "RU-TA", "portal", ts("2024-06-16"), ts("2024-06-26"), None),
]


PERMITS = [
    # id, region, kind, online, submitted, outcome, decided
    (1, "RU-MOW", "construction", True, ts("2024-01-01 10:00"), "issued", ts("2024-01-11 09:00")),
    # applied in 2023Q4, issued in 2024Q1: counts in the quarter of issue; 3 calendar days
    (2, "RU-MOW", "construction", False, ts("2023-12-30 23:00"), "issued", ts("2024-01-02 01:00")),
    # a commissioning permit: counts for the online share, not for the days to a building permit
    (3, "RU-MOW", "commissioning", True, ts("2024-02-01"), "issued", ts("2024-02-05")),
    # refused and pending applications are no permits
    (4, "RU-MOW", "construction", True, ts("2024-02-01"), "refused", ts("2024-02-10")),
    (5, "RU-MOW", "construction", True, ts("2024-03-20"), "pending", None),
    # issued the day it was applied for: 0 days
    (6, "RU-MOW", "construction", False, ts("2024-03-30 08:00"), "issued", ts("2024-03-30 17:00")),
    (7, "RU-SPE", "construction", True, ts("2024-03-25 23:00"), "issued", ts("2024-04-02 00:30")),
]
