"""Shared fixtures: the reference data sets in ../shared and small builders of example inputs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference"


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """../shared/reference: skipped where absent (a user's clone), a failure under CI=true."""
    if not REFERENCE.is_dir():
        reason = f"reference data not found at {REFERENCE}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; CI must have ../shared beside the clone")
        pytest.skip(reason)
    return REFERENCE


@pytest.fixture(autouse=True)
def _russian_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see the default language unless they switch it themselves."""
    monkeypatch.delenv("TSIFRA_LANG", raising=False)
