"""One module per command; each exposes `register(subparsers)` and sets `run` on its parser."""

from . import audit, backup, check, demo, import_, package, restore, stats, template

COMMAND_MODULES = (demo, stats, check, import_, template, package, backup, restore, audit,)
