"""Files kept by their digest: the one store both a task's files and a case's photos use."""

from __future__ import annotations

import hashlib
import stat

import pytest

from tsifra.store.blobs import blob_path, keep_blob, safe_name


def test_bytes_are_kept_once_under_their_digest_for_the_owner_only(tmp_path, monkeypatch):
    monkeypatch.setenv("TSIFRA_HOME", str(tmp_path))
    data = b"%PDF-1.7 report"
    digest = keep_blob("task-files", data)
    assert digest == hashlib.sha256(data).hexdigest()
    path = blob_path("task-files", digest)
    assert path.read_bytes() == data and path.parent.name == digest[:2]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert keep_blob("task-files", data) == digest  # kept once, left as it is
    assert [p.name for p in path.parent.iterdir()] == [digest]  # no temporary left behind


@pytest.mark.parametrize("text", ["../../etc/passwd", "ab" * 31, "G" * 64, ""])
def test_only_a_digest_names_a_file(text):
    with pytest.raises(ValueError):
        blob_path("case-files", text)


def test_a_users_name_is_never_a_path():
    assert safe_name("..\\..\\Windows\\отчёт.pdf") == "отчёт.pdf"
    assert safe_name("/etc/\x00passwd\x07") == "passwd"
    assert safe_name("   ") == "file"
