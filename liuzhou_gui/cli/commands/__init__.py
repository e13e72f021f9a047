"""One module per command; each exposes `register(subparsers)` and sets `run` on its parser."""

from . import audit, backup, package, restore, stats

COMMAND_MODULES = (stats, backup, restore, audit, package,)
