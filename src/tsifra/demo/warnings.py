"""The demo's flood warnings: the example rule run once over its synthetic gauge readings.

The rule and the readings are examples/proactive's, copied beside this module with the rule's
title marked as the demo's. They go through `proactive.runs.run_rule` like a region's own run, so
`/notices` lists warnings that each name their rule, version and the reading that caused them,
and a second `tsifra demo` into a fresh database gives the same ones.
"""

from __future__ import annotations

from datetime import date, datetime, time
from importlib import resources
from pathlib import Path

from sqlalchemy import Engine

from tsifra.proactive.runs import run_rule

RULE = "flood-warning-synthetic.yaml"


def rule_file() -> Path:
    return Path(str(resources.files("tsifra.demo") / "data" / RULE))


def load_demo_warnings(engine: Engine, today: date | None, actor: str) -> int:
    """Run the demo's rule as of 09:00 UTC of `today` (now when None); answers the warnings it
    issued."""
    now = None if today is None else datetime.combine(today, time(9))
    return run_rule(engine, rule_file(), now=now, actor=actor).fired
