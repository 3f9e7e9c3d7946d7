"""Service requests: filing one (a client with a key), reading them (anyone), tokens, media.

A filed request gets its id at once, so the spec's token step is never needed: `tokens/{token}`
answers 404, as for a token nobody issued. A client that retries after a timeout gets the first
request's id back: with an `Idempotency-Key` header by the key, without one by the same content
from the same client within the core's window (`cases.cases.submit_case`).
"""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from tsifra.kernel.language import word
from tsifra.kernel.problems import ValidationFailed
from tsifra.store import utcnow
from tsifra.web.deps import DB
from tsifra.web.language import request_lang
from tsifra.web.open311 import documents
from tsifra.web.open311.errors import Open311Error, Open311Route, problem_lines
from tsifra.web.open311.formats import answer
from tsifra.web.open311.params import check_jurisdiction, endpoint, fmt_of
from tsifra.web.open311.submission import FIELD_NAMES, draft_of

router = APIRouter(route_class=Open311Route)
DEFAULT_SPAN = timedelta(days=90)  # the spec's default window of GET requests
DEFAULT_LIMIT = 1000  # and its default count, without paging
PAGE_SIZE_MAX = 200  # with the paging extension
MEDIA_MAX = 1  # a request carries one file (`media`); the core allows more to the bodies


@router.post("/requests.{fmt}")
async def post_request(request: Request, fmt: str, engine: DB) -> Response:
    """File a request: a key first (403), then every field checked at once (400), then one
    case, and its `media` file if one came (its problems are found before anything is kept)."""
    from tsifra.cases.clients import client_for_key

    fmt = fmt_of(fmt)
    lang = request_lang(request)
    form = await request.form(max_files=MEDIA_MAX, max_fields=100)
    key = form.get("api_key") or request.query_params.get("api_key") or ""
    client = await run_in_threadpool(client_for_key, engine, str(key))
    if client is None:
        raise Open311Error(403)
    fields = {k: v for k, v in form.multi_items() if isinstance(v, str)}
    jurisdiction = fields.get("jurisdiction_id") or request.query_params.get("jurisdiction_id")
    region = await run_in_threadpool(
        check_jurisdiction, request, engine, jurisdiction, required=True
    )
    media = form.get("media")
    upload = None
    if isinstance(media, UploadFile) and media.filename:
        upload = (media.filename, await media.read())
    idempotency_key = request.headers.get("idempotency-key")
    try:
        submitted = await run_in_threadpool(
            _file, engine, fields, region, client, idempotency_key, upload
        )
    except ValidationFailed as exc:
        raise Open311Error(400, problem_lines(exc.problems, lang, FIELD_NAMES)) from None
    tracking = None
    if submitted.tracking_token:
        tracking = f"{str(request.base_url).rstrip('/')}/appeals/track/{submitted.tracking_token}"
    notice = word("open311_notice_filed", lang)
    if fields.get("media_url", "").strip():
        notice = f"{notice} {word('open311_media_url_not_fetched', lang)}"
    document = documents.posted(submitted.case_id, notice, tracking)
    return answer([document], fmt, "service_requests", "request")


def _file(engine, fields, region, client, idempotency_key, upload):
    """Check everything, then file the case and attach its file; a retry (same key, or same
    content within the core's window) gets the first case and attaches nothing again."""
    from tsifra.cases.cases import attach_file, submit_case
    from tsifra.cases.files import cleaned_file

    draft, problems = draft_of(fields, region)
    if upload is not None:
        try:
            cleaned_file(upload[0], upload[1], "attachment")
        except ValidationFailed as exc:
            problems += exc.problems
    if problems:
        raise ValidationFailed(problems)
    submitted = submit_case(
        engine, draft, client_id=client.id, idempotency_key=idempotency_key, actor=client.actor
    )
    if submitted.created and upload is not None:
        attach_file(engine, submitted.case_id, upload[0], upload[1], "attachment", client.actor)
    return submitted


@router.get("/requests.{fmt}")
def get_requests(request: Request, fmt: str, engine: DB) -> Response:
    from tsifra.cases.public import find_public

    fmt = fmt_of(fmt)
    lang = request_lang(request)
    query = request.query_params
    region = check_jurisdiction(request, engine, query.get("jurisdiction_id"), required=False)
    filters = _filters(query, lang)
    found = find_public(engine, region=region, **filters)
    return _requests(request, found, fmt, lang)


