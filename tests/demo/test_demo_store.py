"""The demo goes only into a database holding nothing else, and its passwords are its own."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from builders import database_state, long_frame
from tsifra.accounts import create_user
from tsifra.accounts.users import authenticate
from tsifra.demo.store import (
    DEMO_ACCOUNTS,
    OWNER_ACCOUNTS,
    foreign_data,
    load_demo,
    open_demo_database,
    require_demo_only,
)
from tsifra.kernel.problems import ValidationFailed
from tsifra.store import User, is_current, make_engine
from tsifra.values.ingest import ingest_frame


def state(engine) -> dict:
    counted = database_state(engine)
    with engine.connect() as connection:
        counted["users"] = connection.scalar(select(func.count()).select_from(User))
    return counted


def refusal(engine) -> dict:
    with pytest.raises(ValidationFailed) as caught:
        load_demo(engine, password="demo-test-password")
    (problem,) = caught.value.problems
    assert problem.code == "demo_refused"
    assert problem.message("ru").startswith("в базе есть не только демонстрационные данные")
    return problem.params


def test_one_real_batch_refuses_the_demo_and_nothing_is_written(store):
    one = long_frame([("RU-TA", "2024Q1", "health_emr", 91.5)])
    ingest_frame(store, one, "region:RU-TA")
    before = state(store)
    assert refusal(store) == {"batches": 1, "accounts": 0, "runs": 0}
    assert state(store) == before


def test_an_account_the_demo_did_not_create_refuses_it(store):
    create_user(store, "admin", "a-long-password", "admin", actor="cli")  # a demo login, not ours
    before = state(store)
    assert refusal(store) == {"batches": 0, "accounts": 1, "runs": 0}
    assert state(store) == before


def test_an_empty_database_is_accepted_and_migrated_only_after_the_check(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'new.db'}")
    assert foreign_data(engine) == {"batches": 0, "accounts": 0, "runs": 0}
    open_demo_database(engine)
    assert is_current(engine)
    require_demo_only(engine)  # still only (no) demo data


@pytest.mark.parametrize("backend", ["sqlite"])
def test_each_demo_account_gets_its_own_random_password(store):
    """Loaded for real once: the demo's own data and accounts do not count against it."""
    demo = load_demo(store)
    passwords = [a.password for a in demo.accounts]
    logins = [login for login, *_ in DEMO_ACCOUNTS] + [login for login, *_ in OWNER_ACCOUNTS]
    assert [a.login for a in demo.accounts] == logins  # the roles, the applicant, the owners
    assert len(set(passwords)) == len(logins) and all(len(p) >= 12 for p in passwords)
    assert "demo-tsifra" not in passwords
    for account in demo.accounts:
        assert authenticate(store, account.login, account.password) is not None
    assert foreign_data(store) == {"batches": 0, "accounts": 0, "runs": 0}
