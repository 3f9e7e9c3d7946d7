"""The catalogue: every word in Russian and English with the same blanks, every key the code
looks up present, no key that nothing uses; and the language decided at the edge."""

from __future__ import annotations

import ast
import re
from datetime import UTC, datetime
from pathlib import Path
from string import Formatter

import pytest

from tsifra.kernel.language import (
    CATALOGUE,
    PROBLEM_CODES,
    language,
    measure,
    plural,
    status_word,
    word,
)
from tsifra.kernel.problems import Problem

SRC = Path(__file__).resolve().parents[2] / "src" / "tsifra"
CATALOGUE_DIR = SRC / "kernel" / "language"
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Lookups: `word("key", lang)` (Python), `t("key")` (the CLI's and the templates' shorthand),
# `word_key("key")` and `word_keys("a", "b")` (keys spelled where they are declared and looked
# up later by a variable).
LOOKUPS = {"word", "t", "word_key"}
TEMPLATE_LOOKUP = re.compile(r"""\bt\(\s*["']([^"']+)["']""")


def _placeholders(text: str) -> set[tuple[str, str]]:
    return {(name, spec or "") for _, name, spec, _ in Formatter().parse(text) if name}


def _python_sources() -> list[Path]:
    """The code, without the catalogue's data modules (whose keys are what is checked)."""
    return [p for p in SRC.rglob("*.py") if p.parent != CATALOGUE_DIR or p.name == "__init__.py"]


def _templates() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.html") if "templates" in p.parts)  # subfolders too


def _lookups_in(source: str) -> list[tuple[str, int]]:
    """The literal keys of the lookups in Python source, with their lines."""
    keys = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        given = node.args if name == "word_keys" else node.args[:1] if name in LOOKUPS else []
        for arg in given:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                keys.append((arg.value, node.lineno))
    return keys


def _looked_up() -> dict[str, list[str]]:
    """Every literal key of a lookup in the code and templates, with where it is."""
    found: dict[str, list[str]] = {}
    for path in _python_sources():
        for key, line in _lookups_in(path.read_text(encoding="utf-8")):
            found.setdefault(key, []).append(f"{path.name}:{line}")
    for path in _templates():
        for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for key in TEMPLATE_LOOKUP.findall(line):
                found.setdefault(key, []).append(f"{path.name}:{k}")
    return found


def _problem_codes_raised() -> dict[str, str]:
    """The literal code of every `Problem(...)` the code makes."""
    codes = {}
    for path in _python_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Problem"):
                continue
            given = node.args[0] if node.args else None
            given = given or next((k.value for k in node.keywords if k.arg == "code"), None)
            if isinstance(given, ast.Constant) and isinstance(given.value, str):
                codes[given.value] = f"{path.name}:{node.lineno}"
    return codes


def _literals() -> set[str]:
    """Every string constant of the code outside the catalogue (problem codes are made by
    name, e.g. from pydantic's error types listed in `methodology.loader.TYPED`)."""
    out = set()
    for path in _python_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                out.add(node.value)
    return out


def test_every_word_is_in_russian_and_english_with_the_same_placeholders() -> None:
    wrong = {
        key: (ru, en)
        for key, (ru, en) in CATALOGUE.items()
        if not ru or not en or CYRILLIC.search(en) or _placeholders(ru) != _placeholders(en)
    }
    assert not wrong


def test_every_key_the_code_looks_up_exists() -> None:
    found = _looked_up()
    assert len(found) > 200  # the scan sees the code: a broken scan must not pass silently
    missing = {key: where for key, where in found.items() if key not in CATALOGUE}
    assert not missing


def test_every_problem_the_code_makes_has_a_message() -> None:
    raised = _problem_codes_raised()
    assert len(raised) > 50
    assert not {code: where for code, where in raised.items() if code not in PROBLEM_CODES}


def test_no_key_is_unused() -> None:
    used = set(_looked_up())
    literals = _literals()
    unused = [
        key
        for key in CATALOGUE
        if key not in used and not (key in PROBLEM_CODES and key in literals)
    ]
    assert not unused


