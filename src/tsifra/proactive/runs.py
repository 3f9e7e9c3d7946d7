"""Running a proactive rule: one `rule_runs` row saying which text of which rule read which
data, what the rule's kind issued, and when it finished.

The row is written before the kind runs and finished after it, each in its own transaction, so a
run that failed stays visible as a row without `finished_at`; whatever the kind issues is written
in its own transaction, all or nothing, with the run's number on every notice and case. The data
read is named with its SHA-256 (a folder of Parquet parts: of its parts in name order), so a
warning can be traced to the exact file it came from, and the rule's file with its own.

The data are `data` when given, else the file the rule's `source.path` names, relative to the
rule's file; a rule over a stored register (a compensation rule) reads no file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.proactive.kinds import kind_module
from tsifra.proactive.rules import Rule, load_rule
from tsifra.store import RuleRun, session_scope, utcnow

CHUNK = 1 << 20


@dataclass(frozen=True)
class RunReport:
    run_id: int
    rule: str
    version: str
    records: int
    fired: int


def run_rule(
    engine: Engine,
    rule: Rule | str | Path,
    data: Path | None = None,
    *,
    now: datetime | None = None,
    actor: str = "cli",
) -> RunReport:
    """Run a rule (a loaded one, or its file) over its data; every notice or case once."""
    now = now or utcnow()
    folder: Path | None = None
    if not isinstance(rule, Rule):
        folder = Path(rule).parent
        rule = load_rule(rule)
    data = Path(data) if data is not None else _source_file(rule, folder)
    if data is not None and not data.exists():
        raise ValidationFailed([Problem("file_not_found", file=data.name)])
    with session_scope(engine) as session:
        row = RuleRun(
            rule=rule.rule,
            version=rule.version,
            rule_sha256=rule.sha256 or "",
            source=data.name if data is not None else _stored_source(rule),
            source_sha256=file_sha256(data) if data is not None else None,
            started_at=now,
            records=0,
            fired=0,
            actor=actor[:64],
        )
        session.add(row)
        session.flush()
        run_id = row.id
    records, fired = kind_module(rule.kind).run(
        engine, rule, data, run_id=run_id, now=now, actor=actor
    )
    with session_scope(engine) as session:
        row = session.get(RuleRun, run_id)
        row.records, row.fired, row.finished_at = records, fired, utcnow()
    return RunReport(run_id, rule.rule, rule.version, records, fired)


def _source_file(rule: Rule, folder: Path | None) -> Path | None:
    path = rule.source.get("path")
    if not path or folder is None:
        return None
    return folder / str(path)


def _stored_source(rule: Rule) -> str | None:
    name = rule.source.get("register") or rule.source.get("mart") or rule.source.get("table")
    return str(name)[:255] if name else None


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, or of a folder's Parquet parts read one after another by name."""
    digest = hashlib.sha256()
    parts = sorted(path.glob("*.parquet")) if path.is_dir() else [path]
    for part in parts:
        with part.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
    return digest.hexdigest()
