"""The web face: the JSON API under /api/v1 and the server-rendered pages, over the services."""

from tsifra.web.app import create_app

__all__ = ["create_app"]
