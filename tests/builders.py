"""Builders of example inputs shared by tests and benchmarks.

`asem_inputs` turns COINr's ASEM example (examples/asem) into what a Tsifra user
would pass: long-form values and a unit list. `tiny_methodology` makes small trees for unit tests.
`RatedDatabase` is the one recipe of a database with stored ratings, accounts and tasks; tests
get a copy of it built once per session (`database_copy` in conftest.py).

Heavy packages (the CLI, the services) are imported where used, so that collecting a test module
that only needs a small methodology does not load the whole application.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from tsifra.methodology import Methodology, load_methodology

ROOT = Path(__file__).resolve().parents[1]
ASEM_METHODOLOGY = ROOT / "examples" / "asem" / "methodology.yaml"
DESI_METHODOLOGY = ROOT / "examples" / "desi2022" / "methodology.yaml"


def asem_inputs(reference: Path) -> tuple[Methodology, pd.DataFrame, pd.DataFrame]:
    m = load_methodology(ASEM_METHODOLOGY)
    data = pd.read_csv(reference / "asem" / "iData.csv")
    codes = m.indicator_codes + [d.code for d in m.denominators]
    long = data.melt(id_vars=["uCode", "Time"], value_vars=codes, var_name="indicator")
    long = long.rename(columns={"uCode": "unit", "Time": "period"}).dropna(subset=["value"])
    long["period"] = long["period"].astype(int).astype(str)
    units = data.set_index("uCode")[["uName", "GDP_group", "Pop_group", "EurAsia_group"]]
    units.index.name = "unit"
    return m, long.reset_index(drop=True), units


def tiny_methodology(
    normalise: dict | None = None,
    aggregate: dict | None = None,
    impute: dict | None = None,
    treat: dict | None = None,
    weights: tuple[float, ...] = (1.0, 1.0, 1.0, 1.0),
    directions: tuple[int, ...] = (1, 1, 1, 1),
    targets: dict | None = None,
    screen: float = 0.0,
) -> Methodology:
    """Four indicators in two pillars under one index."""
    indicators = [
        {
            "code": f"i{k + 1}",
            "name": f"Indicator {k + 1}",
            "parent": "A" if k < 2 else "B",
            "weight": weights[k],
            "direction": directions[k],
            "goalposts": {"min": 0, "max": 100},
            "targets": targets or {2020: 80, 2022: 90},
        }
        for k in range(4)
    ]
    return Methodology.model_validate(
        {
            "id": "tiny",
            "title": "Tiny",
            "version": "1",
            "steps": {
                "impute": impute or {"method": "none"},
                "screen": {"min_availability": screen},
                "treat": treat or {"method": "none"},
                "normalise": normalise or {"method": "minmax", "range": [0, 100]},
                "aggregate": aggregate or {"method": "arithmetic", "min_share": 0.5},
            },
            "indicators": indicators,
            "nodes": [
                {"code": "A", "name": "Pillar A", "parent": "index"},
                {"code": "B", "name": "Pillar B", "parent": "index"},
                {"code": "index", "name": "Index"},
            ],
        }
    )


def long_frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["unit", "period", "indicator", "value"])


# --- the store -------------------------------------------------------------------------------

STORE_TABLES = (
    "units",
    "methodologies",
    "batches",
    "indicator_values",
    "resolutions",
    "result_runs",
    "result_scores",
    "audit_log",
)


def database_state(engine) -> dict[str, object]:
    """Row counts of every table and a checksum of every stored value, to compare before/after."""
    import hashlib

    from sqlalchemy import text

    state: dict[str, object] = {}
    with engine.connect() as connection:
        for table in STORE_TABLES:
            state[table] = connection.scalar(text(f"SELECT count(*) FROM {table}"))
        rows = connection.execute(
            text(
                "SELECT id, unit, period, indicator, value, source, revision, batch_id, reason "
                "FROM indicator_values ORDER BY id"
            )
        ).all()
    state["values_sha256"] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return state


def database_url_of(engine) -> str:
    """The engine's URL with its password, to hand to a child process."""
    return engine.url.render_as_string(hide_password=False)


