"""Telling a server database's address from a file name, without importing the database layer
(the command line reads its --db before it knows whether a command runs at all)."""

from __future__ import annotations

import re
from pathlib import Path

SERVER_PREFIXES = ("postgresql://", "postgres://", "postgresql+psycopg://")


def is_server_url(value: str | Path | None) -> bool:
    return isinstance(value, str) and value.strip().lower().startswith(SERVER_PREFIXES)


def database_argument(text: str) -> Path | str:
    """--db's value: a server database's address stays a string (a Path would fold its "//"), else a file."""
    return text.strip() if is_server_url(text) else Path(text)


def hidden_text(text: str) -> str:
    """Any text with the password of a `scheme://user:password@` address blanked."""
    return re.sub(r"(://[^:/@\s]*):[^@\s]*@", r"\1:***@", text)
