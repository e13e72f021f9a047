"""Checking a database file before the app writes to it."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from pathlib import Path

from ..domain.errors import DatabaseBusy, DatabaseError
from .database import ensure_sqlite_file
from .paths import data_dir, sqlite_readonly_uri

log = logging.getLogger(__name__)


PASSED_FILE = "integrity_passed.json"
REMEMBERED = 20  # databases whose last passed check is kept
SETTLED_S = 2.0  # a file changed this recently may still change within the same clock tick: always checked


def _state(path: Path) -> list[int] | None:
    """What changes whenever SQLite writes the file or its -wal: identity, size, modification and change times."""
    try:
        stats = [path.stat()]
        wal = path.with_name(path.name + "-wal")
        if wal.exists():
            stats.append(wal.stat())
    except OSError:
        return None
    return [value for st in stats for value in (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)]


def _passed() -> dict[str, list[int]]:
    try:
        remembered = json.loads((data_dir() / PASSED_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return remembered if isinstance(remembered, dict) else {}


def _remember_passed(path: Path, state: list[int]) -> None:
    """Best effort: a file that cannot be written only means the next start checks again."""
    remembered = {key: value for key, value in _passed().items() if key != str(path)}
    remembered[str(path)] = state
    target = data_dir() / PASSED_FILE
    partial = target.with_name(f"{PASSED_FILE}.{os.getpid()}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps(dict(list(remembered.items())[-REMEMBERED:])), encoding="utf-8")
        os.replace(partial, target)
    except OSError:
        partial.unlink(missing_ok=True)


def quick_check(path: Path) -> None:
    """Raise DatabaseError for a damaged file; a missing file is fine (it will be created).

    Opened read-only, so a damaged file is never written to. The check reads every page (a quarter of
    a second on a year of a whole city): a file not changed at all since it last passed, by the
    identity, sizes and times of it and its -wal, is not read again.
    """
    if not path.exists():
        return
    ensure_sqlite_file(path)
    resolved = path.resolve()
    state = _state(resolved)
    if state is not None and _passed().get(str(resolved)) == state:
        return
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
    if state is not None:
        settled = time.time() - max(state[3::5]) / 1e9 > SETTLED_S
        if settled and state == _state(resolved):
            _remember_passed(resolved, state)
