"""The cost of password hashes: production parameters unless TSIFRA_PASSWORD_HASH=fast.

The test suite runs with the fast setting (tests/conftest.py), so these tests switch it off to
see what a user of a real server gets, reading the parameters back from the stored hash."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, text

from tsifra.accounts import authenticate, create_user
from tsifra.accounts.passwords import HASH_VARIABLE, configured_hasher, password_hasher

# argon2-cffi's defaults, RFC 9106's low-memory profile: the least a production hash may have.
PRODUCTION = {"m": 65_536, "t": 3, "p": 4}
HASH = re.compile(r"^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([^$]+)\$([^$]+)$")


def parameters(stored: str) -> dict[str, int]:
    """m, t, p and the salt and hash lengths in bytes, read from the hash string itself."""
    found = HASH.match(stored)
    assert found, stored
    m, t, p, salt, digest = found.groups()

    def size(b64: str) -> int:
        return len(base64.b64decode(b64 + "=" * (-len(b64) % 4)))

    return {"m": int(m), "t": int(t), "p": int(p), "salt": size(salt), "hash": size(digest)}


@pytest.fixture
def setting(monkeypatch: pytest.MonkeyPatch) -> Callable[[str | None], None]:
    """Switch TSIFRA_PASSWORD_HASH as a restarted server would see it."""

    def switch(value: str | None) -> None:
        if value is None:
            monkeypatch.delenv(HASH_VARIABLE, raising=False)
        else:
            monkeypatch.setenv(HASH_VARIABLE, value)
        configured_hasher.cache_clear()

    yield switch
    configured_hasher.cache_clear()  # the next test reads the suite's setting again


def stored_hash(store: Engine, login: str) -> str:
    with store.connect() as connection:
        query = text("SELECT password_hash FROM users WHERE login = :login")
        return connection.execute(query, {"login": login}).scalar_one()


def test_without_the_setting_a_user_gets_production_parameters(store: Engine, setting) -> None:
    setting(None)
    create_user(store, "kazan", "s3cret-passphrase", "operator", region="RU-TA")
    made = parameters(stored_hash(store, "kazan"))
    assert made["m"] >= PRODUCTION["m"] and made["t"] >= PRODUCTION["t"], made
    assert made["p"] >= PRODUCTION["p"], made
    assert made["salt"] >= 16 and made["hash"] >= 32, made


def test_a_fast_hash_verifies_after_the_setting_changes_and_is_made_anew(
    store: Engine, setting
) -> None:
    setting("fast")
    create_user(store, "kazan", "s3cret-passphrase", "operator", region="RU-TA")
    cheap = stored_hash(store, "kazan")
    assert parameters(cheap)["m"] < PRODUCTION["m"]
    setting(None)
    assert authenticate(store, "kazan", "wrong-pass") is None
    assert stored_hash(store, "kazan") == cheap  # a wrong password changes nothing
    assert authenticate(store, "kazan", "s3cret-passphrase").login == "kazan"
    strong = stored_hash(store, "kazan")
    assert parameters(strong)["m"] >= PRODUCTION["m"]
    assert authenticate(store, "kazan", "s3cret-passphrase").login == "kazan"


def test_the_fast_setting_never_weakens_a_stored_hash(store: Engine, setting) -> None:
    setting(None)
    create_user(store, "kazan", "s3cret-passphrase", "operator", region="RU-TA")
    strong = stored_hash(store, "kazan")
    setting("fast")
    assert authenticate(store, "kazan", "s3cret-passphrase").login == "kazan"
    assert stored_hash(store, "kazan") == strong


@pytest.mark.parametrize("value", [None, "", "FAST", "fast ", "quick", "production"])
def test_only_the_exact_word_fast_lowers_the_cost(value: str | None) -> None:
    hasher = password_hasher(value)
    assert hasher.memory_cost >= PRODUCTION["m"] and hasher.time_cost >= PRODUCTION["t"]
    assert hasher.parallelism >= PRODUCTION["p"]
    assert password_hasher("fast").memory_cost < PRODUCTION["m"]
