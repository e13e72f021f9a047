"""Checking a database file before the app writes to it."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from ..domain.errors import DatabaseBusy, DatabaseError
from .database import ensure_sqlite_file
from .paths import sqlite_readonly_uri

log = logging.getLogger(__name__)


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
        # SQLite lists up to 100 problems, some over several lines: the log keeps them, the user gets one sentence.
        log.error("quick_check of %s found problems:\n%s", path, "\n".join(rows))
        problems = sum(1 for row in rows for line in row.splitlines() if not line.startswith("*** in database"))
        raise DatabaseError(
            f"数据库文件“{path.name}”已损坏（完整性检查发现 {problems} 处问题，详情已写入日志），软件没有改动它。"
            "请从备份恢复。"
        )
