"""Change sets as people give them — on the command line, in the region page's form, in an API
body — read into one plan, with one set of problem codes.

A plan maps scenario names to change sets (`{indicator code: new value or "target"}`). Whatever
the shell, its shape is checked here: a change that is not `CODE=VALUE` is `bad_change`, one
without a value `empty_value`, an indicator given twice in a scenario `duplicate_code`, a
scenario that is not `NAME: CODE=VALUE; …` `bad_scenario`, a name given twice
`duplicate_scenario`. What the values mean (a number, the word "target", an indicator of the
methodology, within its range) is checked by the engine against the methodology
(`engine.changes.read_changes`), the same for every shell.

Problems are located as the engine locates its own: the indicator code when the plan has one
scenario, `NAME: CODE` when it has several; a problem with a whole text has no path, and the
shell names the option or field it came from. Reading never raises: the plan keeps what could
be read and its problems, and `analyses.whatif` reports them together with the engine's (an
unknown indicator, a value out of range), all at once, before anything is computed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from tsifra.engine.changes import Change, describe
from tsifra.kernel.language import word
from tsifra.kernel.problems import Problem

_Pairs = list[tuple[str, Change | None]]  # (code, value); None: no value given


@dataclass(frozen=True)
class ChangePlan:
    """Scenario name → {indicator code: new value or "target"}, and what could not be read."""

    scenarios: dict[str, dict[str, Change]]
    problems: tuple[Problem, ...] = field(default=())


def plan_from_texts(
    sets: Sequence[str] = (), scenarios: Sequence[str] = (), *, lang: str
) -> ChangePlan:
    """`CODE=VALUE` texts (`--set`, one change set named by what it changes) and named
    alternatives `NAME: CODE=VALUE; CODE=target` (`--scenario`; semicolons, since a decimal
    comma may sit inside a value). With neither, one empty change set: where the unit stands."""
    problems: list[Problem] = []
    named: list[tuple[str, _Pairs]] = []
    given = _pairs(sets, problems)
    for text in scenarios:
        name, sep, body = text.partition(":")
        parts = [p for p in body.split(";") if p.strip()]
        if not sep or not name.strip() or not parts:
            problems.append(Problem("bad_scenario", value=text))
            continue
        named.append((name.strip(), _pairs(parts, problems)))
    if given or not named:
        unnamed = describe({c: v for c, v in given if v is not None})
        named.insert(0, (unnamed or word("whatif_no_changes", lang), given))
    return _checked(named, problems)


def plan_from_rows(rows: Iterable[tuple[str, str, bool]], name: str = "whatif") -> ChangePlan:
    """The region page's form: rows of (indicator code, value, to target); rows without an
    indicator are skipped, a row to target needs no value."""
    pairs: _Pairs = [
        (code.strip(), "target" if to_target else value) for code, value, to_target in rows
    ]
    return _checked([(name, [(c, v) for c, v in pairs if c])], [])


def plan_from_mapping(scenarios: Mapping[str, Mapping[str, Change]]) -> ChangePlan:
    """An API body: scenario name → {indicator code: number, numeric text or "target"}."""
    named = [
        (str(name), [(str(c), v) for c, v in changes.items()])
        for name, changes in scenarios.items()
    ]
    return _checked(named, [])


def _pairs(texts: Iterable[str], problems: list[Problem]) -> _Pairs:
    pairs: _Pairs = []
    for text in texts:
        code, sep, value = text.partition("=")
        if not sep or not code.strip():
            problems.append(Problem("bad_change", value=text.strip()))
        else:
            pairs.append((code.strip(), value))
    return pairs


def _checked(named: list[tuple[str, _Pairs]], problems: list[Problem]) -> ChangePlan:
    plan: dict[str, dict[str, Change]] = {}
    several = len(named) > 1
    for name, pairs in named:
        if name in plan:
            problems.append(Problem("duplicate_scenario", value=name))
            continue
        plan[name] = changes = {}
        seen: set[str] = set()
        for code, value in pairs:
            where = f"{name}: {code}" if several else code
            if code in changes or code in seen:
                problems.append(Problem("duplicate_code", path=where, value=code))
            elif value is None or (isinstance(value, str) and not value.strip()):
                problems.append(Problem("empty_value", path=where))
                seen.add(code)  # a second row of the same code is still a duplicate
            else:
                changes[code] = value.strip() if isinstance(value, str) else value
    return ChangePlan(plan, tuple(problems))
