"""The `tsifra` command: thin shells over the service functions, printing with Rich."""

import os

# Pydantic looks for plugins of every installed distribution the first time a model or Typer's
# argument coercion is built: a scan of all package metadata (about 0.1 s of each start here)
# for plugins Tsifra does not use. Set before the command modules load; a user may still opt in.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

# Importing a command module registers its commands.
from tsifra.cli import (  # noqa: F401
    agencies,
    analysis,
    approvals,
    bodies,
    cases,
    data,
    forecast,
    index,
    marts,
    open311,
    practices,
    proactive,
    registers,
    tasks,
    users,
    web,
    whatif,
)
from tsifra.cli.app import app

__all__ = ["app"]
