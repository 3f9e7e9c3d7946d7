"""Russian word forms for the registry's search: what is indexed, and what a query looks for.

Both databases index Snowball stems: SQLite's FTS5 table holds the stems written here, and
PostgreSQL's `russian` configuration applies the same Snowball algorithms (Russian for Cyrillic
words, English for Latin ones), so one query built here matches alike on both.

Stems alone do not join «больница» (stem «больниц») and «больничный» («больничн»): Russian
alternates the last consonant of a root before a suffix (ц/к/т→ч, г/з/д→ж, х/с→ш, ст/ск→щ). A
query word therefore looks for its stem and the stem with its last consonant alternated, each as
a prefix of an indexed stem; an adjective's stem also looks for its root without the suffix
(«школьн» → «школ», «дорожн» → «дорож» → «дорог»). Prefixes are used only from four letters on,
so «боль» (stem «бол») finds «боль» but never «болото» or «больница».

Everything a user types is reduced to lower-case letters and digits here, and the terms are
looked up in the registry's words held in memory (`word_index`): nothing typed reaches FTS5's
or tsquery's syntax, or the database at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from tsifra.kernel.words import tokens

MIN_PREFIX = 4  # a shorter stem matches only itself: «бол» must not find «болото»
MAX_QUERY_WORDS = 16  # the rest of a very long query is ignored, not searched
MAX_WORD = 40  # longer "words" are cut: no Russian word is that long, a pasted hash may be

# The last consonant(s) of a stem and what they alternate with before a suffix, both ways.
ALTERNANTS: dict[str, tuple[str, ...]] = {
    "ц": ("ч",),
    "к": ("ч",),
    "т": ("ч", "щ"),
    "ч": ("ц", "к", "т"),
    "г": ("ж",),
    "з": ("ж",),
    "д": ("ж",),
    "ж": ("г", "з", "д"),
    "х": ("ш",),
    "с": ("ш",),
    "ш": ("х", "с"),
    "ст": ("щ",),
    "ск": ("щ",),
    "щ": ("ст", "ск"),
}
# Adjective-forming suffixes, longest first: «медицинск» → «медицин», «школьн» → «школ».
SUFFIXES = ("ическ", "еск", "ск", "ьн", "ов", "ев", "н")
_VOWELS = frozenset("аеиоуыэюя")


@lru_cache(maxsize=2)
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(language)


@lru_cache(maxsize=65_536)  # a snippet stems the words of each row shown: the same words
def stem(token: str) -> str:
    """A token's Snowball stem: Russian for Cyrillic, English for Latin (as PostgreSQL's
    `russian` configuration does), digits as they are."""
    token = token[:MAX_WORD]
    if token.isascii():
        return _stemmer("english").stemWord(token) if token.isalpha() else token
    return _stemmer("russian").stemWord(token)


def document(text: str) -> str:
    """The stems of a text, space-separated, in order: what the FTS5 table holds."""
    return " ".join(s for s in (stem(t) for t in tokens(text)) if s)


@dataclass(frozen=True)
class Term:
    """One indexed stem a query word accepts, as itself or as the beginning of a longer one."""

    text: str
    prefix: bool


def _alternated(root: str) -> set[str]:
    found = {root}
    for end, others in ALTERNANTS.items():
        if root.endswith(end):
            found |= {root[: -len(end)] + other for other in others}
    return found


def _roots(stem_: str) -> set[str]:
    """The stem and, for an adjective, its root without the suffix (kept only if long enough
    to stay specific)."""
    roots = {stem_}
    for suffix in SUFFIXES:
        if not stem_.endswith(suffix):
            continue
        root = stem_[: -len(suffix)]
        # «-н» makes an adjective after a consonant or «ь» (школьн, дорожн); after a vowel it is
        # the root's own (телефон, район), so it stays.
        if suffix == "н" and root[-1:] in _VOWELS:
            continue
        root = root.removesuffix("ь")
        if len(root) >= MIN_PREFIX:
            roots.add(root)
        break
    return roots


def word_terms(token: str) -> tuple[Term, ...]:
    """What one query word accepts: its stem and their alternants, prefixes from four letters."""
    stem_ = stem(token)
    if not stem_:
        return ()
    if len(stem_) < MIN_PREFIX or not token.isalpha() or token.isascii():
        return (Term(stem_, prefix=len(stem_) >= MIN_PREFIX),)
    variants: set[str] = set()
    for root in _roots(stem_):
        variants |= _alternated(root)
    # A variant that another variant is a prefix of adds nothing.
    kept = sorted(v for v in variants if len(v) >= MIN_PREFIX)
    kept = [v for v in kept if not any(v != o and v.startswith(o) for o in kept)]
    return tuple(Term(v, prefix=True) for v in kept) or (Term(stem_, prefix=False),)


def query_terms(q: str | None) -> list[tuple[Term, ...]]:
    """A query as groups of terms: every group must match (AND), any term of a group will do
    (OR). Repeated words count once; words after the sixteenth are ignored."""
    groups: list[tuple[Term, ...]] = []
    seen: set[str] = set()
    for token in tokens(q or ""):
        if token in seen:
            continue
        seen.add(token)
        terms = word_terms(token)
        if terms:
            groups.append(terms)
        if len(groups) == MAX_QUERY_WORDS:
            break
    return groups


def matches(token: str, groups: list[tuple[Term, ...]]) -> bool:
    """Whether a word of a text is one the query looks for (to pick a snippet)."""
    stem_ = stem(token)
    return any(stem_.startswith(t.text) if t.prefix else stem_ == t.text for g in groups for t in g)


def snippet(text: str, groups: list[tuple[Term, ...]], width: int = 24) -> str | None:
    """About `width` words of a text around its first word the query looks for, with «…» where
    cut; None when no word matches. Plain text: the page escapes it like any other."""
    words = text.split()
    seen: dict[str, bool] = {}  # a text repeats its words: each looked at once
    for n, raw in enumerate(words):
        hit = seen.get(raw)
        if hit is None:
            hit = seen[raw] = any(matches(t, groups) for t in tokens(raw))
        if hit:
            start = max(0, n - width // 3)
            end = min(len(words), start + width)
            head = "… " if start > 0 else ""
            tail = " …" if end < len(words) else ""
            return head + " ".join(words[start:end]) + tail
    return None
