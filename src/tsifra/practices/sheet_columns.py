"""The registry's workbook: its sheets and their columns, shared by the export and the import so
that an exported file edited by an official comes back as it went out.

Each column has a field, the catalogue key of its header (the export writes it in the reader's
language; the import recognises it in either language, with a few names officials use), and
whether it is only shown (the measured effect, the count of counted replications): an imported
value there is ignored, for those are computed, never typed. The sheets of indicators,
replications and evidence name their practice by its number in the registry or, for a practice
new in the file, by its title as the sheet of practices writes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tsifra.kernel.language import word, word_key


@dataclass(frozen=True)
class Column:
    field: str
    key: str
    aliases: tuple[str, ...] = ()
    shown_only: bool = False


@dataclass(frozen=True)
class SheetSpec:
    name: str  # the field the import stores its rows under
    key: str  # the sheet's title in the catalogue
    columns: tuple[Column, ...]
    required: tuple[str, ...]  # fields a row cannot do without, and the header must name


PRACTICES = SheetSpec(
    "practices",
    word_key("practice_sheet_practices"),
    (
        Column("id", word_key("practice_col_id"), ("№", "id", "номер практики")),
        Column("title", word_key("practice_col_title"), ("наименование", "практика")),
        Column("sector", word_key("practice_col_sector"), ("направление",)),
        Column("ai_kind", word_key("practice_col_ai_kind"), ("ии",)),
        Column("stage", word_key("practice_col_stage")),
        Column("stage_since", word_key("practice_col_stage_since")),
        Column("regions", word_key("practice_col_regions"), ("регион", "субъект рф")),
        Column("owner_agency", word_key("practice_col_owner_agency"), ("ведомство",)),
        Column("description", word_key("practice_col_description")),
        Column("problem", word_key("practice_col_problem")),
        Column("cofog", word_key("practice_col_cofog"), ("кофог",)),
        Column("technologies", word_key("practice_col_technologies")),
        Column("capex", word_key("practice_col_capex"), ("капитальные затраты",)),
        Column("opex", word_key("practice_col_opex"), ("эксплуатационные затраты",)),
        Column("software", word_key("practice_col_software"), ("по",)),
        Column("software_registry", word_key("practice_col_software_registry")),
        Column("url", word_key("practice_col_url"), ("ссылка",)),
        Column("licence", word_key("practice_col_licence")),
        Column("verified_at", word_key("practice_col_verified_at")),
        Column("effect", word_key("practice_col_effect"), shown_only=True),
        Column("replication_count", word_key("practice_col_replication_count"), shown_only=True),
        Column("stale", word_key("practice_col_stale"), shown_only=True),
    ),
    ("title", "sector"),
)
INDICATORS = SheetSpec(
    "indicators",
    word_key("practice_sheet_indicators"),
    (
        Column("practice", word_key("practice_col_practice"), ("номер практики",)),
        Column("practice_title", word_key("practice_col_practice_title")),
        Column("indicator", word_key("practice_col_indicator"), ("код показателя",)),
        Column("expected_effect", word_key("practice_col_expected_effect")),
    ),
    ("practice", "indicator"),
)
REPLICATIONS = SheetSpec(
    "replications",
    word_key("practice_sheet_replications"),
    (
        Column("id", word_key("practice_col_replication_id")),
        Column("practice", word_key("practice_col_practice"), ("номер практики",)),
        Column("practice_title", word_key("practice_col_practice_title")),
        Column("region", word_key("practice_col_region"), ("субъект рф", "регионы")),
        Column("agency", word_key("practice_col_agency"), ("ведомство",)),
        Column("started_on", word_key("practice_col_started_on")),
        Column("status", word_key("practice_col_status")),
        Column("evidence_kind", word_key("practice_col_evidence_kind")),
        Column("evidence_number", word_key("practice_col_evidence_number")),
        Column("evidence_date", word_key("practice_col_evidence_date")),
        Column("evidence_url", word_key("practice_col_evidence_url")),
        Column("evidence_sha256", word_key("practice_col_sha256")),
        Column("counted", word_key("practice_col_counted"), shown_only=True),
        Column("verified_at", word_key("practice_col_verified_at"), shown_only=True),
    ),
    ("practice", "region", "started_on", "status"),
)
EVIDENCE = SheetSpec(
    "evidence",
    word_key("practice_sheet_evidence"),
    (
        Column("practice", word_key("practice_col_practice"), ("номер практики",)),
        Column("practice_title", word_key("practice_col_practice_title")),
        Column("kind", word_key("practice_col_evidence_kind")),
        Column("title", word_key("practice_col_evidence_title")),
        Column("url", word_key("practice_col_evidence_url")),
        Column("sha256", word_key("practice_col_sha256")),
    ),
    ("practice", "kind", "title"),
)
# Shown only: the measured effect per indicator and region, with its caveat.
EFFECTS = SheetSpec(
    "effects",
    word_key("practice_sheet_effects"),
    (
        Column("practice", word_key("practice_col_practice")),
        Column("practice_title", word_key("practice_col_practice_title")),
        Column("indicator", word_key("practice_col_indicator")),
        Column("region", word_key("practice_col_region")),
        Column("before_period", word_key("practice_col_before_period")),
        Column("before", word_key("practice_col_before")),
        Column("after_period", word_key("practice_col_after_period")),
        Column("after", word_key("practice_col_after")),
        Column("effect", word_key("practice_col_measured")),
    ),
    (),
)
SHEETS = (PRACTICES, INDICATORS, REPLICATIONS, EVIDENCE)

_NOT_LETTERS = re.compile(r"[^0-9a-zа-я№]+")


def normalised(text: object) -> str:
    """A header or a word compared without case, ё, punctuation or spacing."""
    if text is None:
        return ""
    return _NOT_LETTERS.sub(" ", str(text).casefold().replace("ё", "е")).strip()


def names_of(key: str, aliases: tuple[str, ...] = ()) -> set[str]:
    """What a header or a sheet may be called: its words in both languages, and its aliases."""
    return {normalised(word(key, lang)) for lang in ("ru", "en")} | {normalised(a) for a in aliases}
