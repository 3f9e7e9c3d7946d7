"""The `uncertainty:` block checked against the rest of the methodology, and its alternatives as
complete step specs.

The block parses on its own (types and ranges); whether a level carries weights, an indicator
exists or an alternative normalisation has the goalposts it needs depends on the tree and the
steps, so these checks run once the tree is sound and name the key path an analyst can find.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel

from tsifra.kernel.problems import Problem
from tsifra.methodology.tree import GROUP_METHODS, TARGET_METHODS

if TYPE_CHECKING:
    from tsifra.methodology.schema import Methodology

Spec = TypeVar("Spec", bound=BaseModel)
SHOWN_CODES = 5  # indicators named in one problem; the rest are counted


def merged(nominal: Spec, alternative: Spec) -> Spec:
    """The step an alternative stands for: the nominal step with the keys it names replaced."""
    data = nominal.model_dump()
    data.update(alternative.model_dump(include=alternative.model_fields_set))
    return type(nominal).model_validate(data)


def step_alternatives(m: Methodology) -> dict[str, list]:
    """Complete step specs of each declared step choice, in pipeline order; absent if undeclared.

    Keys: imputation (ImputeSpec), winsorisation (TreatSpec), normalisation (NormaliseSpec),
    aggregation (AggregateSpec).
    """
    u = m.uncertainty
    out: dict[str, list] = {}
    if u is None:
        return out
    if u.imputation:
        out["imputation"] = [merged(m.steps.impute, a) for a in u.imputation]
    if u.winsorisation:
        limits = range(u.winsorisation.min, u.winsorisation.max + 1)
        out["winsorisation"] = [m.steps.treat.model_copy(update={"winmax": k}) for k in limits]
    if u.normalisation:
        out["normalisation"] = [merged(m.steps.normalise, a) for a in u.normalisation]
    if u.aggregation:
        out["aggregation"] = [merged(m.steps.aggregate, a) for a in u.aggregation]
    return out


def drop_candidates(m: Methodology) -> list[str]:
    """Indicators that may be left out one at a time (none unless declared). With `true`, every
    indicator that has a sibling: leaving out an only child would remove its parent node too."""
    drop = m.uncertainty.drop_indicator if m.uncertainty else False
    if drop is True:
        return [c for c in m.indicator_codes if len(m.children[m.indicator(c).parent]) > 1]
    return list(drop) if drop else []


def uncertainty_problems(m: Methodology) -> list[Problem]:
    u = m.uncertainty
    if u is None:
        return []
    problems = _weight_problems(m)
    alternatives = step_alternatives(m)
    if u.winsorisation is not None:
        where = "uncertainty.winsorisation"
        if u.winsorisation.min >= u.winsorisation.max:
            low, high = u.winsorisation.min, u.winsorisation.max
            problems.append(Problem("bad_range", path=where, params={"low": low, "high": high}))
        if m.steps.treat.method != "winsorise":
            problems.append(
                Problem("needs_winsorisation", path=where, params={"method": m.steps.treat.method})
            )
    for i, spec in enumerate(alternatives.get("imputation", [])):
        if spec.method in GROUP_METHODS and not spec.group:
            problems.append(
                Problem(
                    "needs_group",
                    path=f"uncertainty.imputation[{i}].group",
                    params={"method": spec.method},
                )
            )
    for i, spec in enumerate(alternatives.get("normalisation", [])):
        problems += _normalisation_problems(m, spec, f"uncertainty.normalisation[{i}]")
    for i, spec in enumerate(alternatives.get("aggregation", [])):
        if spec.method == "generalised" and spec.power is None:
            problems.append(Problem("needs_power", path=f"uncertainty.aggregation[{i}]"))
    for name, specs in alternatives.items():
        for j, spec in enumerate(specs):
            if spec in specs[:j]:
                first = f"uncertainty.{name}[{specs.index(spec)}]"
                problems.append(
                    Problem("duplicate_alternative", path=f"uncertainty.{name}[{j}]", value=first)
                )
    if isinstance(u.drop_indicator, list):
        for i, code in enumerate(u.drop_indicator):
            path = f"uncertainty.drop_indicator[{i}]"
            if code not in m.indicator_codes:
                problems.append(Problem("unknown_indicator", path=path, value=code))
            elif len(m.children[parent := m.indicator(code).parent]) == 1:
                problems.append(
                    Problem("drop_only_child", path=path, value=code, params={"parent": parent})
                )
    return problems


def _weight_problems(m: Methodology) -> list[Problem]:
    top = m.levels[m.root]
    seen: set[int] = set()
    out = []
    for i, noise in enumerate(m.uncertainty.weights):
        path = f"uncertainty.weights[{i}].level"
        if noise.level >= top:
            out.append(
                Problem("bad_weight_level", path=path, value=noise.level, params={"top": top - 1})
            )
        elif noise.level in seen:
            out.append(Problem("duplicate_level", path=path, value=noise.level))
        seen.add(noise.level)
    return out


def _normalisation_problems(m: Methodology, spec, path: str) -> list[Problem]:
    """An alternative replaces the default normalisation, so it must suit every indicator that
    uses the default."""
    if spec.method == "goalposts":
        code, lacking = "needs_goalposts", [i.code for i in _defaulted(m) if i.goalposts is None]
    elif spec.method in TARGET_METHODS:
        code, lacking = "needs_targets", [i.code for i in _defaulted(m) if not i.targets]
    else:
        return []
    if not lacking:
        return []
    shown = ", ".join(lacking[:SHOWN_CODES])
    if len(lacking) > SHOWN_CODES:
        shown += f" … (+{len(lacking) - SHOWN_CODES})"
    return [Problem(code, path=path, value=shown, params={"method": spec.method})]


def _defaulted(m: Methodology) -> list:
    return [i for i in m.indicators if i.steps.normalise is None]
