"""Plain text as people type it, made safe to store and show: one kind of line break, no
control or direction-override characters (which can make a text read differently on screen
than it is stored), no blank ends. A line break and a tab stay."""

from __future__ import annotations

import re

CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def plain_text(text: str | None) -> str:
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL.sub("", text).strip()


def one_line(value: str | None) -> str | None:
    """A short field (an address, a handle): plain, on one line; None when nothing is left."""
    if value is None:
        return None
    return plain_text(value).replace("\n", " ").replace("\t", " ").strip() or None
