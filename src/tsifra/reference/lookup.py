"""Finding a federal subject however an official wrote it: ISO code, OKATO code or a usual name.

Files from regional ministries and from Rosstat name a region in many ways: «RU-TA», «92» or
«92000000000» (OKATO, sometimes typed as a number so that Excel drops the leading zero of «01»),
«Республика Татарстан», «Татарстан», «Республика Татарстан (Татарстан)», «г. Москва»,
«Чувашская Республика — Чувашия» or «Чувашия», «ХМАО — Югра», «Кемеровская область - Кузбасс»,
«Архангельская область (кроме Ненецкого автономного округа)». One lookup maps all of them to the
ISO code, so that one region written in two forms is one unit.

Names are compared folded: case, ё/е, quotes, dashes and hyphens, dots and the abbreviations
«г.», «обл.», «респ.», «АО» do not matter. The variants of each subject are derived from its
official names (both parts of a name with a dash, the part in brackets, «Республика X» → «X»)
plus the usual short names of `data/region_names.csv`. A text that folds to a variant of two
subjects (the file lists «Алтай» for both the Republic and the Krai) is ambiguous and never
guessed: the caller reports it with the candidates.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from tsifra.reference.regions import DATA_DIR, ReferenceDataError, load_regions

NAMES_FILE = DATA_DIR / "region_names.csv"
OKATO_DIGITS = 11  # the full OKATO code; a subject's own code is its first 2 (or 5) digits

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_SPACED_DASH = re.compile(rf"\s[{_DASHES}]+\s")
_BRACKETS = re.compile(r"\(([^()]*)\)")
_NOT_THE_SUBJECT = ("кроме ", "без ", "включая ", "including ", "excluding ")
_FOOTNOTE = re.compile(r"(\s*\d+\)|[\u00b9\u00b2\u00b3\u2070-\u2079*]+)$")
_NUMBERING = re.compile(r"^\d+[.)]\s+(?=\D)")
_PREFIXES = ("в том числе", "в т ч", "в т.ч.", "из них")
_ABBREVIATIONS = {
    "обл": "область",
    "респ": "республика",
    "кр": "край",
    "ао": "автономный округ",
    "авт": "автономный",
    "окр": "округ",
}
_DROPPED = {"г", "гор", "город"}
_NON_WORD = re.compile(r"[^\w\s]")
_ISO = re.compile(r"^RU[-_ \u2010-\u2015]?([A-Z]{2,3})$")
_DIGITS = re.compile(r"^(\d+)(?:[.,]0+)?$")


@dataclass(frozen=True)
class RegionMatch:
    """What a text names: `code` when exactly one subject, else the `candidates` (none or two+)."""

    text: str
    code: str | None
    candidates: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return self.code is None and len(self.candidates) > 1


def fold(text: str) -> str:
    """A name reduced to what distinguishes it (see the module's docstring)."""
    folded = text.casefold().replace("ё", "е").strip()
    folded = _NUMBERING.sub("", _FOOTNOTE.sub("", folded))
    folded = folded.replace("город федерального значения", " ")
    for prefix in _PREFIXES:
        if folded.startswith(prefix + " "):
            folded = folded[len(prefix) :]
    folded = _NON_WORD.sub(" ", folded.translate({ord(d): " " for d in _DASHES}))
    words = [_ABBREVIATIONS.get(w, w) for w in folded.split() if w not in _DROPPED]
    return " ".join(words)


class RegionLookup:
    """The subjects of a region list by every form of their code and name."""

    def __init__(self, regions: pd.DataFrame, names: pd.DataFrame | None = None) -> None:
        self._official = {str(code): str(row["name_ru"]) for code, row in regions.iterrows()}
        self._okato: dict[str, str] = {}
        self._names: dict[str, set[str]] = {}
        for code, row in regions.iterrows():
            okato = str(row.get("okato", "") or "").strip()
            if okato.isdigit():
                self._okato[okato.ljust(OKATO_DIGITS, "0")] = str(code)
            for name in (row["name_ru"], row.get("name_en")):
                if isinstance(name, str) and name.strip():
                    for variant in _variants(name):
                        self._names.setdefault(variant, set()).add(str(code))
        if names is not None:
            for name, code in zip(names["name"], names["code"], strict=True):
                if code in self._official:
                    self._names.setdefault(fold(name), set()).add(code)

    def find(self, text: str) -> RegionMatch:
        """The subject `text` names, by ISO code, OKATO code or name (module docstring)."""
        text = str(text).strip()
        iso = _ISO.match(text.upper())
        if iso and f"RU-{iso[1]}" in self._official:
            return RegionMatch(text, f"RU-{iso[1]}")
        if digits := _DIGITS.match(text.replace(" ", "").replace("\u00a0", "")):
            code = self._okato.get(_okato_key(digits[1]))
            return RegionMatch(text, code, (code,) if code else ())
        codes = self._names.get(fold(text), set())
        if not codes and "(" in text:
            codes = self._by_parts(text)
        found = tuple(sorted(codes))
        return RegionMatch(text, found[0] if len(found) == 1 else None, found)

    def name(self, code: str) -> str:
        """The official Russian name of a subject of this list."""
        return self._official.get(code, code)

    def suggestion(self, text: str) -> str | None:
        """The official name of the subject whose name is closest to `text`, if any is close."""
        folded = fold(text)
        if not folded:
            return None
        close = difflib.get_close_matches(folded, list(self._names), n=1, cutoff=0.8)
        if not close or not _alike(folded.split()[0], close[0].split()[0]):
            return None  # «Пермская область» is not a typo of «Тверская область»
        codes = sorted(self._names[close[0]])
        return self._official[codes[0]] if len(codes) == 1 else None

    def _by_parts(self, text: str) -> set[str]:
        """«Республика Татарстан (Татарстан)» or «… (кроме …)»: the part outside the brackets
        and each part inside must not name two different subjects."""
        outer = _BRACKETS.sub(" ", text)
        inner = [p for p in _BRACKETS.findall(text) if not fold(p).startswith(_NOT_THE_SUBJECT)]
        codes: set[str] = set()
        for part in (outer, *inner):
            codes |= self._names.get(fold(part), set())
        return codes


def _variants(name: str) -> set[str]:
    """The folded forms of one official name: the whole, each part around a spaced dash, the
    part outside and inside brackets, and each of these without a leading «Республика»."""
    parts = {name, _BRACKETS.sub(" ", name), *_BRACKETS.findall(name)}
    for part in list(parts):
        parts |= set(_SPACED_DASH.split(part))
    folded = {fold(p) for p in parts if p.strip()}
    folded |= {f.removeprefix("республика ") for f in folded}
    folded |= {f.removesuffix(" republic") for f in folded}
    return {f for f in folded if f}


def _alike(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def _okato_key(digits: str) -> str:
    """OKATO digits as 11: «92», «92000» and «92000000000» are one code; a code that lost its
    leading zero when typed as a number («1» for «01», ten digits for eleven) gets it back."""
    if len(digits) in (1, OKATO_DIGITS - 1):
        digits = "0" + digits
    return digits.ljust(OKATO_DIGITS, "0")[:OKATO_DIGITS] if len(digits) <= OKATO_DIGITS else ""


def load_region_names(path: str | Path | None = None) -> pd.DataFrame:
    """The usual short names of the subjects (`name`, `code`), one pair a row."""
    path = Path(path) if path is not None else NAMES_FILE
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    if list(frame.columns) != ["name", "code"]:
        raise ReferenceDataError(f"{path}: row 1: expected the columns name, code")
    return frame.apply(lambda values: values.str.strip())


@cache
def region_lookup() -> RegionLookup:
    """The lookup over the bundled list, built once: the list ships with the package."""
    return RegionLookup(load_regions(), load_region_names())
