"""The terms of owners' approvals: working days per kind of works, and whether silence past
the term is consent — a default and each region's overrides, from one YAML file.

The file is data, not code, so a region's rule can be read and changed without a release of
logic; it is checked whole (every problem located by its key path). A project keeps a copy of
the terms that applied when it was filed (`approval_projects.terms`), with the file's version.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from tsifra.approvals.vocabulary import WORKS
from tsifra.kernel.problems import Problem, ValidationFailed

TERMS_FILE = Path(__file__).with_name("data") / "terms.yaml"
MAX_DAYS = 60


@dataclass(frozen=True)
class RegionTerms:
    days: dict[str, int]  # kind of works → working days
    silence_is_consent: bool


@dataclass(frozen=True)
class Terms:
    version: str
    default: RegionTerms
    regions: dict[str, RegionTerms]

    def for_project(self, region: str, works: str) -> dict[str, Any]:
        """What a project filed in `region` for `works` keeps: {"days", "silence_is_consent",
        "version"}."""
        chosen = self.regions.get(region, self.default)
        return {
            "days": chosen.days[works],
            "silence_is_consent": chosen.silence_is_consent,
            "version": self.version,
        }


def _region_terms(
    raw: Any, where: str, file: str, base: RegionTerms | None, problems: list[Problem]
) -> RegionTerms:
    if not isinstance(raw, dict):
        problems.append(Problem("appr_terms_not_mapping", file=file, path=where))
        return base or RegionTerms({w: 1 for w in WORKS}, False)
    for key in raw:
        if key not in ("days", "silence_is_consent"):
            problems.append(Problem("appr_terms_unknown_key", file=file, path=f"{where}.{key}"))
    silence = raw.get("silence_is_consent", None if base is None else base.silence_is_consent)
    if not isinstance(silence, bool):
        problems.append(
            Problem("appr_terms_silence", file=file, path=f"{where}.silence_is_consent")
        )
        silence = False
    days = dict(base.days) if base is not None else {}
    given = raw.get("days", {})
    if not isinstance(given, dict):
        problems.append(Problem("appr_terms_not_mapping", file=file, path=f"{where}.days"))
        given = {}
    for works, n in given.items():
        path = f"{where}.days.{works}"
        if works not in WORKS:
            known = {"expected": ", ".join(WORKS)}
            problems.append(
                Problem("appr_terms_works", file=file, path=path, value=works, params=known)
            )
        elif isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_DAYS:
            problems.append(
                Problem("appr_terms_days", file=file, path=path, value=n, params={"max": MAX_DAYS})
            )
        else:
            days[works] = n
    for works in WORKS:
        if works not in days:
            problems.append(Problem("appr_terms_missing", file=file, path=f"{where}.days.{works}"))
    return RegionTerms(days, silence)


def parse_terms(document: Any, file: str = "terms.yaml") -> Terms:
    """Check a terms document whole; `ValidationFailed` names every problem's key path."""
    if not isinstance(document, dict):
        raise ValidationFailed([Problem("appr_terms_not_mapping", file=file)])
    problems: list[Problem] = []
    version = document.get("version")
    if not isinstance(version, str) or not version.strip():
        problems.append(Problem("appr_terms_version", file=file, path="version"))
    default = _region_terms(document.get("default"), "default", file, None, problems)
    regions_raw = document.get("regions") or {}
    regions = {}
    if not isinstance(regions_raw, dict):
        problems.append(Problem("appr_terms_not_mapping", file=file, path="regions"))
        regions_raw = {}
    for code, raw in regions_raw.items():
        regions[str(code)] = _region_terms(raw, f"regions.{code}", file, default, problems)
    if problems:
        raise ValidationFailed(problems)
    return Terms(str(version), default, regions)


def load_terms(path: Path = TERMS_FILE) -> Terms:
    """Read and check a terms file (the bundled one unless another is given)."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        raise ValidationFailed([Problem("appr_terms_unreadable", file=path.name)]) from None
    return parse_terms(document, path.name)


@cache
def bundled_terms() -> Terms:
    """The terms shipped with the package, read once (an immutable input)."""
    return load_terms(TERMS_FILE)
