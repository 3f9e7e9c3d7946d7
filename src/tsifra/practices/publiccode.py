"""The registry's solutions as publiccode.yml (v0.4) documents, so a catalogue that reads the
standard (Developers Italia, the EU's, a national one) can list them.

A solution is a practice with a product or a link. The standard's keys are filled from the
record; where the registry knows nothing the key asks for, the document says so plainly rather
than inventing it:

- `url` is the practice's own link, else its page in Tsifra (`TSIFRA_BASE_URL`), else a URN;
- `softwareVersion` is left out (the registry records practices, not releases), and
  `releaseDate` is the day the practice reached production (or its latest stage);
- `developmentStatus` follows the stage: idea → concept, pilot → beta, production and scaled
  → stable, retired → obsolete;
- `legal.license` is the SPDX id the record gives, else `LicenseRef-proprietary`;
- `maintenance.type` is `none` for a retired practice and `internal` otherwise, with the owner
  agency as the affiliation of its contact (the registry names no person);
- the Russian software registry entry is national compliance, which the standard puts in a
  country-specific section: `RU: {softwareRegistryNumber: "…"}`;
- the count of replications is not `usedBy`: the standard's list is unverified testimony, the
  registry's count only those with evidence, so it is stated in the long description instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date

import yaml
from sqlalchemy import Engine, or_, select

from tsifra.kernel.language import word
from tsifra.practices.records import PracticeView, read_practices
from tsifra.practices.vocabulary import (
    IN_PRODUCTION,
    ai_kind_word,
    sector_word,
    stage_word,
)
from tsifra.store import Practice, require_current, session_scope, utcnow

VERSION = "0.4"
SHORT_LIMIT = 150
LONG_MINIMUM = 150
LONG_LIMIT = 10_000
DEVELOPMENT_STATUS = {
    "idea": "concept",
    "pilot": "beta",
    "production": "stable",
    "scaled": "stable",
    "retired": "obsolete",
}
# The standard's controlled vocabularies (categories-list, scope-list).
SECTOR_CATEGORY = {
    "health": "data-collection",
    "education": "learning-management-system",
    "gov": "digital-citizenship",
    "transport": "fleet-management",
    "city": "facility-management",
    "other": "it-management",
}
AI_CATEGORY = {
    "vision": "data-analytics",
    "text": "document-management",
    "speech": "call-center-management",
    "prediction": "predictive-analysis",
    "recommendation": "data-analytics",
}
SECTOR_SCOPE = {
    "health": "healthcare",
    "education": "education",
    "gov": "local-authorities",
    "transport": "transportation",
    "city": "infrastructures",
    "other": "society",
}


def solution_ids(engine: Engine) -> list[int]:
    """The practices that are solutions: with a product named or a link."""
    with session_scope(engine) as session:
        return list(
            session.scalars(
                select(Practice.id)
                .where(or_(Practice.software.is_not(None), Practice.url.is_not(None)))
                .order_by(Practice.id)
            )
        )


def publiccode_documents(
    engine: Engine,
    practice_ids: Iterable[int] | None = None,
    *,
    base_url: str | None = None,
    today: date | None = None,
) -> list[tuple[int, dict]]:
    """(practice id, publiccode.yml document) for each solution (all of them by default)."""
    require_current(engine)
    today = today or utcnow().date()
    base = (base_url if base_url is not None else os.environ.get("TSIFRA_BASE_URL", "")).rstrip("/")
    ids = solution_ids(engine) if practice_ids is None else list(practice_ids)
    return [(view.id, document(view, base)) for view in read_practices(engine, ids, today=today)]


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _release_date(view: PracticeView) -> str:
    in_production = [s.since for s in view.stages if s.stage in IN_PRODUCTION]
    day = in_production[0] if in_production else view.stages[-1].since
    return day.isoformat()


def _description(view: PracticeView, lang: str) -> dict:
    sector, stage = sector_word(view.sector, lang), stage_word(view.stage, lang)
    kind = ai_kind_word(view.ai_kind, lang)
    regions = len(view.regions)
    summary = word(
        "practice_pc_summary", lang, sector=sector, kind=kind, stage=stage, regions=regions
    )
    parts = []
    if lang == "ru":
        problem = word("practice_pc_problem", lang, problem=view.problem) if view.problem else ""
        parts += [view.description, problem]
    parts += [summary, word("practice_pc_replications", lang, count=view.replication_count)]
    if view.effect is not None:
        parts.append(word("practice_pc_effect", lang, effect=view.effect))
        parts.append(word("practice_effect_caveat", lang))
    if view.software_registry:
        parts.append(word("practice_pc_registry", lang, number=view.software_registry))
    long = "\n\n".join(p for p in parts if p)
    if len(long) < LONG_MINIMUM:
        long += "\n\n" + word("practice_pc_source", lang)
    features = [view.problem] if lang == "ru" and view.problem else []
    features += [summary]
    features += list(view.technologies)
    return {
        "localisedName": view.title if lang == "ru" else (view.software or view.title),
        "shortDescription": _clip(view.title if lang == "ru" else summary, SHORT_LIMIT),
        "longDescription": _clip(long, LONG_LIMIT),
        "features": [_clip(f, 500) for f in features if f],
    }


def document(view: PracticeView, base: str = "") -> dict:
    """One practice as a publiccode.yml document (a mapping to dump as YAML)."""
    page = f"{base}/practices/{view.id}" if base else None
    doc: dict = {
        "publiccodeYmlVersion": VERSION,
        "name": view.software or view.title,
        "url": view.url or page or f"urn:tsifra:practice:{view.id}",
    }
    if page:
        doc["landingURL"] = page
    doc["releaseDate"] = _release_date(view)
    doc["platforms"] = ["web"]
    categories = [SECTOR_CATEGORY.get(view.sector, "it-management")]
    if view.ai_kind in AI_CATEGORY and AI_CATEGORY[view.ai_kind] not in categories:
        categories.append(AI_CATEGORY[view.ai_kind])
    doc["categories"] = categories
    doc["developmentStatus"] = DEVELOPMENT_STATUS[view.stage]
    doc["softwareType"] = "standalone/web"
    doc["intendedAudience"] = {
        "countries": ["ru"],
        "scope": [SECTOR_SCOPE.get(view.sector, "society")],
    }
    doc["description"] = {lang: _description(view, lang) for lang in ("ru", "en")}
    doc["legal"] = {"license": view.licence or "LicenseRef-proprietary"}
    if view.owner_agency:
        doc["legal"]["repoOwner"] = view.owner_agency
    if view.stage == "retired":
        doc["maintenance"] = {"type": "none"}
    else:
        agency = view.owner_agency or view.title
        contact = {"name": agency, "affiliation": agency}
        doc["maintenance"] = {"type": "internal", "contacts": [contact]}
    doc["localisation"] = {"localisationReady": False, "availableLanguages": ["ru"]}
    if view.software_registry:
        doc["RU"] = {"softwareRegistryNumber": view.software_registry}
    return doc


def dump(documents: Iterable[dict]) -> str:
    """Documents as one YAML stream (`---` between them), UTF-8 text as the standard asks."""
    return yaml.safe_dump_all(
        list(documents), allow_unicode=True, sort_keys=False, explicit_start=True, width=100
    )
