"""One module per command; each exposes `register(subparsers)` and sets `run` on its parser.

The registry names the commands and their modules; a run imports only the module of its own command.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import import_module
from types import ModuleType

from .registry import COMMANDS


def command_modules(names: Iterable[str] | None = None) -> list[ModuleType]:
    """The modules that define these commands (every command by default), each once, in the help's order."""
    wanted = set(COMMANDS if names is None else names)
    modules = dict.fromkeys(module for name, (module, _help) in COMMANDS.items() if name in wanted)
    return [import_module(f"{__name__}.{module}") for module in modules]
