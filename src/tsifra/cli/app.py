"""The Typer application, its console and what every command shares: language, problem reports.

Command modules import their services inside the commands, so that `tsifra --help` and light
commands start at once: only Typer, Rich and the kernel are loaded before a command runs
(`tests/cli/test_startup.py`).

The language is decided once, here, before any command runs: `--lang`, else the TSIFRA_LANG
variable, else Russian. Commands write words with `t("key", ...)` and ask `shell_lang()` for the
language to hand to a service or a formatter; nothing else reads the environment for it.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console

from tsifra.cli.terminal import problems_table
from tsifra.kernel.language import DEFAULT_LANG, Lang, language, word
from tsifra.kernel.problems import ValidationFailed

app = typer.Typer(help="Tsifra: digital maturity of regions.", no_args_is_help=True)
methodology_app = typer.Typer(help="Methodology files.", no_args_is_help=True)
index_app = typer.Typer(help="The composite index.", no_args_is_help=True)
db_app = typer.Typer(help="The database.", no_args_is_help=True)
marts_app = typer.Typer(help="Raw data marts and the formulas over them.", no_args_is_help=True)
users_app = typer.Typer(help="Accounts of the dashboard and the API.", no_args_is_help=True)
app.add_typer(methodology_app, name="methodology")
app.add_typer(index_app, name="index")
app.add_typer(db_app, name="db")
app.add_typer(marts_app, name="marts")
app.add_typer(users_app, name="users")
console = Console(width=None if sys.stdout.isatty() else 160)

SHOWN_PROBLEMS = 50  # a rejected million-row file is summarised on screen, listed in full in CSV


@app.callback()
def main(
    lang: Annotated[
        str,
        typer.Option("--lang", envvar="TSIFRA_LANG", help="ru (default) or en", show_default=False),
    ] = DEFAULT_LANG,
) -> None:
    _asked["lang"] = language(lang)


# The language of the command being run: set by `main` before every command (one command runs
# per process, or per `CliRunner.invoke` in tests, each of which runs `main` again).
_asked: dict[str, Lang] = {"lang": DEFAULT_LANG}


def shell_lang() -> Lang:
    """The language of the running command, as `main` decided it."""
    return _asked["lang"]


def t(key: str, **params: object) -> str:
    """A word of the catalogue in the command's language."""
    return word(key, shell_lang(), **params)


def fail(exc: ValidationFailed, limit: int | None = None) -> typer.Exit:
    problems = exc.problems if limit is None else exc.problems[:limit]
    console.print(problems_table(problems, shell_lang()))
    if len(problems) < len(exc.problems):
        console.print(t("problems_more", n=len(exc.problems) - len(problems)))
    return typer.Exit(code=1)


def unit_names(unit_type: str) -> dict[str, str]:
    if unit_type != "region":
        return {}
    from tsifra.reference import load_regions

    regions = load_regions()
    column = "name_en" if shell_lang() == "en" else "name_ru"
    return regions[column].to_dict()
