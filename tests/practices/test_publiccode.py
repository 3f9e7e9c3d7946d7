"""publiccode.yml documents of the registry's solutions: the standard's mandatory keys present,
the stage mapped to its development status, the text limits kept, parsed back as YAML."""

from __future__ import annotations

from datetime import date

import pytest
import yaml
from sqlalchemy import Engine

from practice_rows import NOW, TODAY, practice_draft, replication_draft
from tsifra.practices.publiccode import dump, publiccode_documents, solution_ids
from tsifra.practices.records import add_replication, change_stage, create_practice

MANDATORY = (
    "publiccodeYmlVersion", "name", "url", "platforms", "categories", "developmentStatus",
    "softwareType", "description", "legal", "maintenance", "localisation",
)  # fmt: skip
CATEGORIES = {  # a few of the standard's controlled vocabulary used here
    "data-collection", "learning-management-system", "digital-citizenship", "fleet-management",
    "facility-management", "it-management", "data-analytics", "document-management",
    "call-center-management", "predictive-analysis",
}  # fmt: skip


@pytest.mark.parametrize(
    ("stage", "status"),
    [("idea", "concept"), ("pilot", "beta"), ("production", "stable"), ("scaled", "stable"),
     ("retired", "obsolete")],
)  # fmt: skip
def test_the_stage_maps_to_the_development_status(store: Engine, stage: str, status: str) -> None:
    pid = create_practice(store, practice_draft(stage=stage), account=None, now=NOW)
    [(found, doc)] = publiccode_documents(store, base_url="https://tsifra.example", today=TODAY)
    assert found == pid and doc["developmentStatus"] == status
    assert doc["maintenance"]["type"] == ("none" if stage == "retired" else "internal")


def test_documents_parse_back_with_the_standards_keys(store: Engine) -> None:
    ai = create_practice(
        store,
        practice_draft(ai_kind="vision", licence=None, url=None, stage="pilot",
                       stage_since=date(2025, 1, 10)),
        account=None, now=NOW,
    )  # fmt: skip
    change_stage(store, ai, "production", date(2025, 9, 1), account=None, now=NOW)
    add_replication(store, ai, replication_draft(), account=None, now=NOW)
    create_practice(store, practice_draft(software=None, url=None), account=None, now=NOW)
    assert solution_ids(store) == [ai]  # no product, no link: not a solution
    text = dump(doc for _, doc in publiccode_documents(store, base_url="", today=TODAY))
    [doc] = list(yaml.safe_load_all(text))
    assert all(key in doc for key in MANDATORY)
    assert doc["publiccodeYmlVersion"] == "0.4"
    assert doc["url"] == f"urn:tsifra:practice:{ai}" and "landingURL" not in doc
    assert doc["releaseDate"] == "2025-09-01"  # the day it reached production
    assert set(doc["categories"]) <= CATEGORIES and "data-analytics" in doc["categories"]
    assert doc["platforms"] == ["web"] and doc["softwareType"] == "standalone/web"
    assert doc["legal"]["license"] == "LicenseRef-proprietary"
    assert doc["RU"] == {"softwareRegistryNumber": "12345"}
    assert "usedBy" not in doc and "softwareVersion" not in doc
    for lang in ("ru", "en"):
        text_of = doc["description"][lang]
        assert 0 < len(text_of["shortDescription"]) <= 150
        assert 150 <= len(text_of["longDescription"]) <= 10_000
        assert text_of["features"]
    assert "подтверждённых контрактом или актом: 1" in doc["description"]["ru"]["longDescription"]
    assert doc["localisation"] == {"localisationReady": False, "availableLanguages": ["ru"]}


def test_the_page_in_tsifra_is_the_landing_url(store: Engine) -> None:
    pid = create_practice(store, practice_draft(), account=None, now=NOW)
    [(_, doc)] = publiccode_documents(store, base_url="https://tsifra.example/", today=TODAY)
    assert doc["url"] == "https://example.org/tmk"
    assert doc["landingURL"] == f"https://tsifra.example/practices/{pid}"
    assert doc["legal"] == {"license": "EUPL-1.2", "repoOwner": "Минздрав РТ"}
