"""The whole registry as one workbook, and the same workbook read back.

The export writes a sheet of practices, one of the indicators each is meant to move, one of
replications, one of evidence, and one of the measured effects (shown only, with the caveat).
Codes of the vocabularies are written as words in the reader's language; regions as ISO codes.
Every text is a string cell, as `kernel.cells` asks: a title starting with `=` stays text.

The import (`sheet_import.import_workbook`) reads that workbook as officials keep it: title rows
above the header, headers in Russian or English, dates as Excel dates or «30.06.2026», totals
rows. It checks the whole file first, and writes everything or nothing.
"""

from __future__ import annotations

import io
from collections import defaultdict
from datetime import date

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from sqlalchemy import Engine, select

from tsifra.kernel.language import Lang, word
from tsifra.practices.effects import refresh_effects
from tsifra.practices.sheet_columns import (
    EFFECTS,
    EVIDENCE,
    INDICATORS,
    PRACTICES,
    REPLICATIONS,
    SheetSpec,
)
from tsifra.practices.vocabulary import (
    ai_kind_word,
    counts,
    evidence_word,
    is_stale,
    replication_status_word,
    sector_word,
    stage_word,
)
from tsifra.store import (
    Practice,
    PracticeEffect,
    PracticeEvidence,
    PracticeIndicator,
    PracticeRegion,
    PracticeReplication,
    PracticeStage,
    require_current,
    session_scope,
    utcnow,
)


def export_xlsx(engine: Engine, lang: Lang, *, today: date | None = None) -> bytes:
    """The whole registry as an XLSX workbook, effects current (`refresh_effects` first)."""
    require_current(engine)
    refresh_effects(engine)
    today = today or utcnow().date()
    yes, no = word("yes", lang), word("no", lang)
    with session_scope(engine) as session:
        practices = session.scalars(select(Practice).order_by(Practice.id)).all()
        regions: dict[int, list[str]] = defaultdict(list)
        for pid, region in session.execute(
            select(PracticeRegion.practice_id, PracticeRegion.region).order_by(
                PracticeRegion.practice_id, PracticeRegion.region
            )
        ):
            regions[pid].append(region)
        since: dict[int, date] = {}
        for pid, stage_since in session.execute(
            select(PracticeStage.practice_id, PracticeStage.since).order_by(
                PracticeStage.since, PracticeStage.id
            )
        ):
            since[pid] = stage_since  # the latest wins
        links = (
            session.execute(
                select(PracticeIndicator).order_by(
                    PracticeIndicator.practice_id, PracticeIndicator.indicator
                )
            )
            .scalars()
            .all()
        )
        replications = session.scalars(
            select(PracticeReplication).order_by(
                PracticeReplication.practice_id, PracticeReplication.id
            )
        ).all()
        evidence = session.scalars(
            select(PracticeEvidence).order_by(PracticeEvidence.practice_id, PracticeEvidence.id)
        ).all()
        effects = session.scalars(
            select(PracticeEffect)
            .where(PracticeEffect.effect.is_not(None))
            .order_by(PracticeEffect.practice_id, PracticeEffect.indicator, PracticeEffect.region)
        ).all()
    titles = {p.id: p.title for p in practices}
    counted: dict[int, int] = defaultdict(int)
    for r in replications:
        counted[r.practice_id] += counts(r)

    book = Workbook(write_only=True)
    _sheet(book, PRACTICES, lang, (
        [
            p.id, p.title, sector_word(p.sector, lang), ai_kind_word(p.ai_kind, lang),
            stage_word(p.stage, lang), since.get(p.id), "; ".join(regions[p.id]),
            p.owner_agency, p.description, p.problem, p.cofog,
            "; ".join(p.technologies or ()), p.capex, p.opex, p.software, p.software_registry,
            p.url, p.licence, p.verified_at, p.effect, counted[p.id],
            yes if is_stale(p.verified_at, today) else no,
        ]
        for p in practices
    ))  # fmt: skip
    _sheet(book, INDICATORS, lang, (
        [i.practice_id, titles[i.practice_id], i.indicator, i.expected_effect] for i in links
    ))  # fmt: skip
    _sheet(book, REPLICATIONS, lang, (
        [
            r.id, r.practice_id, titles[r.practice_id], r.region, r.agency, r.started_on,
            replication_status_word(r.status, lang),
            evidence_word(r.evidence_kind, lang) if r.evidence_kind else None,
            r.evidence_number, r.evidence_date, r.evidence_url, r.evidence_sha256,
            yes if counts(r) else no, r.verified_at,
        ]
        for r in replications
    ))  # fmt: skip
    _sheet(book, EVIDENCE, lang, (
        [e.practice_id, titles[e.practice_id], evidence_word(e.kind, lang), e.title, e.url,
         e.sha256]
        for e in evidence
    ))  # fmt: skip
    caveat = book.create_sheet(word(EFFECTS.key, lang))
    caveat.append([_cell(caveat, word("practice_effect_caveat", lang))])
    caveat.append([_cell(caveat, word(c.key, lang)) for c in EFFECTS.columns])
    for e in effects:
        caveat.append(
            [
                _cell(caveat, v)
                for v in (
                    e.practice_id, titles[e.practice_id], e.indicator, e.region,
                    e.before_period, e.before, e.after_period, e.after, e.effect,
                )
            ]
        )  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet(book: Workbook, spec: SheetSpec, lang: Lang, rows) -> None:
    sheet = book.create_sheet(word(spec.key, lang))
    sheet.append([_cell(sheet, word(c.key, lang)) for c in spec.columns])
    for row in rows:
        sheet.append([_cell(sheet, v) for v in row])


def _cell(sheet, value: object) -> object:
    """Texts as string cells (never a formula), dates shown as dates, the rest as they are."""
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = "DD.MM.YYYY"
        return cell
    return value
