"""Serving the dashboard and the API; its accounts are managed by `tsifra users` (`users.py`)."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from tsifra.cli.app import app, console, shell_lang, t
from tsifra.kernel.language import word
from tsifra.kernel.problems import ValidationFailed

log = logging.getLogger(__name__)


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port")] = 8000,
) -> None:
    """Serve the dashboard and the API (uvicorn) on the configured database."""
    import threading

    import uvicorn

    from tsifra.web import create_app

    web = create_app()
    server = uvicorn.Server(uvicorn.Config(web, host=host, port=port, log_level="warning"))
    console.print(t("serving", url=f"http://{host}:{port}/"))
    threading.Thread(
        target=_warm,
        args=(server, web.state.engine, web.state.cache, shell_lang()),
        name="warm",
        daemon=True,
    ).start()
    server.run()


def _warm(server, engine, cache, lang: str) -> None:
    """Once the server listens, compute what the region pages show (every region's forecast
    takes seconds), so no visitor waits for it. Never fatal: a server without a rating still
    serves, and a page computes what it needs itself."""
    import time

    from tsifra.web.pages.region_analyses import warm

    while not server.started:  # the computation would slow the start down (one GIL)
        if server.should_exit:
            return
        time.sleep(0.1)
    started = time.perf_counter()
    try:
        warm(engine, cache)
    except ValidationFailed as exc:
        reason = exc.problems[0].message(lang)
        console.print(word("warm_skipped", lang, reason=reason))
    except Exception:  # a bug here must not take the server down with it
        log.exception("warming the region pages' analyses failed")
    else:
        console.print(word("warm_done", lang, seconds=time.perf_counter() - started))
    try:  # the registry's facets and words, read once for every search after
        from tsifra.practices.search import warm as warm_registry

        warm_registry(engine, cache)
    except Exception:
        log.exception("reading the registry's facets and words failed")
    try:  # the agency rating's intervals, when there is an agency rating
        from tsifra.dashboard.agencies import warm as warm_agencies

        warm_agencies(engine, cache)
    except ValidationFailed:
        pass
    except Exception:
        log.exception("warming the agency rating's intervals failed")
