"""What a practice and a replication say as a form, the API or a spreadsheet row gives them, and
every problem with them at once, each located by its field (`regions[2]`, `evidence[0].url`).

The checks need to know which regions and indicators exist and what today is; the services pass
them in, so one function serves a single form and a workbook of thousands of rows alike.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from tsifra.kernel.problems import Problem
from tsifra.practices.vocabulary import (
    AI_KINDS,
    EVIDENCE_KINDS,
    REPLICATION_EVIDENCE_KINDS,
    REPLICATION_STATUSES,
    SECTORS,
    STAGES,
)

TITLE_LIMIT = 500
TEXT_LIMIT = 20_000
NAME_LIMIT = 500  # an agency, a product
URL_LIMIT = 1000
TECHNOLOGY_LIMIT = 100
TECHNOLOGIES = 50
COFOG_PATTERN = re.compile(r"\d{2}(\.\d{1,2})?")
SHA256_PATTERN = re.compile(r"[0-9a-f]{64}")
REGISTRY_PATTERN = re.compile(r"\d{1,32}")  # the number of an entry in reestr.digital.gov.ru


@dataclass(frozen=True)
class IndicatorLink:
    """An indicator the practice is meant to move, and by how much (in its unit), if said."""

    indicator: str
    expected_effect: float | None = None


@dataclass(frozen=True)
class EvidenceDraft:
    """A link or a kept file (by SHA-256, `store.blobs`) behind a claim about the practice."""

    kind: str
    title: str
    url: str | None = None
    sha256: str | None = None


@dataclass(frozen=True)
class PracticeDraft:
    """A practice as its author states it. Its measured effect is never part of it."""

    title: str
    sector: str
    description: str = ""
    problem: str = ""
    regions: tuple[str, ...] = ()
    owner_agency: str | None = None
    cofog: str | None = None
    ai_kind: str | None = None
    technologies: tuple[str, ...] = ()
    stage: str = "idea"
    stage_since: date | None = None
    capex: float | None = None
    opex: float | None = None
    software: str | None = None
    software_registry: str | None = None
    url: str | None = None
    licence: str | None = None
    indicators: tuple[IndicatorLink, ...] = ()
    evidence: tuple[EvidenceDraft, ...] = ()
    verified_at: date | None = None


@dataclass(frozen=True)
class ReplicationDraft:
    """A replication as claimed; it counts only with evidence (`vocabulary.counts`)."""

    region: str
    started_on: date
    status: str
    agency: str | None = None
    evidence_kind: str | None = None
    evidence_number: str | None = None
    evidence_date: date | None = None
    evidence_url: str | None = None
    evidence_sha256: str | None = None


def _choice(value: object, allowed: tuple[str, ...], path: str) -> list[Problem]:
    if value in allowed:
        return []
    return [
        Problem("literal_error", path=path, value=value, params={"expected": ", ".join(allowed)})
    ]


def _text(value: str | None, limit: int, path: str) -> list[Problem]:
    if value is not None and len(value) > limit:
        return [Problem("practice_text_too_long", path=path, params={"limit": limit})]
    return []


def _url(value: str | None, path: str) -> list[Problem]:
    if value is None:
        return []
    if len(value) > URL_LIMIT or not re.match(r"https?://[^\s/]+\S*$", value, re.IGNORECASE):
        return [Problem("practice_bad_url", path=path, value=value)]
    return []


def _sha256(value: str | None, path: str) -> list[Problem]:
    if value is not None and not SHA256_PATTERN.fullmatch(value):
        return [Problem("practice_bad_sha256", path=path, value=value)]
    return []


def _past(value: date | None, today: date, path: str) -> list[Problem]:
    """A date of something that has happened (a stage began, a record was verified)."""
    if value is not None and value > today:
        return [Problem("practice_future_date", path=path, value=value)]
    return []


def _amount(value: float | None, path: str) -> list[Problem]:
    if value is not None and (not math.isfinite(value) or value < 0):
        return [Problem("practice_bad_cost", path=path, value=value)]
    return []


def practice_problems(
    draft: PracticeDraft,
    *,
    regions: Collection[str],
    indicators: Collection[str],
    today: date,
) -> list[Problem]:
    """Every problem of a practice draft; `regions` and `indicators` are the known codes."""
    problems: list[Problem] = []
    if not draft.title or not draft.title.strip() or len(draft.title) > TITLE_LIMIT:
        problems.append(Problem("practice_title", path="title", params={"limit": TITLE_LIMIT}))
    problems += _text(draft.description, TEXT_LIMIT, "description")
    problems += _text(draft.problem, TEXT_LIMIT, "problem")
    problems += _text(draft.owner_agency, NAME_LIMIT, "owner_agency")
    problems += _text(draft.software, NAME_LIMIT, "software")
    problems += _text(draft.licence, 64, "licence")
    problems += _choice(draft.sector, SECTORS, "sector")
    if draft.cofog is not None and not COFOG_PATTERN.fullmatch(draft.cofog):
        problems.append(Problem("practice_bad_cofog", path="cofog", value=draft.cofog))
    if draft.ai_kind is not None:
        problems += _choice(draft.ai_kind, AI_KINDS, "ai_kind")
    if len(draft.technologies) > TECHNOLOGIES:
        problems.append(
            Problem("practice_too_many", path="technologies", params={"limit": TECHNOLOGIES})
        )
    for k, tag in enumerate(draft.technologies):
        if not tag.strip() or len(tag) > TECHNOLOGY_LIMIT:
            problems.append(
                Problem("practice_bad_technology", path=f"technologies[{k}]", value=tag)
            )
    problems += _choice(draft.stage, STAGES, "stage")
    problems += _past(draft.stage_since, today, "stage_since")
    problems += _amount(draft.capex, "capex")
    problems += _amount(draft.opex, "opex")
    if draft.software_registry is not None and not REGISTRY_PATTERN.fullmatch(
        draft.software_registry
    ):
        problems.append(
            Problem(
                "practice_bad_registry", path="software_registry", value=draft.software_registry
            )
        )
    problems += _url(draft.url, "url")
    for k, region in enumerate(draft.regions):
        if region not in regions:
            problems.append(Problem("unknown_unit", path=f"regions[{k}]", value=region))
    seen: set[str] = set()
    for k, link in enumerate(draft.indicators):
        path = f"indicators[{k}]"
        if link.indicator not in indicators:
            problems.append(Problem("unknown_indicator", path=path, value=link.indicator))
        elif link.indicator in seen:
            problems.append(Problem("practice_indicator_twice", path=path, value=link.indicator))
        seen.add(link.indicator)
        if link.expected_effect is not None and not math.isfinite(link.expected_effect):
            problems.append(
                Problem(
                    "practice_bad_number",
                    path=f"{path}.expected_effect",
                    value=link.expected_effect,
                )
            )
    for k, evidence in enumerate(draft.evidence):
        problems += evidence_problems(evidence, f"evidence[{k}]")
    problems += _past(draft.verified_at, today, "verified_at")
    return problems


def evidence_problems(evidence: EvidenceDraft, path: str) -> list[Problem]:
    """The problems of one piece of evidence; paths end in its field (`….url`)."""
    problems = _choice(evidence.kind, EVIDENCE_KINDS, f"{path}.kind")
    if not evidence.title or not evidence.title.strip() or len(evidence.title) > TITLE_LIMIT:
        problems.append(
            Problem("practice_evidence_title", path=f"{path}.title", params={"limit": TITLE_LIMIT})
        )
    problems += _url(evidence.url, f"{path}.url")
    problems += _sha256(evidence.sha256, f"{path}.sha256")
    if evidence.url is None and evidence.sha256 is None:
        problems.append(Problem("practice_evidence_empty", path=path))
    return problems


def replication_problems(
    draft: ReplicationDraft, *, regions: Collection[str], today: date
) -> list[Problem]:
    """Every problem of a replication draft. Only a planned one may start in the future."""
    problems: list[Problem] = []
    if draft.region not in regions:
        problems.append(Problem("unknown_unit", path="region", value=draft.region))
    problems += _choice(draft.status, REPLICATION_STATUSES, "status")
    if draft.status != "planned":
        problems += _past(draft.started_on, today, "started_on")
    problems += _text(draft.agency, NAME_LIMIT, "agency")
    if draft.evidence_kind is not None:
        problems += _choice(draft.evidence_kind, REPLICATION_EVIDENCE_KINDS, "evidence_kind")
    problems += _text(draft.evidence_number, 128, "evidence_number")
    problems += _past(draft.evidence_date, today, "evidence_date")
    problems += _url(draft.evidence_url, "evidence_url")
    problems += _sha256(draft.evidence_sha256, "evidence_sha256")
    return problems
