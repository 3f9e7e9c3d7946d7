"""Russian word forms: the stems of a text, and how alike two texts are.

Citizens write «яма», «ямы», «ямой» for one pit and «больница», «в больницах» for one hospital;
routing rules, duplicate suggestions and incident links must see these as the same word. The
Snowball Russian stemmer (PyStemmer, a C library) strips the endings; function words that say
nothing of a problem («и», «на», «что») are dropped so that two complaints do not look alike
because both are written in Russian. Pure: no database, no state beyond the stemmer itself.
"""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

# Letters (Cyrillic and Latin) and digits; hyphenated words are split, so «из-за» is two words.
_TOKEN = re.compile(r"[0-9a-zа-я]+")

# Function words: pronouns, prepositions, conjunctions, particles and the commonest verbs of
# being; written here by hand, lower-case, with ё already replaced by е.
_STOP_WORDS = """
    а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже
    для до его ее ей ему если есть еще же за здесь и из или им их к как ко когда кто ли либо
    мне мной мы на над надо наш не него нее нет ни них но ну о об однако он она они оно от очень
    по под при про с со так также такой там те тем то того тоже той только том ты у уже хотя
    чего чей чем что чтобы чье чья эта эти это этого этой этом этот я
    the a an and or of in on to for is are be
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    # One stemmer per process: building it loads the algorithm; stemming itself is re-entrant
    # for our use (PyStemmer keeps a small cache behind a lock).
    return Stemmer.Stemmer("russian")


def tokens(text: str) -> list[str]:
    """The words of a text, lower-case, ё read as е, function words dropped, in order."""
    lowered = text.lower().replace("ё", "е")
    return [t for t in _TOKEN.findall(lowered) if t not in STOP_WORDS]


def stems(text: str) -> frozenset[str]:
    """The set of stems of a text's words: what two texts about one problem share."""
    words = tokens(text)
    if not words:
        return frozenset()
    return frozenset(s for s in _stemmer().stemWords(words) if s)


def similarity(a: str | frozenset[str], b: str | frozenset[str]) -> float:
    """How alike two texts are, 0 (no stem in common) to 1 (the same stems): the Jaccard index
    of their stem sets. Either side may be a text or a set already made by `stems`, so a caller
    comparing one text with many stems it once."""
    left = stems(a) if isinstance(a, str) else a
    right = stems(b) if isinstance(b, str) else b
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def mentions(text_stems: frozenset[str], words: str) -> bool:
    """Whether a text (as stems) holds any of `words` (a comma- or space-separated list), in any
    form: «яма» matches «ямой». A list with no words mentions nothing."""
    wanted = stems(words)
    return bool(wanted & text_stems)
