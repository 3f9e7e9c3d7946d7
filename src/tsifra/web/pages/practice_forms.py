"""The registry's forms as typed: one practice's fields read from a posted form into the
service's draft, and back from a stored practice into the form, so that a refused form comes
back with what was typed and every problem next to its field.

Figures are typed as officials type them («1 250 000,50»); a figure or a date that does not read
is a located problem of its own, shown with the service's, and nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from tsifra.kernel.problems import Problem
from tsifra.practices.drafts import practice_problems
from tsifra.practices.records import EvidenceDraft, IndicatorLink, PracticeDraft, known

BLANK_INDICATORS = 3  # empty rows a form offers for more indicators
BLANK_EVIDENCE = 2


@dataclass(frozen=True)
class PracticeForm:
    """A practice's fields as text, exactly as the form shows them."""

    title: str = ""
    sector: str = ""
    description: str = ""
    problem: str = ""
    regions: tuple[str, ...] = ()
    owner_agency: str = ""
    cofog: str = ""
    ai_kind: str = ""
    technologies: str = ""
    stage: str = "idea"
    stage_since: str = ""
    capex: str = ""
    opex: str = ""
    software: str = ""
    software_registry: str = ""
    url: str = ""
    licence: str = ""
    indicators: tuple[tuple[str, str], ...] = ()  # (code, expected effect)
    evidence: tuple[tuple[str, str, str], ...] = ()  # (kind, title, url)
    verified_at: str = ""
    kept_sha256: tuple[str, ...] = field(default=())  # evidence files, kept as they were

    def indicator_rows(self) -> list[tuple[str, str]]:
        return [*self.indicators, *[("", "")] * BLANK_INDICATORS]

    def evidence_rows(self) -> list[tuple[str, str, str]]:
        return [*self.evidence, *[("link", "", "")] * BLANK_EVIDENCE]


def read_form(fields: dict[str, Any]) -> PracticeForm:
    """The form from the route's parameters; empty rows of indicators and evidence dropped,
    NUL characters (which no browser types and PostgreSQL cannot store) removed."""
    fields = {
        k: [x.replace("\x00", "") for x in v] if isinstance(v, list) else v.replace("\x00", "")
        for k, v in fields.items()
    }
    indicators = tuple(
        (code.strip(), effect.strip())
        for code, effect in zip(fields["indicator"], fields["expected_effect"], strict=False)
        if code.strip() or effect.strip()
    )
    evidence = tuple(
        (kind.strip(), title.strip(), url.strip())
        for kind, title, url in zip(
            fields["evidence_kind"], fields["evidence_title"], fields["evidence_url"], strict=False
        )
        if title.strip() or url.strip()
    )
    plain = {
        name: fields[name].strip()
        for name in PracticeForm.__dataclass_fields__
        if name not in {"regions", "indicators", "evidence", "kept_sha256"}
    }
    regions = tuple(dict.fromkeys(r.strip() for r in fields["regions"] if r.strip()))
    return PracticeForm(**plain, regions=regions, indicators=indicators, evidence=evidence)


def form_of(view: Any) -> PracticeForm:
    """A stored practice in its form, for editing."""
    return PracticeForm(
        title=view.title,
        sector=view.sector,
        description=view.description or "",
        problem=view.problem or "",
        regions=tuple(view.regions),
        owner_agency=view.owner_agency or "",
        cofog=view.cofog or "",
        ai_kind=view.ai_kind or "",
        technologies=", ".join(view.technologies or ()),
        stage=view.stage,
        capex=_figure_text(view.capex),
        opex=_figure_text(view.opex),
        software=view.software or "",
        software_registry=view.software_registry or "",
        url=view.url or "",
        licence=view.licence or "",
        indicators=tuple(
            (link.indicator, _figure_text(link.expected_effect)) for link in view.indicators
        ),
        evidence=tuple((e.kind, e.title, e.url or "") for e in view.evidence),
        verified_at=view.verified_at.isoformat() if view.verified_at else "",
        kept_sha256=tuple(e.sha256 or "" for e in view.evidence),
    )


def draft_of(form: PracticeForm, problems: list[Problem]) -> PracticeDraft:
    """The service's draft; a figure or date that does not read is added to `problems`."""
    indicators = tuple(
        IndicatorLink(code, _figure(effect, f"indicators[{k}].expected_effect", problems))
        for k, (code, effect) in enumerate(form.indicators)
    )
    kept = dict(zip(((e[1], e[2]) for e in form.evidence), form.kept_sha256, strict=False))
    evidence = tuple(
        EvidenceDraft(kind, title, url or None, kept.get((title, url)) or None)
        for kind, title, url in form.evidence
    )
    technologies = tuple(t.strip() for t in re.split(r"[,;\n]", form.technologies) if t.strip())
    return PracticeDraft(
        title=form.title,
        sector=form.sector,
        description=form.description,
        problem=form.problem,
        regions=form.regions,
        owner_agency=form.owner_agency or None,
        cofog=form.cofog or None,
        ai_kind=form.ai_kind or None,
        technologies=technologies,
        stage=form.stage or "idea",
        stage_since=day_of(form.stage_since, "stage_since", problems),
        capex=_figure(form.capex, "capex", problems),
        opex=_figure(form.opex, "opex", problems),
        software=form.software or None,
        software_registry=form.software_registry or None,
        url=form.url or None,
        licence=form.licence or None,
        indicators=indicators,
        evidence=evidence,
        verified_at=day_of(form.verified_at, "verified_at", problems),
    )


def draft_problems(engine, draft: PracticeDraft) -> list[Problem]:
    """The service's own problems with a draft, found without writing: a form refused for a
    figure that does not read still shows every other problem at once."""
    codes = known(engine)
    return practice_problems(
        draft, regions=codes.regions, indicators=codes.indicators, today=date.today()
    )


def with_kept_files(form: PracticeForm, view: Any) -> PracticeForm:
    """An edited form keeps the files behind the evidence it still lists (a form cannot carry
    a file's hash, so it is matched back by the evidence's title and link)."""
    stored = {(e.title, e.url or ""): e.sha256 or "" for e in view.evidence}
    return replace(form, kept_sha256=tuple(stored.get((e[1], e[2]), "") for e in form.evidence))


def day_of(text: str, path: str, problems: list[Problem]) -> date | None:
    """A date typed as 2026-06-30 (the date picker) or 30.06.2026 (by hand)."""
    text = text.strip()
    if not text:
        return None
    try:
        if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", text):
            d, m, y = (int(x) for x in text.split("."))
            return date(y, m, d)
        return date.fromisoformat(text)
    except ValueError:
        problems.append(Problem("registry_bad_date", path=path, value=text))
        return None


def _figure(text: str, path: str, problems: list[Problem]) -> float | None:
    cleaned = re.sub(r"[\s\u00a0\u202f₽]", "", text or "").replace(",", ".")
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        problems.append(Problem("registry_bad_number", path=path, value=text))
        return None
    if value != value or value in (float("inf"), float("-inf")):
        problems.append(Problem("registry_bad_number", path=path, value=text))
        return None
    return value


def _figure_text(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:g}".replace(".", ",")


def by_field(problems: list[Problem] | None) -> dict[str, list[Problem]]:
    """Problems by the form field they belong to: `indicators[2].indicator` is the indicators'."""
    grouped: dict[str, list[Problem]] = {}
    for problem in problems or ():
        root = re.split(r"[.\[]", problem.path or problem.column or "", maxsplit=1)[0]
        grouped.setdefault(root, []).append(problem)
    return grouped
