"""Files of a case: the type read from the bytes, the limits, pictures kept without their EXIF
(the GPS position of the phone), bytes kept once by SHA-256 in the data directory."""

from __future__ import annotations

import hashlib
import io
import os
import stat

import pytest
from PIL import Image
from sqlalchemy import Engine, func, select, update

from case_builders import MONDAY, case_in, file_case, people
from tsifra.cases.files import MAX_BYTES, MAX_FILES, attach_file, file_bytes, path_of
from tsifra.kernel.problems import ValidationFailed
from tsifra.store import CaseFile, data_home, session_scope

GPS_IFD = 0x8825
MAKE = 0x010F


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[MAKE] = "PII-Camera"
    exif[GPS_IFD] = {1: "N", 2: (55.0, 47.0, 24.0), 3: "E", 4: (49.0, 6.0, 36.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def picture(kind: str, size=(20, 10)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 10)).save(out, format=kind)
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def case_id(store: Engine) -> int:
    people(store)
    return file_case(store)[0]


def test_the_gps_position_is_gone_from_a_photo(store: Engine, case_id: int) -> None:
    sent = jpeg_with_gps()
    with Image.open(io.BytesIO(sent)) as original:  # the test's own photo does carry it
        assert original.getexif().get_ifd(GPS_IFD)
    view = attach_file(store, case_id, "яма.jpg", sent, "attachment", "citizen", now=MONDAY)
    assert (view.media_type, view.name, view.purpose) == ("image/jpeg", "яма.jpg", "attachment")
    shown, kept = file_bytes(store, view.id)
    assert shown == view and len(kept) == view.size
    assert b"PII-Camera" not in kept and b"Exif" not in kept
    with Image.open(io.BytesIO(kept)) as cleaned:
        assert cleaned.size == (64, 48)
        assert not cleaned.getexif()
        assert not cleaned.getexif().get_ifd(GPS_IFD)


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("a.png", picture("PNG"), "image/png"),
        ("a.webp", picture("WEBP"), "image/webp"),
        ("scan.pdf", PDF, "application/pdf"),
        ("no-extension", picture("PNG"), "image/png"),  # the bytes decide, not the name
    ],
)
def test_pictures_and_pdf_are_taken(store: Engine, case_id: int, name, data, kind) -> None:
    view = attach_file(store, case_id, name, data, "attachment", "citizen")
    assert view.media_type == kind
    if kind == "application/pdf":
        assert file_bytes(store, view.id)[1] == PDF  # kept as sent


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("photo.jpg", b"MZ\x90\x00 an executable", "case_file_type"),
        ("doc.pdf", b"<html>not a pdf</html>", "case_file_type"),
        ("empty.png", b"", "case_file_type"),
        ("broken.jpg", b"\xff\xd8\xff\xe0 not really a jpeg", "case_file_broken"),
        ("big.pdf", b"%PDF-" + b"0" * MAX_BYTES, "case_file_too_big"),
    ],
)
def test_other_files_are_refused(store: Engine, case_id: int, name, data, code) -> None:
    with pytest.raises(ValidationFailed) as refused:
        attach_file(store, case_id, name, data, "attachment", "citizen")
    (problem,) = refused.value.problems
    assert (problem.code, problem.path) == (code, "file")
    with session_scope(store) as session:
        assert session.scalar(select(func.count()).select_from(CaseFile)) == 0


def test_a_picture_of_too_many_pixels_is_not_decoded(store: Engine, case_id: int) -> None:
    bomb = io.BytesIO()
    Image.new("1", (8000, 6000)).save(bomb, format="PNG")  # 48 million pixels, a small file
    assert len(bomb.getvalue()) < MAX_BYTES
    with pytest.raises(ValidationFailed) as refused:
        attach_file(store, case_id, "bomb.png", bomb.getvalue(), "attachment", "citizen")
    assert refused.value.problems[0].code == "case_file_broken"


def test_at_most_five_of_a_purpose(store: Engine, case_id: int) -> None:
    for n in range(MAX_FILES):
        attach_file(store, case_id, f"{n}.png", picture("PNG", (n + 1, 1)), "attachment", "c")
    with pytest.raises(ValidationFailed) as refused:
        attach_file(store, case_id, "6.png", picture("PNG", (9, 9)), "attachment", "citizen")
    assert refused.value.problems[0].code == "case_too_many_files"
    assert attach_file(store, case_id, "after.png", picture("PNG"), "after", "roads-op").id


