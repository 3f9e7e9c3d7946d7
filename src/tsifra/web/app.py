"""The FastAPI application: one factory, used by `tsifra serve`, the tests and the benchmarks."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware
from swagger_ui_bundle import swagger_ui_path

from tsifra.kernel.cache import Cache
from tsifra.store import make_engine
from tsifra.web import errors
from tsifra.web.api import router as api_router
from tsifra.web.limits import BodyLimit
from tsifra.web.pages import install as install_pages
from tsifra.web.settings import Settings, load_settings

HERE = Path(__file__).parent


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or load_settings()
    app = FastAPI(
        title="Tsifra API",
        version="1",
        description="Ratings of digital maturity, indicator values, explanations and tasks.",
        docs_url=None,  # FastAPI's own page loads Swagger UI from a CDN; ours is served below
        redoc_url=None,
    )
    app.state.engine = make_engine(settings.database_url)
    app.state.settings = settings
    # The one cache of computed answers (ratings, profiles, forecasts, pages), for this app and
    # its database only: nothing computed is kept in a module.
    app.state.cache = Cache(size=1024)
    app.router.on_shutdown.append(app.state.cache.close)
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
    app.include_router(api_router, prefix="/api/v1")
    install_pages(app)
    app.mount("/static/swagger", StaticFiles(directory=swagger_ui_path), name="swagger")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/api/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        """The interactive API reference, with Swagger UI 5 from its pip package: no CDN, and
        a version that reads the OpenAPI 3.1 FastAPI writes (Swagger UI 4 cannot render it).
        No validator either: Swagger UI would ask validator.swagger.io about the schema."""
        return get_swagger_ui_html(
            openapi_url=app.openapi_url,
            title="Tsifra API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/swagger/favicon-32x32.png",
            swagger_ui_parameters={"validatorUrl": None},
        )

    return app
