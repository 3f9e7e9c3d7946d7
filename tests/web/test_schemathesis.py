"""The OpenAPI document against the app itself: schemathesis generates requests for every
operation (as an admin, so write routes get past authentication) and checks that none is
answered with a server error or with a body that breaks the documented schema.

One SQLite database with two rated quarters serves the whole module; examples are capped so the
run stays well under a minute.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from builders import RATED
from databases import Templates
from tsifra.accounts import issue_token
from tsifra.store import make_engine
from tsifra.web import create_app
from tsifra.web.settings import Settings

EXAMPLES = 20  # per operation: about 15 operations in well under a minute


@pytest.fixture(scope="module")
def api_app(tmp_path_factory: pytest.TempPathFactory, templates: Templates) -> Iterator:
    path: Path = tmp_path_factory.mktemp("schemathesis") / "tsifra.db"
    url = templates.sqlite_copy(RATED, path)
    engine = make_engine(url)
    app = create_app(Settings(database_url=url, secret_key="test-" * 10))
    app.state.admin_token = issue_token(engine, "admin", label="schemathesis")
    engine.dispose()
    yield app
    app.state.engine.dispose()


@pytest.mark.slow
def test_no_server_error_and_no_schema_violation(api_app) -> None:
    """Each operation is its own Hypothesis run, so one failing route names itself and the
    others still run; failures are collected and reported together."""
    api = schemathesis.openapi.from_asgi("/openapi.json", api_app)
    headers = {"Authorization": f"Bearer {api_app.state.admin_token}"}
    checks = [not_a_server_error, response_schema_conformance]
    failures = []
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 12
    sent: dict[str, str] = {}  # the headers of the operation being checked
    for operation in operations:
        sent.clear()
        sent.update(headers)
        if operation.method.upper() == "DELETE" and operation.path.endswith("/auth/token"):
            # Signing out revokes the token it carries: a token of its own, not the admin's
            # that every later operation needs.
            own = issue_token(api_app.state.engine, "admin", label="revoked")
            sent["Authorization"] = f"Bearer {own}"

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case) -> None:
            case.call_and_validate(headers=sent, checks=checks)

        try:
            run()
        except Exception as exc:  # every operation is checked before the test fails
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
