"""The `tsifra` command: thin shells over the service functions, printing with Rich."""

# Importing a command module registers its commands.
from tsifra.cli import analysis, data, forecast, index, marts, web, whatif  # noqa: F401
from tsifra.cli.app import app

__all__ = ["app"]
