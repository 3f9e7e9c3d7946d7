"""The FastAPI application: one factory, used by `tsifra serve`, the tests and the benchmarks."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware
from swagger_ui_bundle import swagger_ui_path

from tsifra.accounts.refusals import flush_anonymous_refusals
from tsifra.kernel.cache import Cache
from tsifra.store import make_engine
from tsifra.web import errors, ratelimits, security
from tsifra.web.api import router as api_router
from tsifra.web.limits import BodyLimit
from tsifra.web.open311 import router as open311_router
from tsifra.web.pages import install as install_pages
from tsifra.web.settings import Settings, load_settings

HERE = Path(__file__).parent


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or load_settings()
    app = FastAPI(
        title="Tsifra API",
        version="1",
        description="Ratings of digital maturity, indicator values, explanations and tasks.",
        docs_url=None,  # FastAPI's own page loads Swagger UI from a CDN; ours is a page
        redoc_url=None,
    )
    app.state.engine = make_engine(settings.database_url)
    app.state.settings = settings
    # The one cache of computed answers (ratings, profiles, forecasts, pages), for this app and
    # its database only: nothing computed is kept in a module.
    app.state.cache = Cache(size=1024)
    app.router.on_shutdown.append(app.state.cache.close)
    # Anonymous refusals counted beyond their rate are written as the server stops.
    app.router.on_shutdown.append(partial(flush_anonymous_refusals, app.state.engine))
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key,
        session_cookie="tsifra_session",
        same_site="lax",
        https_only=settings.https_only,
    )
    # Outermost (added last): a body over the limit is refused before it is read, before the
    # session is opened and before anyone is authenticated (web.limits).
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_mb * 2**20)
    errors.install(app)
    security.install(app, settings.https_only)
    ratelimits.install(app, settings)
    app.include_router(api_router, prefix="/api/v1")
    app.include_router(open311_router, prefix="/open311/v2")
    install_pages(app)
    app.mount("/static/swagger", StaticFiles(directory=swagger_ui_path), name="swagger")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    return app
