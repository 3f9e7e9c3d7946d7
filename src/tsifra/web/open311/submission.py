"""A POSTed service request as the core's `CaseDraft`: the spec's fields and `attribute[CODE]`.

Every field is checked before anything is written, and each problem names the field as the
client sent it (`FIELD_NAMES` maps the core's names back: `text` is `description`). `media_url`
is accepted and not fetched: fetching a client's address from the server would let anyone make
it call any address (SSRF); a client uploads the file itself as `media` (the media extension).
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from tsifra.kernel.problems import Problem, ValidationFailed

if TYPE_CHECKING:
    from tsifra.cases.cases import CaseDraft
    from tsifra.cases.categories import Category

# The core's field → the Open311 parameter that fills it.
FIELD_NAMES = {
    "text": "description",
    "category": "service_code",
    "region": "jurisdiction_id",
    "latitude": "lat",
    "longitude": "long",
    "address": "address_string",
    "oktmo": "attribute[oktmo]",
    "kind": "attribute[kind]",
    "publish_text": "attribute[publish]",
    "file": "media",
    "show_name": "attribute[show_name]",
    "contact.surname": "last_name",
    "contact.name": "first_name",
    "contact.email": "email",
    "contact.phone": "phone",
    "surname": "last_name",
    "name": "first_name",
    "email": "email",
    "phone": "phone",
}
ATTRIBUTE = re.compile(r"attribute\[([^\]]*)\]")
ATTRIBUTES = {"publish", "show_name", "kind", "oktmo"}
YES_NO = {"yes": True, "no": False, "true": True, "false": False, "1": True, "0": False}
KINDS = ("message", "appeal")  # the first the category allows, unless the client chooses


def draft_of(fields: dict[str, str], region: str | None) -> tuple[CaseDraft, list[Problem]]:
    """The draft, and every problem found in it: the protocol's own (attributes, the service,
    the place) and the core's (`cases.cases.draft_problems`), one per field."""
    from tsifra.cases.cases import CaseDraft, ContactDraft, draft_problems

    problems: list[Problem] = []
    attributes = {}
    for name, value in fields.items():
        match = ATTRIBUTE.fullmatch(name)
        if match:
            if match.group(1) not in ATTRIBUTES:
                problems.append(
                    Problem("open311_unknown_attribute", path=name, value=match.group(1))
                )
            attributes[match.group(1)] = value.strip()
    code = fields.get("service_code", "").strip()
    category = _category(code, problems)
    latitude = _coordinate(fields.get("lat"), "latitude", problems)
    longitude = _coordinate(fields.get("long"), "longitude", problems)
    address = fields.get("address_string", "").strip() or None
    place = latitude is not None or longitude is not None or address is not None
    if not place and not fields.get("address_id", "").strip():
        problems.append(Problem("open311_no_location", path="latitude"))
    flags = {}
    for attribute, field in (("publish", "publish_text"), ("show_name", "show_name")):
        value = attributes.get(attribute, "").lower()
        if value and value not in YES_NO:
            problems.append(Problem("open311_bad_choice", path=field, value=value))
        flags[field] = YES_NO.get(value, False)
    contact_fields = {
        "surname": fields.get("last_name", "").strip() or None,
        "name": fields.get("first_name", "").strip() or None,
        "email": fields.get("email", "").strip() or None,
        "phone": fields.get("phone", "").strip() or None,
    }
    draft = CaseDraft(
        kind=_kind(category, attributes.get("kind", ""), problems),
        category=code,
        region=region or "",
        text=fields.get("description", ""),
        oktmo=attributes.get("oktmo") or None,
        address=address,
        latitude=latitude,
        longitude=longitude,
        contact=ContactDraft(**contact_fields) if any(contact_fields.values()) else None,
        publish_text=flags["publish_text"],
        show_name=flags["show_name"],
        channel="open311",
    )
    seen = {p.path for p in problems}
    problems += [p for p in draft_problems(draft) if p.path not in seen]
    return draft, problems


def _category(code: str, problems: list[Problem]) -> Category | None:
    """The leaf the request is filed under (a service is a leaf: `services.offered`)."""
    from tsifra.cases.categories import category

    if not code:
        problems.append(Problem("open311_missing", path="category"))
        return None
    try:
        found = category(code)
    except ValidationFailed:
        found = None
    if found is None or not found.is_leaf:
        problems.append(Problem("open311_unknown_service", path="category", value=code))
        return None
    return found


def _coordinate(text: str | None, path: str, problems: list[Problem]) -> float | None:
    """A number, or None; its range is the core's to check."""
    if text is None or not text.strip():
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        problems.append(Problem("open311_bad_coordinate", path=path, value=text))
        return None
    return value


def _kind(category: Category | None, asked: str, problems: list[Problem]) -> str:
    """The kind the client chose, else the first of `KINDS` the category takes."""
    allowed = [k for k in KINDS if category is not None and k in category.kinds]
    if asked in allowed:
        return asked
    if asked:
        problems.append(Problem("open311_bad_choice", path="kind", value=asked))
    elif category is not None and not allowed:
        problems.append(Problem("open311_unknown_service", path="category", value=category.code))
    return allowed[0] if allowed else KINDS[0]
