"""`tsifra practices`: the registry of practices from the command line: its workbook in and out,
its solutions as publiccode.yml, its measured effects refreshed. Run as a trusted caller (an
administrator at the server), so no region is refused; every write is audited as `cli`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tsifra.cli.app import app, console, fail, shell_lang, t
from tsifra.kernel.problems import ValidationFailed

practices_app = typer.Typer(
    help="The registry of practices: import, export, publiccode.yml.", no_args_is_help=True
)
app.add_typer(practices_app, name="practices")
ACTOR_LOGIN = "cli"


@practices_app.command("import")
def practices_import(
    file: Annotated[Path, typer.Argument(help="the registry's XLSX workbook", exists=True)],
) -> None:
    """Create and update the practices of a workbook, or nothing if any cell is wrong."""
    from tsifra.practices.sheet_import import import_workbook
    from tsifra.store import make_engine

    try:
        report = import_workbook(
            make_engine(), file.read_bytes(), file_name=file.name, account=None, actor=ACTOR_LOGIN
        )
    except ValidationFailed as exc:
        raise fail(exc) from None
    console.print(
        t(
            "practice_cli_imported",
            created=len(report.created),
            updated=len(report.updated),
            added=report.replications_added,
            changed=report.replications_updated,
        )
    )


@practices_app.command("export")
def practices_export(
    file: Annotated[Path, typer.Argument(help="the XLSX file to write")],
) -> None:
    """The whole registry as an XLSX workbook (practices, indicators, replications, evidence,
    measured effects)."""
    from tsifra.practices.sheets import export_xlsx
    from tsifra.store import make_engine

    try:
        data = export_xlsx(make_engine(), shell_lang())
    except ValidationFailed as exc:
        raise fail(exc) from None
    file.write_bytes(data)
    console.print(t("practice_cli_written", path=str(file)))


@practices_app.command("publiccode")
def practices_publiccode(
    out: Annotated[
        Path,
        typer.Argument(help="a .yml file (one stream of documents) or a folder (one file each)"),
    ],
    base_url: Annotated[
        str | None, typer.Option(help="the dashboard's address, for landing pages")
    ] = None,
) -> None:
    """The registry's solutions as publiccode.yml (0.4) documents."""
    from tsifra.practices.publiccode import dump, publiccode_documents
    from tsifra.store import make_engine

    try:
        documents = publiccode_documents(make_engine(), base_url=base_url)
    except ValidationFailed as exc:
        raise fail(exc) from None
    if out.suffix.lower() in (".yml", ".yaml"):
        out.write_text(dump(doc for _, doc in documents), encoding="utf-8")
    else:
        out.mkdir(parents=True, exist_ok=True)
        for pid, doc in documents:
            (out / f"practice-{pid}.publiccode.yml").write_text(dump([doc]), encoding="utf-8")
    console.print(t("practice_cli_publiccode", n=len(documents), path=str(out)))


@practices_app.command("effects")
def practices_effects() -> None:
    """Measure the practices' effects again if the values or the registry changed."""
    from sqlalchemy import func, select

    from tsifra.practices.effects import refresh_effects
    from tsifra.store import Practice, make_engine

    engine = make_engine()
    try:
        refreshed = refresh_effects(engine)
    except ValidationFailed as exc:
        raise fail(exc) from None
    with engine.connect() as connection:
        measured = connection.scalar(select(func.count()).where(Practice.effect.is_not(None)))
    if refreshed:
        console.print(t("practice_cli_effects_refreshed", n=measured or 0))
    else:
        console.print(t("practice_cli_effects_current", n=measured or 0))
