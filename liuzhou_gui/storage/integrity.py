"""Checking a database file before the app writes to it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..domain.errors import DatabaseBusy, DatabaseError
from .database import ensure_sqlite_file
from .paths import sqlite_readonly_uri


def quick_check(path: Path) -> None:
    """Raise DatabaseError for a damaged file; a missing file is fine (it will be created).

    Opened read-only, so a damaged file is never written to.
    """
    if not path.exists():
        return
    ensure_sqlite_file(path)
    try:
        # Immutable when no -wal is pending: a read-only WAL connection would leave -wal/-shm files behind.
        has_wal = path.with_name(path.name + "-wal").exists()
        conn = sqlite3.connect(sqlite_readonly_uri(path, immutable=not has_wal), uri=True)
        try:
            rows = [row[0] for row in conn.execute("PRAGMA quick_check")]
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseBusy(
                f"数据库文件“{path.name}”正被其他程序占用（{exc}）。请关闭正在使用它的程序后再打开本软件；"
                "文件本身没有问题，软件没有改动它。"
            ) from exc
        raise DatabaseError(f"数据库文件“{path.name}”已损坏（{exc}），软件没有改动它。请从备份恢复。") from exc
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"数据库文件“{path.name}”已损坏（{exc}），软件没有改动它。请从备份恢复。") from exc
    if rows != ["ok"]:
        raise DatabaseError(
            f"数据库文件“{path.name}”已损坏（{'；'.join(rows[:3])}），软件没有改动它。请从备份恢复。"
        )
