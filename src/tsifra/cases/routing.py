"""Which body answers a case: a region's routing rules, and the one rule that wins.

A rule names a category (it matches that category and every category below it), optionally a
municipality (ОКТМО; an 8-digit code matches the settlements under it) and optionally words any
of which the text must hold in some form («яма» matches «ямой», `kernel.words`). Of the rules
that match, the most specific wins: the deepest category, then one naming a municipality, then
one whose words matched, then the smaller `priority` number, then the rule loaded first. What
no rule matches goes to the region's triage queue (`route` returns None).

A rules file is the whole list for each region it names: loading it replaces those regions'
rules in one transaction, after every row has been checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, bindparam, delete, select
from sqlalchemy.orm import Session

from tsifra.cases.rows import Row, read_rows
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.kernel.words import mentions, stems
from tsifra.store import Unit, require_current, session_scope
from tsifra.store.audit import record
from tsifra.store.models import Body, RoutingRule

COLUMNS = ("region", "category", "body")  # and optionally oktmo, words, priority
DEFAULT_PRIORITY = 100
DATA = Path(__file__).parent / "data" / "routing"

_OKTMO = re.compile(r"^(\d{8}|\d{11})$")


@dataclass(frozen=True)
class Rule:
    id: int
    region: str
    category: str
    oktmo: str | None
    words: str | None
    body: str
    priority: int


@dataclass(frozen=True)
class LoadedRules:
    regions: tuple[str, ...]
    rules: int
    replaced: int


# What `route` reads, built once: SQLAlchemy then compiles it once per dialect and reuses it.
# A category line has at most three codes (the tree's levels), bound one by one rather than as an
# expanding list, whose SQL would be rendered again on every call.
_RULES = (
    select(
        RoutingRule.id,
        RoutingRule.category,
        RoutingRule.oktmo,
        RoutingRule.words,
        RoutingRule.body,
        RoutingRule.priority,
    )
    .join(Body, Body.code == RoutingRule.body)
    .where(RoutingRule.region == bindparam("region"), Body.active.is_(True))
)
_LEVELS = 3
RULES_OF_LINE = _RULES.where(RoutingRule.category.in_([bindparam(f"c{k}") for k in range(_LEVELS)]))
RULES_OF_DEEP_LINE = _RULES.where(RoutingRule.category.in_(bindparam("line", expanding=True)))


def route(
    session: Session | Connection, region: str, category: str, oktmo: str | None, text: str
) -> str | None:
    """The code of the body that answers a case, or None for the region's triage queue.

    Called while a case is submitted, on its session or Core connection: one query reads the
    region's rules for the category and its parents (with their bodies active); the choice
    is made here."""
    parts = category.split(".")
    line = [".".join(parts[: k + 1]) for k in range(len(parts))]
    connection = session.connection() if isinstance(session, Session) else session
    if len(line) <= _LEVELS:
        padded = line + [line[-1]] * (_LEVELS - len(line))  # a repeated code matches nothing more
        parameters = {"region": region, **{f"c{k}": code for k, code in enumerate(padded)}}
        candidates = connection.execute(RULES_OF_LINE, parameters).all()
    else:
        candidates = connection.execute(RULES_OF_DEEP_LINE, {"region": region, "line": line}).all()
    best = choose(candidates, oktmo, text)
    return best.body if best is not None else None


def choose(rules: list, oktmo: str | None, text: str):
    """The winning rule among a region's rules for one category's line (or None)."""
    text_stems: frozenset[str] | None = None
    ranked = []
    for rule in rules:
        if rule.oktmo and not (oktmo and oktmo.startswith(rule.oktmo)):
            continue
        if rule.words:
            if text_stems is None:
                text_stems = stems(text)
            if not mentions(text_stems, rule.words):
                continue
        depth = rule.category.count(".")
        ranked.append(((-depth, not rule.oktmo, not rule.words, rule.priority, rule.id), rule))
    return min(ranked, key=lambda pair: pair[0])[1] if ranked else None


def load_rules(engine: Engine, path: str | Path, actor: str | None = None) -> LoadedRules:
    """Replace the routing rules of every region the file names by the file's rules."""
    require_current(engine)
    rows = read_rows(path, COLUMNS)
    name = Path(path).name
    with session_scope(engine) as session:
        regions = set(session.scalars(select(Unit.code).where(Unit.kind == "region")))
        bodies = {b.code: b for b in session.scalars(select(Body))}
        problems = _problems(rows, name, regions, bodies, _category_codes())
        if problems:
            raise ValidationFailed(problems)
        file_regions = sorted({r.get("region") for r in rows})
        replaced = session.execute(
            delete(RoutingRule).where(RoutingRule.region.in_(file_regions))
        ).rowcount
        session.add_all(
            RoutingRule(
                region=r.get("region"),
                category=r.get("category"),
                oktmo=r.get("oktmo") or None,
                words=r.get("words") or None,
                body=r.get("body"),
                priority=int(r.get("priority") or DEFAULT_PRIORITY),
            )
            for r in rows
        )
        record(session, actor, "routing.load", name, {"regions": file_regions, "rules": len(rows)})
    return LoadedRules(tuple(file_regions), len(rows), replaced or 0)


def list_rules(engine: Engine, region: str | None = None) -> list[Rule]:
    query = select(RoutingRule).order_by(RoutingRule.region, RoutingRule.category, RoutingRule.id)
    if region:
        query = query.where(RoutingRule.region == region)
    with session_scope(engine) as session:
        return [
            Rule(r.id, r.region, r.category, r.oktmo, r.words, r.body, r.priority)
            for r in session.scalars(query)
        ]


def _category_codes() -> set[str]:
    from tsifra.cases.categories import categories

    return {c.code for c in categories()}


def _problems(
    rows: list[Row], name: str, regions: set[str], bodies: dict[str, Body], codes: set[str]
) -> list[Problem]:
    problems: list[Problem] = []

    def bad(code: str, row: Row, column: str, **params) -> None:
        problems.append(row.problem(code, name, column, **params))

    for row in rows:
        for column in COLUMNS:
            if not row.get(column):
                bad("empty_value", row, column)
        region, body = row.get("region"), row.get("body")
        if region and region not in regions:
            bad("unknown_unit", row, "region")
        if row.get("category") and row.get("category") not in codes:
            bad("queue_unknown_category", row, "category")
        if body and (body not in bodies or not bodies[body].active):
            bad("queue_unknown_body", row, "body")
        elif body and region and bodies[body].region != region and bodies[body].kind != "federal":
            bad("queue_body_of_other_region", row, "body", other=bodies[body].region)
        if row.get("oktmo") and not _OKTMO.match(row.get("oktmo")):
            bad("queue_bad_oktmo", row, "oktmo")
        if row.get("words") and not stems(row.get("words")):
            bad("queue_no_words", row, "words")
        priority = row.get("priority")
        if priority and not (priority.isdigit() and int(priority) <= 10_000):
            bad("queue_bad_priority", row, "priority")
    return problems
