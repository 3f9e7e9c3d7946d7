"""What the approvals flow's tests stand on: network owners as bodies with their operators, an
applicant, and — until a test needs the real map — the owners a geometry touches chosen by the
test (`touching`), so the flow is tested apart from the spatial search."""

from __future__ import annotations

import struct
import zlib
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine

from tsifra.accounts import create_user
from tsifra.accounts.users import Account
from tsifra.approvals import projects
from tsifra.approvals.projects import DocumentDraft, ProjectDraft
from tsifra.store import Body, session_scope

PASSWORD = "correct horse battery staple 42"
OWNERS = ("ru-ta-vodokanal", "ru-ta-setevaya", "ru-ta-gaz")
POINT = {"type": "Point", "coordinates": [49.109, 55.786]}
PDF = b"%PDF-1.4\n% a drawing\n%%EOF\n"


def moscow(year: int, month: int, day: int, hour: int = 9) -> datetime:
    """A naive UTC moment at `hour` Moscow time."""
    return datetime(year, month, day, hour) - timedelta(hours=3)


def png() -> bytes:
    """A valid 1×1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def add_owners(engine: Engine, region: str = "RU-TA", owners=OWNERS) -> None:
    with session_scope(engine) as session:
        for code in owners:
            session.add(
                Body(
                    code=code,
                    region=region,
                    name_ru=f"Владелец {code}",
                    kind="organisation",
                    email=f"{code}@example.org",
                )
            )


def operator(engine: Engine, login: str, region: str, body: str | None) -> Account:
    return create_user(engine, login, PASSWORD, "operator", region=region, body=body)


def applicant(engine: Engine, login: str = "builder") -> Account:
    return create_user(engine, login, PASSWORD, "applicant", name="ООО «Стройка»")


class Hit:
    def __init__(self, owner: str) -> None:
        self.owner, self.name, self.region, self.zones = owner, owner, "RU-TA", ()


def touching(monkeypatch: pytest.MonkeyPatch, *owners: str) -> None:
    """Every geometry touches `owners` (the geometry itself is still parsed and kept by
    `approvals.geometry`); the real search is in tests/approvals/test_approval_map.py."""
    monkeypatch.setattr(projects, "_owners", lambda engine, shape, region: [Hit(o) for o in owners])


def draft(**fields) -> ProjectDraft:
    values = {
        "region": "RU-TA",
        "works": "excavation",
        "title": "Прокладка кабеля по ул. Баумана",
        "geometry": POINT,
        "applicant_name": "ООО «Стройка»",
        "applicant_inn": "1655000000",
        "description": "Траншея 40 м, открытый способ.",
        "documents": (DocumentDraft("план.pdf", PDF),),
    }
    return ProjectDraft(**(values | fields))
