"""A region written as officials write it: ISO code, OKATO code or Russian name in its usual
forms («г. Москва», «Чувашская Республика — Чувашия» or «Чувашия», «Республика Татарстан
(Татарстан)»), found in the reference list.

This is the simple lookup the task import needs; if the values' reading gets a shared one, the
import should use that instead. A name that matches no region, or two, is a problem, never a
guess.
"""

from __future__ import annotations

import re
from functools import cache

from tsifra.reference import load_regions

_NOT_LETTERS = re.compile(r"[^0-9a-zа-я]+")


def normalised(text: str) -> str:
    text = text.casefold().replace("ё", "е")
    text = re.sub(r"^(г\.|город)\s*", "", text.strip())
    return _NOT_LETTERS.sub(" ", text).strip()


@cache
def _lookup() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for code, row in load_regions().iterrows():
        forms = {code, str(row["okato"]).strip()}
        for name in (row["name_ru"], row["name_en"]):
            if isinstance(name, str) and name:
                forms.add(name)
                forms.update(re.split(r"\s[—–-]\s|\(|\)", name))  # either part of a double name
        for form in forms:
            key = normalised(form)
            bare = " ".join(w for w in key.split() if w != "республика")  # «Татарстан»
            for each in {key, bare} - {""}:
                found.setdefault(each, set()).add(code)
    return {key: frozenset(codes) for key, codes in found.items()}


def region_codes(text: str) -> frozenset[str]:
    """The regions `text` may name: one when it is clear, none or several when it is not."""
    key = normalised(str(text))
    if key.isdigit():
        key = key.lstrip("0") or "0"
        return frozenset(c for k, codes in _lookup().items() if k.lstrip("0") == key for c in codes)
    return _lookup().get(key, frozenset())