def test_the_scan_finds_a_missing_key() -> None:
    """The scan itself: every form of lookup is seen, and a key not in the catalogue stands out."""
    source = (
        'word("no_such_key", lang)\nt("rank")\nx = word_key("nor_this")\n'
        'cols = word_keys("region", "nor_that")\nword(key, lang)\nprint("rank")\n'
    )
    keys = _lookups_in(source)
    assert [k for k, _ in keys] == ["no_such_key", "rank", "nor_this", "region", "nor_that"]
    assert [k for k, _ in keys if k not in CATALOGUE] == ["no_such_key", "nor_this", "nor_that"]
    assert TEMPLATE_LOOKUP.findall('{{ t("rank") }} {{ t(title) }}') == ["rank"]


def test_placeholders_are_filled_in_the_readers_convention() -> None:
    assert word("rating_title", "ru", node="Индекс", period="2025Q4") == (
        "Рейтинг «Индекс», период IV\u00a0кв.\u00a02025"
    )
    assert word("rating_title", "en", node="Index", period="2025Q4") == (
        "Rating 'Index', period Q4\u00a02025"
    )
    explained = dict(unit="R2", period="2024", score=62.5, rank=1, n=3)
    assert word("explain_title", "ru", **explained) == "R2, период 2024: индекс 62,50, место 1 из 3"
    assert word("explain_title", "en", **explained) == "R2, period 2024: index 62.50, rank 1 of 3"
    stamp = datetime(2026, 6, 30, 9, 5, tzinfo=UTC)
    stored = dict(run=7, code="m", version="1", sha="ab", as_of=stamp, n=2, fingerprint="f")
    assert "данные на 30.06.2026 09:05 UTC" in word("run_stored", "ru", **stored)
    assert "data as of 30 Jun 2026 09:05 UTC" in word("run_stored", "en", **stored)


def test_a_problem_is_rendered_in_the_language_asked_for() -> None:
    p = Problem("out_of_range", file="d.csv", row=4, column="value", value=150.5,
                params={"low": -10.0, "high": 100.0})  # fmt: skip
    assert p.message("ru") == "значение 150,5 вне допустимого диапазона [\u221210; 100]"
    assert p.message("en") == "value 150.5 is outside the valid range [\u221210; 100]"
    assert p.location("ru") == "d.csv, строка 4, столбец «value»"
    assert p.location("en") == "d.csv, row 4, column 'value'"
    assert p.as_dict("en")["message"].startswith("value 150.5")
    assert Problem("made_up_code").message("ru") == "made_up_code"


def test_russian_is_the_default_and_english_is_asked_for() -> None:
    assert language(None) == language("de") == language("ru") == language("") == "ru"
    assert language("en") == language("EN") == language("en_US.UTF-8") == language("en-GB") == "en"


def test_statuses_units_and_plurals() -> None:
    assert status_word("in_progress", "en") == "In progress"
    assert status_word("in_progress", "ru") == "В работе"
    assert status_word("archived", "en") == "archived"  # a status added later shows as its code
    assert measure("дней", "ru") == "дней" and measure("дней", "en") == "days"
    assert measure("%", "en") == "%" and measure(None, "en") == ""

    def said(n: int, lang: str) -> str:
        key = plural(n, lang, "place_since", "places_few_since", "places_since")
        return f"{n:+d} " + word(key, lang, period="2025Q3")

    nb = "\u00a0"
    assert said(1, "ru") == f"+1 место к III{nb}кв.{nb}2025"
    assert said(-3, "ru") == f"-3 места к III{nb}кв.{nb}2025"
    assert said(5, "ru").startswith("+5 мест ") and said(11, "ru").startswith("+11 мест ")
    assert said(21, "ru").startswith("+21 место ") and said(12, "ru").startswith("+12 мест ")
    assert said(1, "en") == f"+1 place since Q3{nb}2025"
    assert said(21, "en").startswith("+21 places since")


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_lookup_needs_a_language_and_a_known_key(lang: str) -> None:
    with pytest.raises(KeyError):
        word("no_such_key", lang)
    with pytest.raises(TypeError):
        word("rank")  # type: ignore[call-arg]  # no default language in the kernel


def test_dates_in_words() -> None:
    assert word("whatif_period_now", "ru", period="2025-03") == "март\u00a02025 (последний рейтинг)"
    assert word("whatif_period_now", "en", period="2025-03") == "March\u00a02025 (latest rating)"
