"""Downloads: the rating and a region's profile as XLSX, the governor's brief as PDF.

Public reads, like the rating they are made from; a region's tasks appear in its profile and
brief only for a signed-in reader who may see them, as on the page. Each answer is an attachment
whose name says what and which period it is: an ASCII `filename` (English) for old clients and an
RFC 5987 `filename*` in the reader's language for the rest. The language is every answer's
(`web.language`): Russian, or English with `?lang=en` or `Accept-Language: en`.
An older period's file costs seconds to make: an anonymous caller has a rate limit
(`web.ratelimits`), a reader's private file is not kept by any cache (`web.security`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Path, Query, Response
from sqlalchemy import Engine

from tsifra.kernel.cache import Cache
from tsifra.kernel.language import word, word_key
from tsifra.ratings.published import rated_period
from tsifra.reports.pdf import PdfUnavailable, brief_pdf
from tsifra.reports.xlsx import profile_xlsx, rating_xlsx
from tsifra.web.api.schemas import ErrorOut
from tsifra.web.deps import DB, AppCache, MaybeUser
from tsifra.web.language import Lang
from tsifra.web.ratelimits import EXPORTS, RESPONSES

router = APIRouter(tags=["exports"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
MethodologyCode = Annotated[str, Query(min_length=1, max_length=128)]
PeriodCode = Annotated[
    str | None, Query(max_length=16, description="2025Q4; the latest rated period by default")
]
RegionCode = Annotated[str, Path(min_length=1, max_length=64, description="e.g. RU-TA")]


def _file(media_type: str, description: str) -> dict:
    return {
        200: {
            "description": description,
            "content": {media_type: {"schema": {"type": "string", "format": "binary"}}},
        },
        404: {"model": ErrorOut, "description": "no such region or methodology"},
        422: {"model": ErrorOut, "description": "the request did not pass validation"},
        **RESPONSES,
    }


@router.get(
    "/ratings/export.xlsx",
    response_class=Response,
    dependencies=[EXPORTS],
    responses=_file(XLSX, "The rating of all regions as an Excel workbook"),
)
def rating_export(
    engine: DB,
    cache: AppCache,
    lang: Lang,
    methodology: MethodologyCode = "ru-digital-maturity",
    period: PeriodCode = None,
) -> Response:
    """The rating of a period as XLSX: rank, region, district, index, change, sector scores."""
    return _attachment(
        engine,
        methodology,
        period,
        XLSX,
        lambda: rating_xlsx(engine, methodology, period, lang=lang, cache=cache),
        _stems(word_key("file_rating"), lang),
        "xlsx",
        lang,
        cache,
    )


@router.get(
    "/regions/{code}/profile.xlsx",
    response_class=Response,
    dependencies=[EXPORTS],
    responses=_file(XLSX, "The region's profile as an Excel workbook"),
)
def profile_export(
    engine: DB,
    cache: AppCache,
    reader: MaybeUser,
    lang: Lang,
    code: RegionCode,
    methodology: MethodologyCode = "ru-digital-maturity",
    period: PeriodCode = None,
) -> Response:
    """A region's profile as XLSX: summary, sectors, indicators against targets, tasks."""
    return _attachment(
        engine,
        methodology,
        period,
        XLSX,
        lambda: profile_xlsx(engine, code, methodology, period, reader, lang=lang, cache=cache),
        _stems(word_key("file_profile"), lang, code),
        "xlsx",
        lang,
        cache,
    )


@router.get(
    "/regions/{code}/brief.pdf",
    response_class=Response,
    dependencies=[EXPORTS],
    responses={
        **_file(PDF, "The governor's brief on the region, one or two A4 pages"),
        503: {"model": ErrorOut, "description": "PDF rendering is not installed on this server"},
    },
)
def brief_export(
    engine: DB,
    cache: AppCache,
    reader: MaybeUser,
    lang: Lang,
    code: RegionCode,
    methodology: MethodologyCode = "ru-digital-maturity",
    period: PeriodCode = None,
) -> Response:
    """The governor's brief as PDF: index, rank, trend, sectors, gains, tasks, traceability."""
    try:
        return _attachment(
            engine,
            methodology,
            period,
            PDF,
            lambda: brief_pdf(engine, code, methodology, period, reader, lang=lang, cache=cache),
            _stems(word_key("file_brief"), lang, code),
            "pdf",
            lang,
            cache,
        )
    except PdfUnavailable as error:
        raise HTTPException(503) from error


def _attachment(
    engine: Engine,
    methodology: str,
    period: str | None,
    media_type: str,
    make: Callable[[], bytes],
    stems: tuple[str, str],
    suffix: str,
    lang: str,
    cache: Cache | None = None,
) -> Response:
    """Build the file first (it validates the request), then name it after the period it holds.

    The same URL answers in another language for another `Accept-Language`: `Vary` says so to
    any cache on the way.
    """
    content = make()
    shown = rated_period(engine, methodology, period, cache)
    ascii_name = re.sub(r"[^A-Za-z0-9_.-]", "_", f"{stems[0]}_{shown}.{suffix}")
    readers = quote(f"{stems[1]}_{shown}.{suffix}", safe="")
    headers = {
        "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{readers}",
        "Content-Language": lang,
        "Vary": "Accept-Language",
    }
    return Response(content, media_type=media_type, headers=headers)


def _stems(key: str, lang: str, code: str | None = None) -> tuple[str, str]:
    """The file name's stem in English (for the ASCII name) and in the reader's language."""
    tail = f"_{code}" if code else ""
    return word(key, "en") + tail, word(key, lang) + tail
