"""The approvals' pages' data: the test map's four owners in RU-TA (examples/approvals), an
applicant, and an operator of each of two owners, all with the password WEB_PASSWORD.

A line from (49.105, 55.787) to (49.115, 55.789) touches exactly the water and the power zones:
the project the page and browser tests file. `PDF` is a document the service accepts.
"""

from __future__ import annotations

import json
from pathlib import Path

from builders import ROOT, WEB_PASSWORD
from tsifra.accounts.users import Account, create_user

TEST_MAP = ROOT / "examples" / "approvals" / "test-map.geojson"
WATER, POWER = "ru-ta-vodokanal", "ru-ta-setevaya"
APPLICANT = "stroitel"  # a builder filing its project
OPERATORS = {"vodokanal": WATER, "setevaya": POWER}  # login: owner body
LINE = ((55.787, 49.105), (55.789, 49.115))  # latitude, longitude as the form takes them
TYPED_LINE = "\n".join(f"{lat}, {lon}" for lat, lon in LINE)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def add_owners_and_accounts(engine, extra_map: Path | None = None) -> Account:
    """Load the test map (and `extra_map`, another region's owners), then the accounts; the
    applicant's account is returned, for filing through the service."""
    from tsifra.approvals.zones import load_zones

    load_zones(engine, TEST_MAP)
    if extra_map is not None:
        load_zones(engine, extra_map)
    applicant = create_user(engine, APPLICANT, WEB_PASSWORD, "applicant", name="ООО «Стройка»")
    for login, body in OPERATORS.items():
        create_user(engine, login, WEB_PASSWORD, "operator", region="RU-TA", body=body)
    return applicant


def moscow_map(folder: Path) -> Path:
    """One owner in Moscow, whose terms (the default) do not count silence as consent."""
    path = folder / "moscow-map.geojson"
    ring = [[37.60, 55.74], [37.62, 55.74], [37.62, 55.76], [37.60, 55.76], [37.60, 55.74]]
    feature = {
        "type": "Feature",
        "properties": {"owner": "ru-mow-teplo", "owner_name": "Теплосеть (тест)",
                       "region": "RU-MOW", "network": "heat", "name": "Теплотрасса"},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }  # fmt: skip
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), "utf-8")
    return path
