"""The kinds of proactive rule and the module that checks and runs each.

A kind's module has two functions:
- `params_problems(params: dict) -> list[Problem]`: what is wrong with the rule's `params`
  (problem `path` relative to `params`);
- `run(engine, rule: Rule, data: Path | None, *, run_id: int, now: datetime, actor: str)
  -> tuple[int, int]`: read the records (a file of recorded data, or the stored register when
  `data` is None), issue what is due once (keys make a re-run a no-op) and answer
  (records read, notices or cases created).
Modules load on first use, so a rule of one kind never imports another kind's dependencies.
"""

from __future__ import annotations

import importlib
from types import ModuleType

KINDS = {
    "threshold": "tsifra.proactive.gauges",  # a measurement crossing a level warns municipalities
    "register_case": "tsifra.proactive.compensation",  # a register's record opens a case
    "investor_approvals": "tsifra.proactive.investors",  # an investment project gets proposals
}


def kind_module(kind: str) -> ModuleType:
    return importlib.import_module(KINDS[kind])