def write_values_csv(
    path, rows, *, encoding: str = "utf-8", sep: str = ",", decimal: str = "."
) -> Path:
    """A long-form values file as a spreadsheet would save it (header: unit, period, indicator,
    value); `rows` are tuples, numbers written with the given decimal mark."""
    path = Path(path)
    lines = [sep.join(("unit", "period", "indicator", "value"))]
    for unit, period, indicator, value in rows:
        shown = str(value).replace(".", decimal) if isinstance(value, float | int) else value
        lines.append(sep.join((unit, period, indicator, shown)))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


# --- spreadsheets written by hand: the sheet's XML as given, no library between -----------------

_XLSX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "{sheets}</Types>"
)
_XLSX_SHEET_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
_XLSX_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="xl/workbook.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
_XLSX_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    "<sheets>{sheets}</sheets></workbook>"
)
_XLSX_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    "{relations}</Relationships>"
)
_XLSX_SHEET_OPEN = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_XLSX_SHEET_CLOSE = b"</sheetData></worksheet>"


def write_xlsx(path, sheets: dict[str, object]) -> Path:
    """An XLSX whose sheets hold exactly the `<sheetData>` XML given (bytes, or an iterable of
    byte chunks, so that a million rows are streamed into the zip rather than held): how a
    hostile or odd file is made, cell by cell, in milliseconds."""
    import zipfile

    path = Path(path)
    names = list(sheets)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        types = "".join(_XLSX_SHEET_TYPE.format(n=i + 1) for i in range(len(names)))
        archive.writestr("[Content_Types].xml", _XLSX_TYPES.format(sheets=types))
        archive.writestr("_rels/.rels", _XLSX_ROOT_RELS)
        listed = "".join(
            f'<sheet name="{name}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
            for i, name in enumerate(names)
        )
        archive.writestr("xl/workbook.xml", _XLSX_WORKBOOK.format(sheets=listed))
        relations = "".join(
            f'<Relationship Id="rId{i + 1}" Target="worksheets/sheet{i + 1}.xml" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet"/>'
            for i in range(len(names))
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels", _XLSX_WORKBOOK_RELS.format(relations=relations)
        )
        for i, name in enumerate(names):
            body = sheets[name]
            chunks = [body] if isinstance(body, bytes) else body
            with archive.open(f"xl/worksheets/sheet{i + 1}.xml", "w") as sheet:
                sheet.write(_XLSX_SHEET_OPEN)
                for chunk in chunks:
                    sheet.write(chunk)
                sheet.write(_XLSX_SHEET_CLOSE)
    return path


def text_cell(ref: str, value: str) -> bytes:
    """A cell holding text, written inline (no shared-strings part needed)."""
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'.encode()


# --- the command line ------------------------------------------------------------------------

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def invoke(*args: str | Path, input: str | None = None):
    """Run the command wide enough that Rich does not wrap, with plain text output; `input` is
    what a person types (or a script pipes) on standard input."""
    from typer.testing import CliRunner

    from tsifra.cli import app

    runner = CliRunner(env={"COLUMNS": "240", "NO_COLOR": "1", "TERM": "dumb"})
    result = runner.invoke(app, [str(a) for a in args], input=input)
    result.text = _ANSI.sub("", result.output)
    return result


def rows(text: str) -> list[list[str]]:
    """The body rows of the Rich tables in the output, as lists of stripped cells."""
    return [
        [cell.strip() for cell in line.strip("│").split("│")]
        for line in text.splitlines()
        if line.startswith("│")
    ]


# --- the rated database ------------------------------------------------------------------------

WEB_PASSWORD = "correct-horse"  # every account the fixtures create
RATED_PERIODS = ("2025Q3", "2025Q4")
ROLE_ACCOUNTS = (  # login, role, region: one account per role, named after it
    ("admin", "admin", None),
    ("analyst", "analyst", None),
    ("operator", "operator", "RU-TA"),
    ("viewer", "viewer", None),
)
REPORT_TASKS = (  # title, region, responsible, deadline: the first one is overdue
    ("Подключить поликлиники к РМИС", "RU-TA", "Минздрав РТ", date(2020, 1, 31)),
    ("Перевести запись к врачу в онлайн", "RU-TA", "Минцифры РТ", date(2099, 6, 30)),
    ("Электронные дневники в школах", "RU-TA", "Минобрнауки РТ", date(2099, 12, 1)),
)


