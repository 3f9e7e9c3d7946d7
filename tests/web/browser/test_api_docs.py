"""The API reference at /api/docs renders in a browser, from the app's own files only, under
the strict Content-Security-Policy (no inline script: Swagger UI starts from a file)."""

from __future__ import annotations


def test_api_docs_show_the_operations_and_load_nothing_from_outside(page, server, shot) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    blocked: list[str] = []  # Chromium reports each CSP violation on the console
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)
    page.goto("/api/docs")
    ratings = page.locator(".opblock-summary-path[data-path='/api/v1/ratings']")
    ratings.wait_for(state="visible")
    assert page.locator(".opblock-summary-method", has_text="GET").count() > 5
    assert page.get_by_text("Unable to render this definition").count() == 0
    assert page.locator(".info .title", has_text="Tsifra API").is_visible()
    ratings.click()  # the operation opens: its parameters are read from the 3.1 schema
    opened = page.locator(".opblock.is-open")
    opened.wait_for(state="visible")
    assert opened.locator(".opblock-summary-path").inner_text().strip() == "/api/v1/ratings"
    assert opened.locator(".parameter__name", has_text="period").is_visible()
    outside = [url for url in requested if not url.startswith((server, "data:"))]
    assert outside == []
    assert f"{server}/openapi.json" in requested
    assert blocked == []
    shot(page, "api-docs")
