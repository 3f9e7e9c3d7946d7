"""The `tsifra` command: thin shells over the service functions, printing with Rich."""

from tsifra.cli import analysis, data, index, marts, web, whatif  # noqa: F401  (registers the commands)
from tsifra.cli.app import app

__all__ = ["app"]
