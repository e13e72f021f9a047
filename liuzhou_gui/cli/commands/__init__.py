"""One module per command; each exposes `register(subparsers)` and sets `run` on its parser."""

from . import stats

COMMAND_MODULES = (stats,)
