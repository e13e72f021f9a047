"""A database file's rows as it stores them, for comparing a copy with its source."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from liuzhou_gui.storage.db_copy import KEPT_BY_TRIGGERS


def same_instant(value: object) -> object:
    # SQLite's CURRENT_TIMESTAMP (a server default) writes no fraction; SQLAlchemy writes the same
    # instant with ".000000". Everything else must be byte for byte what the source stores.
    if isinstance(value, str) and len(value) == 26 and value.endswith(".000000") and value[10] == " ":
        return value[:19]
    return value


def stored(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows as the file stores them (ciphertext, text dates), sorted."""
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {name: sorted((tuple(same_instant(v) for v in row)
                              for row in conn.execute(f'SELECT * FROM "{name}"')), key=repr) for name in names}
    finally:
        conn.close()


def without_zero_rows(tables: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    # The kept tables keep rows whose counts went back to 0; rebuilt ones never had them.
    return {name: [r for r in rows if name not in KEPT_BY_TRIGGERS or any(v != 0 for v in r[4:] or r[3:])]
            for name, rows in tables.items()}


def one_message(err: str) -> bool:
    """One line of message on stderr; the progress line a slower copy prints once a second does not count."""
    return len([line for line in err.splitlines() if not line.startswith("正在复制")]) == 1
