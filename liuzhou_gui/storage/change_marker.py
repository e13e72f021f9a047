"""Has anyone changed the database since the last look? A cheap question asked every few seconds, so
the lists follow what other clerks (other PCs, other processes) save.

SQLite answers it for nothing: `PRAGMA data_version` on one connection held open for the purpose
changes whenever any other connection has committed, and reads no page to say so. PostgreSQL is told
by the statement triggers of migration 0017, which NOTIFY `liuzhou_changes` at each commit; one
connection held open LISTENs, and a look is one round trip that collects what arrived. The app's
own writes come through other connections too, so they also count as a change (one extra refresh
after a local save; never a missed one).
"""

from __future__ import annotations

import sqlite3
from contextlib import suppress
from typing import Any

from .database import Database
from .paths import sqlite_readonly_uri

CHANGE_CHANNEL = "liuzhou_changes"


class ChangeMarker:
    """`changed()` is True when something was committed since the previous call (the first call primes it).

    False when the database cannot be asked just now (locked, unreachable): the next look tries again."""

    def __init__(self, db: Database) -> None:
        self._look: _Look | None = _ServerLook(db) if db.engine.dialect.name == "postgresql" else _FileLook(db)
        self._primed = False

    def changed(self) -> bool:
        if self._look is None:
            return False
        moved = self._look.moved()
        if not self._primed:
            self._primed = moved is not None
            return False
        return bool(moved)

    def close(self) -> None:
        if self._look is not None:
            self._look.close()
            self._look = None


class _Look:
    def moved(self) -> bool | None:
        """Whether something was committed since the last call; None when it could not be told."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class _FileLook(_Look):
    def __init__(self, db: Database) -> None:
        # Read-only and outside any transaction: it holds no lock and blocks no checkpoint, and the backup
        # API's restore into the same file is seen as the change it is.
        self._conn = sqlite3.connect(sqlite_readonly_uri(db.path), uri=True, check_same_thread=False,
                                     isolation_level=None)
        self._seen: int | None = None

    def moved(self) -> bool | None:
        try:
            now = self._conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            return None
        before, self._seen = self._seen, now
        return before is not None and now != before

    def close(self) -> None:
        self._conn.close()


class _ServerLook(_Look):
    def __init__(self, db: Database) -> None:
        self._raw = db.engine.raw_connection()  # kept out of the pool for as long as the marker lives
        conn = self._raw.driver_connection  # psycopg's own connection
        assert conn is not None  # None only once closed
        self._conn: Any = conn
        self._conn.autocommit = True
        self._heard = False
        self._conn.add_notify_handler(self._hear)
        self._conn.execute(f"LISTEN {CHANGE_CHANNEL}")

    def _hear(self, _notify: object) -> None:
        self._heard = True

    def moved(self) -> bool | None:
        try:
            self._conn.execute("SELECT 1")  # notifications that arrived are handed over with any reply
        except Exception:  # the server is gone for now (psycopg.OperationalError); the next look tries again
            return None
        heard, self._heard = self._heard, False
        return heard

    def close(self) -> None:
        with suppress(Exception):  # already broken: nothing left to release
            self._raw.invalidate()  # LISTEN and autocommit go with it, not back into the pool
