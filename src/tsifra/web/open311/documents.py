"""GeoReport v2's documents as plain data: discovery, services and their definitions, requests.

The full status of a case is richer than Open311's two: `STATUS` maps it onto `open`/`closed`
(docs/open311.md), and the extension `external_status_code` carries the full one. Times are
written as the spec asks (w3c, with an offset), in Moscow time, in which the legal days are
counted. Nothing here reads a contact: a request is made from a public view only.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING

from tsifra.cases.states import OPEN, STATUSES
from tsifra.kernel.language import word, word_key

if TYPE_CHECKING:
    from tsifra.cases.categories import Category
    from tsifra.cases.public import PublicBody
    from tsifra.cases.views import CaseView

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
MOSCOW = timezone(timedelta(hours=3))
STATUS = {s: "open" if s in OPEN else "closed" for s in STATUSES}
STATUS_FILTER = {
    "open": tuple(s for s in STATUSES if s in OPEN),
    "closed": tuple(s for s in STATUSES if s not in OPEN),
}
YES_NO = (("yes", word_key("yes")), ("no", word_key("no")))
KIND_NAMES = {
    "appeal": word_key("open311_kind_appeal"),
    "message": word_key("open311_kind_message"),
}


def w3c(moment: datetime | None) -> str | None:
    """A stored time (naive UTC) as the spec writes times: `2026-01-12T10:00:00+03:00`."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC).astimezone(MOSCOW).isoformat(timespec="seconds")


def parse_w3c(text: str) -> datetime:
    """A client's time as naive UTC; one without an offset is read as Moscow time (ValueError
    if it is not a time)."""
    moment = datetime.fromisoformat(text.strip().replace(" ", "+"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=MOSCOW)
    return moment.astimezone(UTC).replace(tzinfo=None)


def discovery(endpoint: str, changeset: datetime, lang: str) -> dict:
    return {
        "changeset": w3c(changeset),
        "contact": word("open311_contact", lang),
        "key_service": word("open311_key_service", lang),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": endpoint,
                "changeset": w3c(changeset),
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }


def service(leaf: Category, lang: str) -> dict:
    """A leaf of the category tree as a service, grouped by its top category."""
    from tsifra.cases.categories import lineage

    *above, _ = lineage(leaf.code)
    names = [c.name(lang) for c in above]
    parts = [" — ".join([*names, leaf.name(lang)])]
    if "message" in leaf.kinds:
        parts.append(word("open311_message_term", lang, n=leaf.message_days))
    return {
        "service_code": leaf.code,
        "service_name": leaf.name(lang),
        "description": ". ".join(parts),
        "metadata": True,
        "type": "realtime",
        "keywords": ", ".join(names),
        "group": names[0] if names else leaf.name(lang),
    }


def service_definition(category: Category, lang: str) -> dict:
    """What a client may send besides the spec's own fields (`attribute[CODE]`): the citizen's
    consent to publish the text and the name, the regime where the category has two, the
    municipality's ОКТМО."""
    yes_no = [{"key": key, "name": word(name, lang)} for key, name in YES_NO]
    attributes = [
        _attribute("publish", "singlevaluelist", word("open311_attr_publish", lang), 1, yes_no),
        _attribute("show_name", "singlevaluelist", word("open311_attr_show_name", lang), 2, yes_no),
    ]
    kinds = [k for k in KIND_NAMES if k in category.kinds]
    if len(kinds) > 1:
        values = [{"key": k, "name": word(KIND_NAMES[k], lang)} for k in kinds]
        attributes.append(
            _attribute("kind", "singlevaluelist", word("open311_attr_kind", lang), 3, values)
        )
    attributes.append(_attribute("oktmo", "string", word("open311_attr_oktmo", lang), 4))
    return {"service_code": category.code, "attributes": attributes}


def request(
    view: CaseView,
    lang: str,
    bodies: dict[str, PublicBody],
    media_base: str,
    service_name: str,
    notice: str | None = None,
) -> dict:
    """A case as a service request, from its public view; `media_base` + a file id is the
    public address of a file."""
    body = bodies.get(view.body) if view.body else None
    notes = [
        {
            "datetime": w3c(e.at),
            "status": STATUS.get(e.status or "", "open"),
            "external_status_code": e.status,
            "action": e.action,
            "description": e.reason,
        }
        for e in view.events
    ]
    status_notes = next((e.reason for e in reversed(view.events) if e.reason), None)
    if view.answer_text and STATUS.get(view.status) == "closed":  # public only if the text is
        status_notes = view.answer_text
    expected = view.due_at if view.due_at is not None else view.register_by
    files = [f for f in view.files if f.media_type.startswith("image/")] or list(view.files)
    return {
        "service_request_id": str(view.id),
        "status": STATUS.get(view.status, "open"),
        "status_notes": status_notes,
        "service_name": service_name,
        "service_code": view.category,
        "description": view.public_text,
        "agency_responsible": body.name(lang) if body else None,
        "service_notice": notice,
        "requested_datetime": w3c(view.submitted_at),
        "updated_datetime": w3c(view.updated_at),
        "expected_datetime": w3c(expected),
        "address": view.address,
        "address_id": None,
        "zipcode": None,
        "lat": view.latitude,
        "long": view.longitude,
        "media_url": f"{media_base}{files[0].id}" if files else None,
        "external_status_code": view.status,
        "notes": notes,
    }


def term_notice(kind: str, category: Category | None, lang: str) -> str | None:
    """What the citizen may expect: the term of an answer for the case's kind (and topic)."""
    if kind == "message" and category is not None:
        return word("open311_message_term", lang, n=category.message_days)
    if kind == "appeal":
        return word("open311_notice_appeal", lang)
    if kind == "incident":
        return word("open311_notice_incident", lang)
    return None


def posted(case_id: int, notice: str, tracking_url: str | None) -> dict:
    """The answer to a POST: the id at once (no token needed), what happens next, and, to the
    client that filed it only, the citizen's tracking link (an extension, shown once)."""
    answer = {"service_request_id": str(case_id), "service_notice": notice, "account_id": None}
    if tracking_url is not None:
        answer["tracking_url"] = tracking_url
    return answer


def _attribute(
    code: str, datatype: str, description: str, order: int, values: list | None = None
) -> dict:
    attribute = {
        "variable": True,
        "code": code,
        "datatype": datatype,
        "required": False,
        "datatype_description": None,
        "order": order,
        "description": description,
    }
    if values is not None:
        attribute["values"] = values
    return attribute