@router.get("/requests/{request_id}.{fmt}")
def get_request(request: Request, request_id: str, fmt: str, engine: DB) -> Response:
    from tsifra.cases.public import find_public

    fmt = fmt_of(fmt)
    if not request_id.isdigit() or len(request_id) > 18:
        raise Open311Error(404)
    found = find_public(engine, ids=[int(request_id)], page_size=1)
    if not found.items:
        raise Open311Error(404)
    return _requests(request, found, fmt, request_lang(request))


@router.get("/tokens/{token}.{fmt}")
def get_token(token: str, fmt: str) -> Response:
    fmt_of(fmt)
    raise Open311Error(404)  # ids are immediate: no token is ever issued


@router.get("/media/{file_id}")
def get_media(file_id: str, engine: DB) -> Response:
    """A file of a public request (`media_url`): only what the public may see of a case."""
    from tsifra.cases.public import public_file

    found = public_file(engine, int(file_id)) if file_id.isdigit() and len(file_id) < 18 else None
    if found is None:
        raise Open311Error(404)
    view, data = found
    # An image is shown; a PDF is downloaded, never rendered in the API's origin. Caches must
    # ask again each time: moderation may hide the file at any moment.
    shown = "inline" if view.media_type.startswith("image/") else "attachment"
    headers = {"Content-Disposition": shown, "Cache-Control": "no-cache"}
    return Response(data, media_type=view.media_type, headers=headers)


def _requests(request: Request, found, fmt: str, lang: str) -> Response:
    from tsifra.cases.categories import category

    media_base = f"{endpoint(request)}/media/"
    listed = []
    for view in found.items:
        try:
            known = category(view.category)
        except ValidationFailed:  # a code the tree no longer has: the code itself
            known = None
        name = known.name(lang) if known else view.category
        notice = documents.term_notice(view.kind, known, lang)
        listed.append(documents.request(view, lang, found.bodies, media_base, name, notice))
    headers = {"X-Total-Count": str(found.total), "X-Page": str(found.page)}
    return answer(listed, fmt, "service_requests", "request", headers=headers)


def _filters(query, lang: str) -> dict:
    """The spec's filters and the paging extension, checked all at once (400 names each)."""
    lines = []
    filters: dict = {}
    ids = query.get("service_request_id")
    if ids:
        parts = [p.strip() for p in ids.split(",") if p.strip()]
        if (
            not parts
            or len(parts) > DEFAULT_LIMIT
            or not all(p.isdigit() and len(p) < 18 for p in parts)
        ):
            lines.append(f"service_request_id: {word('open311_bad_ids', lang)}")
        else:
            filters["ids"] = [int(p) for p in parts]
    codes = query.get("service_code")
    if codes:
        filters["categories"] = [c.strip() for c in codes.split(",") if c.strip()]
    for name in ("start_date", "end_date", "updated_after"):
        text = query.get(name)
        if text:
            try:
                filters[name] = documents.parse_w3c(text)
            except ValueError:
                lines.append(f"{name}: {word('open311_bad_datetime', lang)}")
    status = query.get("status")
    if status:
        asked = [s.strip() for s in status.split(",") if s.strip()]
        if not asked or any(s not in documents.STATUS_FILTER for s in asked):
            lines.append(f"status: {word('open311_bad_status', lang)}")
        else:
            filters["statuses"] = [s for a in asked for s in documents.STATUS_FILTER[a]]
    page, page_size = query.get("page"), query.get("page_size")
    for name, text, top in (("page", page, None), ("page_size", page_size, PAGE_SIZE_MAX)):
        if text is not None and not (text.isdigit() and 1 <= int(text) <= (top or 10**6)):
            lines.append(f"{name}: {word('open311_bad_number', lang, n=top or 10**6)}")
    if lines:
        raise Open311Error(400, lines)
    if "ids" in filters:  # the spec: a list of ids overrides every other argument
        return {"ids": filters["ids"], "page_size": DEFAULT_LIMIT}
    paged = page is not None or page_size is not None
    result = {
        "categories": filters.get("categories"),
        "statuses": filters.get("statuses"),
        "updated_after": filters.get("updated_after"),
        "start": filters.get("start_date"),
        "end": filters.get("end_date"),
        "page": int(page) if page else 1,
        "page_size": int(page_size) if page_size else (50 if paged else DEFAULT_LIMIT),
    }
    if result["updated_after"] is None and result["start"] is None:
        # The spec's default window: the 90 days up to end_date, or up to now.
        result["start"] = (result["end"] or utcnow()) - DEFAULT_SPAN
    return result
