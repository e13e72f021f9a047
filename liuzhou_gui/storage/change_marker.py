"""Has anyone changed the database since the last look? A cheap question asked every few seconds, so
the lists follow what other clerks (other PCs, other processes) save.

SQLite answers it for nothing: `PRAGMA data_version` on one connection held open for the purpose
changes whenever any other connection has committed, and reads no page to say so. The app's own
writes come through other connections too, so they also count as a change (one extra refresh after a
local save; never a missed one).
"""

from __future__ import annotations

import sqlite3

from .database import Database
from .paths import sqlite_readonly_uri


class ChangeMarker:
    """`changed()` is True when something was committed since the previous call (the first call primes it)."""

    def __init__(self, db: Database) -> None:
        # Read-only and outside any transaction: it holds no lock and blocks no checkpoint, and the backup
        # API's restore into the same file is seen as the change it is.
        self._conn: sqlite3.Connection | None = sqlite3.connect(
            sqlite_readonly_uri(db.path), uri=True, check_same_thread=False, isolation_level=None)
        self._seen: int | None = None

    def changed(self) -> bool:
        """False when the file cannot be read just now (locked, removed): the next look tries again."""
        if self._conn is None:
            return False
        try:
            now = self._conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            return False
        before, self._seen = self._seen, now
        return before is not None and now != before

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
