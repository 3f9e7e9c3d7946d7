"""The governor's brief: a one-to-two-page A4 PDF that names the region, shows its index and rank,
marks overdue tasks and synthetic data, and turns into a PNG a person can look at."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import Engine

from builders import WEB_PASSWORD, governor
from tsifra.accounts.users import authenticate
from tsifra.dashboard.profile import region_profile
from tsifra.kernel.language import DEMO_MARK
from tsifra.kernel.problems import ValidationFailed
from tsifra.reports.pdf import brief_html, brief_pdf
from tsifra.tasks.tasks import create_task

CYRILLIC = r"[\u0400-\u04ff]"


def _text(pdf: Path, poppler: dict[str, str]) -> str:
    run = subprocess.run(
        [poppler["pdftotext"], "-layout", str(pdf), "-"], capture_output=True, check=True
    )
    return run.stdout.decode("utf-8")


def _pages(pdf: Path, poppler: dict[str, str]) -> int:
    run = subprocess.run([poppler["pdfinfo"], str(pdf)], capture_output=True, check=True)
    line = next(x for x in run.stdout.decode().splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def test_the_brief_names_the_region_and_its_index_and_renders_to_png(
    reported: Engine,
    poppler: dict[str, str],
    artifacts: Path,
    database_url: str,
    weasyprint: ModuleType,
) -> None:
    content = brief_pdf(reported, "RU-TA", reader=governor())
    assert content.startswith(b"%PDF-")
    kind = database_url.split(":", 1)[0].split("+")[0]
    pdf = artifacts / f"brief_RU-TA_{kind}.pdf"
    pdf.write_bytes(content)
    assert 1 <= _pages(pdf, poppler) <= 2
    text = " ".join(_text(pdf, poppler).split())
    p = region_profile(reported, "RU-TA", reader=governor())
    assert "Республика Татарстан" in text
    assert f"{p.score:.2f}".replace(".", ",") in text
    assert f"{p.rank} из {p.units_ranked}" in text
    assert DEMO_MARK in text
    assert "просрочено" in text and "Подключить поликлиники к РМИС" in text
    assert f"расчёт №{p.run_id}" in text and "отпечаток" in text
    stem = artifacts / f"brief_RU-TA_{kind}"
    subprocess.run(
        [poppler["pdftoppm"], "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(stem)],
        check=True,
    )
    png = next(artifacts.glob(f"{stem.name}*.png"))
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 10_000


def test_the_brief_lists_tasks_only_for_readers_who_may_see_them(reported: Engine) -> None:
    trace = {"methodology": "m", "version": "1", "revisions": "1", "fingerprint": "f", "made": ""}
    for reader, shown in ((governor(), True), (governor("RU-MOW"), False), (None, False)):
        html = brief_html(region_profile(reported, "RU-TA", reader=reader), trace)
        assert ("Подключить поликлиники к РМИС" in html) is shown
        assert ("<h2>Поручения" in html) is shown


def test_the_brief_escapes_what_users_typed(reported: Engine) -> None:
    p = region_profile(reported, "RU-TA", reader=governor())
    trace = {"methodology": "m", "version": "1", "revisions": "1", "fingerprint": "f", "made": ""}
    tasks = [t.__class__(**{**t.__dict__, "title": "<script>alert(1)</script>"}) for t in p.tasks]
    html = brief_html(p.__class__(**{**p.__dict__, "tasks": tasks}), trace)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_the_brief_fetches_nothing_from_outside(
    reported: Engine, monkeypatch: pytest.MonkeyPatch, weasyprint: ModuleType
) -> None:
    """A stray URL in a template would hang a machine without internet: only data: may load."""
    seen = {}
    real = weasyprint.HTML

    def spy(*args, **kwargs):
        seen.update(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", spy)
    brief_pdf(reported, "RU-TA", reader=governor())
    fetcher = seen["url_fetcher"]
    for url in ("http://example.invalid/font.woff", "file:///etc/passwd"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            fetcher.fetch(url)


def test_an_unknown_region_is_a_validation_problem(reported: Engine) -> None:
    with pytest.raises(ValidationFailed) as failure:
        brief_pdf(reported, "RU-XX")
    assert [p.code for p in failure.value.problems] == ["unit_not_in_data"]


def test_a_region_with_many_tasks_still_gets_two_pages_at_most(
    reported: Engine,
    poppler: dict[str, str],
    artifacts: Path,
    database_url: str,
    weasyprint: ModuleType,
) -> None:
    admin = authenticate(reported, "admin", WEB_PASSWORD)
    for k in range(40):
        title = f"Поручение № {k + 1}: довести показатель до цели и отчитаться"
        create_task(reported, admin, title, "RU-TA", "Минцифры РТ", date(2030, 1, 1))
    kind = database_url.split(":", 1)[0].split("+")[0]
    pdf = artifacts / f"brief_many_tasks_{kind}.pdf"
    pdf.write_bytes(brief_pdf(reported, "RU-TA", reader=governor()))
    assert _pages(pdf, poppler) <= 2
    text = " ".join(_text(pdf, poppler).split())
    assert "просрочено" in text  # the overdue task comes first and is never cut
    assert "и ещё 31" in text  # 43 tasks, 12 shown


def test_a_brief_on_a_past_period_shows_no_later_period(reported: Engine) -> None:
    p = region_profile(reported, "RU-TA", period="2025Q3", reader=governor())
    trace = {"methodology": "m", "version": "1", "revisions": "1", "fingerprint": "f", "made": ""}
    html = brief_html(p, trace)
    assert "III\u00a0кв.\u00a02025" in html and "IV\u00a0кв.\u00a02025" not in html
    assert "2025Q4" not in html and "первый период" in html


def test_the_english_brief_has_english_words_names_and_numbers(
    reported: Engine,
    poppler: dict[str, str],
    artifacts: Path,
    database_url: str,
    weasyprint: ModuleType,
) -> None:
    kind = database_url.split(":", 1)[0].split("+")[0]
    pdf = artifacts / f"brief_RU-TA_en_{kind}.pdf"
    pdf.write_bytes(brief_pdf(reported, "RU-TA", reader=governor(), lang="en"))
    assert 1 <= _pages(pdf, poppler) <= 2
    text = " ".join(_text(pdf, poppler).split())
    p = region_profile(reported, "RU-TA", reader=governor())
    assert "Republic of Tatarstan" in text and "Volga Federal District" in text
    assert f"{p.score:.2f}" in text and f"{p.score:.2f}".replace(".", ",") not in text
    assert f"{p.rank} of {p.units_ranked}" in text
    assert "Demo data" in text and DEMO_MARK not in text
    assert p.sectors["name_en"].iloc[0] in text
    assert "31 Jan 2020" in text and "overdue" in text  # the overdue task's deadline
    assert f"run #{p.run_id}" in text and "fingerprint" in text
    # Every word of the brief is English; only what people typed (the tasks) stays as typed.
    typed = {w for t in p.tasks for w in f"{t.title} {t.responsible}".split()}
    assert [w for w in text.split() if w not in typed and re.search(CYRILLIC, w)] == []


def test_the_brief_html_declares_its_language(reported: Engine) -> None:
    p = region_profile(reported, "RU-TA")
    trace = {"methodology": "m", "version": "1", "revisions": "1", "fingerprint": "f", "made": ""}
    assert '<html lang="ru">' in brief_html(p, trace)
    english = brief_html(p, trace, lang="en")
    assert '<html lang="en">' in english and "<title>Republic of Tatarstan: brief" in english
    assert "first period" not in english  # 2025Q4 has a period before it
    assert "since Q3\u00a02025" in english and "2025Q" not in english
