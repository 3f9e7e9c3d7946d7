"""How passwords are hashed: argon2id with production parameters unless told otherwise.

Production parameters are argon2-cffi's defaults (RFC 9106's low-memory profile: 3 passes over
64 MiB in 4 lanes), about a third of a second per hash, which is the point. A test suite that
creates hundreds of accounts sets `TSIFRA_PASSWORD_HASH=fast` and gets the cheapest parameters
instead. Only that exact value weakens the hash: anything else, a typo included, keeps the
production parameters. Every hash names its own parameters, so a password hashed under one
setting still verifies under the other; a hash weaker than the parameters in force is made anew
at the next successful sign-in, and a stronger one is never weakened.
"""

from __future__ import annotations

import functools
import os

from argon2 import PasswordHasher, Type, extract_parameters
from argon2.profiles import CHEAPEST

HASH_VARIABLE = "TSIFRA_PASSWORD_HASH"
FAST = "fast"  # for tests only: a hash anyone can brute-force


def password_hasher(setting: str | None = None) -> PasswordHasher:
    """The hasher for a value of `TSIFRA_PASSWORD_HASH` (None: production parameters)."""
    if setting == FAST:
        return PasswordHasher.from_parameters(CHEAPEST)
    return PasswordHasher()


@functools.cache
def configured_hasher() -> PasswordHasher:
    """The hasher the environment asks for, read once per process."""
    return password_hasher(os.environ.get(HASH_VARIABLE))


def is_weaker(stored: str, hasher: PasswordHasher) -> bool:
    """Whether a verified hash was made with less work than `hasher` does, so it should be made
    anew. Unlike argon2's `check_needs_rehash`, a stronger hash is kept: a test setting leaking
    into a server must not downgrade its users' hashes."""
    made = extract_parameters(stored)
    return (
        made.type is not Type.ID
        or made.time_cost < hasher.time_cost
        or made.memory_cost < hasher.memory_cost
        or made.hash_len < hasher.hash_len
        or made.salt_len < hasher.salt_len
    )