@dataclass(frozen=True)
class RatedDatabase:
    """A migrated database with the synthetic panel of `methodology` stored as one batch, a
    stored rating of each quarter in `rated`, `accounts` (password WEB_PASSWORD) and `tasks`
    created by the first account. The defaults are what the web, report and browser tests see:
    every region, two rated quarters, one account per role.

    Frozen and hashable: conftest.py builds each distinct recipe once per session and backend.
    """

    seed: int = 11
    start: str = RATED_PERIODS[0]
    end: str = RATED_PERIODS[-1]
    rated: tuple[str, ...] = RATED_PERIODS
    source: str = "region"
    synthetic: bool = True
    methodology: str = "ru-digital-maturity"
    accounts: tuple[tuple[str, str, str | None], ...] = ROLE_ACCOUNTS
    tasks: tuple[tuple[str, str, str, date], ...] = ()

    def panel(self) -> pd.DataFrame:
        from tsifra.demo.panel import generate_panel
        from tsifra.reference import load_regions

        m = load_methodology(self.methodology)
        return generate_panel(m, load_regions(), seed=self.seed, start=self.start, end=self.end)

    def build(self, engine, panel: pd.DataFrame | None = None) -> None:
        """Fill a migrated, empty database (with `panel` instead of this recipe's, if given)."""
        from tsifra.accounts import create_user
        from tsifra.ratings.stored import compute_from_store
        from tsifra.tasks.tasks import create_task
        from tsifra.values.ingest import ingest_frame

        panel = self.panel() if panel is None else panel
        ingest_frame(engine, panel, self.source, synthetic=self.synthetic)
        for period in self.rated:
            compute_from_store(engine, self.methodology, period=period)
        made = [
            create_user(engine, login, WEB_PASSWORD, role, region=region)
            for login, role, region in self.accounts
        ]
        for title, region, responsible, deadline in self.tasks:
            create_task(engine, made[0], title, region, responsible, deadline)


RATED = RatedDatabase()
REPORTED = RatedDatabase(accounts=ROLE_ACCOUNTS[:1], tasks=REPORT_TASKS)


PARTIAL_QUARTER = "2026Q1"
PARTIAL_VALUES = (  # three values of a new quarter, as issue 12 found them
    ("RU-TA", PARTIAL_QUARTER, "health_emr", 91.0),
    ("RU-TA", PARTIAL_QUARTER, "health_telemed", 88.0),
    ("RU-KL", PARTIAL_QUARTER, "health_emr", 70.0),
)


def partly_reported(engine):
    """A RATED database plus three values for 2026Q1 and a rating computed over every period, as
    `tsifra index compute` without `--period` stores it: 2026Q1 is rated but far from complete."""
    from tsifra.ratings.stored import compute_from_store
    from tsifra.values.ingest import ingest_frame

    frame = pd.DataFrame(PARTIAL_VALUES, columns=["unit", "period", "indicator", "value"])
    ingest_frame(engine, frame, "region:RU-TA", synthetic=True)
    compute_from_store(engine, RATED.methodology)
    return engine


def log_in(client, login: str) -> None:
    """Sign `client` in on the login page as `login` (password WEB_PASSWORD)."""
    form = {"login": login, "password": WEB_PASSWORD, "csrf": csrf_of(client)}
    response = client.post("/login", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text


def csrf_of(client, path: str = "/login") -> str:
    """The CSRF token of the form on `path`."""
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert found, f"no CSRF field on {path}"
    return found.group(1)


def two_quarters_panel() -> pd.DataFrame:
    """The synthetic panel of RATED: every region, 2025Q3 and 2025Q4."""
    return RATED.panel()


def rate_two_quarters(engine, panel: pd.DataFrame) -> None:
    """Store `panel` as one synthetic batch and a rating of each of RATED's quarters, without
    accounts. Kept for tests that fill a database of their own; a copy of RATED is faster."""
    RatedDatabase(accounts=()).build(engine, panel)


# --- the web -----------------------------------------------------------------------------------


def governor(region: str = "RU-TA"):
    """The governor's office of `region` as a reader: it may see that region's tasks."""
    from tsifra.accounts.users import Account

    return Account(0, "governor", "Аппарат губернатора", "operator", region)


def bearer(client, login: str) -> dict[str, str]:
    """Headers of an API call made as `login`."""
    response = client.post("/api/v1/auth/token", json={"login": login, "password": WEB_PASSWORD})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}