def test_a_purpose_must_be_known(store: Engine, case_id: int) -> None:
    with pytest.raises(ValidationFailed) as refused:
        attach_file(store, case_id, "a.png", picture("PNG"), "selfie", "citizen")
    assert refused.value.problems[0].path == "purpose"


def test_kept_once_by_digest_readable_by_the_owner_only(store: Engine, case_id: int) -> None:
    first = attach_file(store, case_id, "a.pdf", PDF, "attachment", "citizen")
    attach_file(store, case_id, "b.pdf", PDF, "attachment", "citizen")
    digest = hashlib.sha256(PDF).hexdigest()
    path = path_of(digest)
    assert path.is_relative_to(data_home() / "case-files")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert [p.name for p in (data_home() / "case-files").rglob("*") if p.is_file()] == [digest]
    assert file_bytes(store, first.id)[1] == PDF


def test_a_hidden_file_is_served_only_to_whoever_may_see_it(store: Engine, case_id: int) -> None:
    view = attach_file(store, case_id, "a.png", picture("PNG"), "attachment", "citizen")
    with session_scope(store) as session:
        session.execute(
            update(CaseFile).where(CaseFile.id == view.id).values(hidden_reason="Лицо человека")
        )
    with pytest.raises(ValidationFailed) as refused:
        file_bytes(store, view.id)
    assert refused.value.problems[0].code == "case_file_hidden"
    shown, _ = file_bytes(store, view.id, include_hidden=True)
    assert shown.hidden_reason == "Лицо человека"
    with pytest.raises(ValidationFailed) as refused:
        file_bytes(store, view.id, case_id=case_id + 1000)
    assert refused.value.problems[0].code == "case_file_unknown"


def test_no_file_joins_a_closed_case(store: Engine) -> None:
    world = people(store)
    closed, _ = case_in(store, "closed", world["body"])
    with pytest.raises(ValidationFailed) as refused:
        attach_file(store, closed, "a.pdf", PDF, "after", "roads-op")
    assert refused.value.problems[0].code == "case_file_final"


def test_officials_and_the_citizen_attach_through_their_own_doors(store: Engine) -> None:
    from tsifra.cases.cases import attach_citizen_file, attach_official_file
    from tsifra.kernel.problems import Forbidden
    from tsifra.store import AuditEntry

    world = people(store)
    case_id, token = case_in(store, "in_progress", world["body"])
    after = attach_official_file(
        store, world["body"], case_id, "после.png", picture("PNG"), "after"
    )
    assert (after.purpose, after.media_type) == ("after", "image/png")
    for who in ("other", "analyst", "viewer", "triage"):
        with pytest.raises(Forbidden):
            attach_official_file(store, world[who], case_id, "x.png", picture("PNG"), "after")
    with session_scope(store) as session:
        refused = session.scalar(
            select(func.count()).where(AuditEntry.action == "refused.case.attach")
        )
        assert refused == 4
    with pytest.raises(ValidationFailed) as wrong:
        attach_official_file(store, world["body"], case_id, "x.png", picture("PNG"), "attachment")
    assert wrong.value.problems[0].path == "purpose"
    mine = attach_citizen_file(store, token, "яма.pdf", PDF)
    assert (mine.purpose, mine.name) == ("attachment", "яма.pdf")
    _, closed_token = case_in(store, "answered", world["body"])
    with pytest.raises(ValidationFailed) as late:
        attach_citizen_file(store, closed_token, "яма.pdf", PDF)
    assert late.value.problems[0].code == "case_file_final"


def test_the_public_view_does_not_show_a_files_own_name(store: Engine, case_id: int) -> None:
    from tsifra.cases.cases import read_case

    view = attach_file(store, case_id, "Маркерова-PII-7_паспорт.pdf", PDF, "attachment", "c")
    (shown,) = read_case(store, case_id).public().files
    assert shown.name == f"attachment-{view.id}.pdf"
    assert read_case(store, case_id).files[0].name == "Маркерова-PII-7_паспорт.pdf"
