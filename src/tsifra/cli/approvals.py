"""`tsifra approvals`: network owners' zones and the owners a geometry touches.

`zones load` loads owners' zones (`approvals.zones.load_zones`), `owners` answers who must
approve works at a location (`approvals.owners.owners_for`), as a table or as JSON. A wrong
file is refused whole, its problems listed with the feature and key they are in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tsifra.cli.app import app, console, fail, shell_lang, t
from tsifra.kernel.problems import Problem, ValidationFailed

approvals_app = typer.Typer(
    help="Infrastructure approvals: network owners' zones, the owners a project touches.",
    no_args_is_help=True,
)
app.add_typer(approvals_app, name="approvals")
zones_app = typer.Typer(help="Network owners' zones (GeoJSON).", no_args_is_help=True)
approvals_app.add_typer(zones_app, name="zones")
ACTOR_LOGIN = "cli"


@zones_app.command("load")
def zones_load(
    files: Annotated[
        list[Path],
        typer.Argument(help="GeoJSON FeatureCollections of zones (owner, owner_name, region…)"),
    ],
) -> None:
    """Load zones: each file replaces all zones of the owners it names, whole or not at all
    (files are loaded in turn; the first wrong one stops the rest)."""
    from tsifra.approvals.zones import load_zones
    from tsifra.store import make_engine

    engine = make_engine()
    for file in files:
        try:
            loaded = load_zones(engine, file, actor=ACTOR_LOGIN)
        except ValidationFailed as exc:
            raise fail(exc) from None
        console.print(
            t(
                "zone_loaded",
                file=file.name,
                zones=loaded.zones,
                owners=len(loaded.owners),
                replaced=loaded.replaced,
            )
        )


@approvals_app.command("owners")
def approvals_owners(
    file: Annotated[
        Path, typer.Argument(help="a GeoJSON geometry, a Feature or a collection of one")
    ],
    region: Annotated[str | None, typer.Option(help="only owners of this region")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON instead of a table")] = False,
    method: Annotated[str, typer.Option(help="auto, postgis or strtree")] = "auto",
) -> None:
    """The network owners whose zones the geometry touches: whose approval works there need."""
    import json

    from tsifra.approvals.geometry import single_geometry
    from tsifra.approvals.owners import METHODS, owners_for
    from tsifra.store import make_engine

    if method not in METHODS:
        raise fail(ValidationFailed([Problem("invalid_field", path="--method", value=method)]))
    try:
        geometry = single_geometry(_read(file), where="")
        hits = owners_for(make_engine(), geometry, region=region, method=method)
    except ValidationFailed as exc:
        raise fail(ValidationFailed(_in_file(p, file.name) for p in exc.problems)) from None
    if as_json:
        rows = [
            {"owner": h.owner, "name": h.name, "region": h.region,
             "zones": [{"id": z.id, "network": z.network, "name": z.name} for z in h.zones]}
            for h in hits
        ]  # fmt: skip
        typer.echo(json.dumps({"owners": rows}, ensure_ascii=False, indent=2))
        return
    if not hits:
        console.print(t("zone_no_owners"))
        return
    console.print(_table(hits))


def _read(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ValidationFailed([Problem("file_not_found")]) from None
    except (OSError, UnicodeDecodeError):
        raise ValidationFailed([Problem("geo_not_json")]) from None


def _table(hits):
    from rich.table import Table

    from tsifra.approvals.zones import network_word

    lang = shell_lang()
    table = Table(
        t("zone_col_owner"),
        t("zone_col_name"),
        t("zone_col_region"),
        t("zone_col_network"),
        t("zone_col_zones"),
    )
    for hit in hits:
        networks = sorted({network_word(z.network, lang) for z in hit.zones})
        zones = "\n".join(z.name for z in hit.zones)
        table.add_row(hit.owner, hit.name, hit.region, ", ".join(networks), zones)
    return table


def _in_file(problem: Problem, name: str) -> Problem:
    return Problem(
        problem.code, file=name, path=problem.path, value=problem.value, params=problem.params
    )
