"""Copying a live database safely with SQLite's online backup API."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from ..domain.errors import DatabaseError, os_error_reason
from .paths import backups_dir, sqlite_readonly_uri


def copy_database(source: Path, target: Path) -> Path:
    """Copy `source` to `target` atomically: written beside it, checked, then renamed."""
    partial = target.with_name(target.name + ".partial")
    try:
        partial.unlink(missing_ok=True)
        ok = _copy_into(source, partial)
        if ok != "ok":
            raise DatabaseError(f"备份“{target.name}”校验失败：{ok}")
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        _remove_partial(partial)
        raise DatabaseError(
            f"{os_error_reason(exc)}，无法写入备份“{target}”。写了一半的文件已删除，数据库没有改动。"
            + ("请清理磁盘后重试。" if _is_disk_full(exc) else "")
        ) from exc
    except BaseException:
        _remove_partial(partial)
        raise
    return target


def _copy_into(source: Path, partial: Path) -> str:
    src = sqlite3.connect(sqlite_readonly_uri(source), uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            # The copy is a standalone file: no WAL beside it.
            dst.execute("PRAGMA journal_mode = DELETE")
            result: str = dst.execute("PRAGMA integrity_check").fetchone()[0]  # "ok", or the first problem
            return result
        finally:
            dst.close()
    finally:
        src.close()


def _is_disk_full(exc: BaseException) -> bool:
    return getattr(exc, "errno", None) in (errno.ENOSPC, errno.EDQUOT) or "disk is full" in str(exc)


def _remove_partial(partial: Path) -> None:
    # A failure here is not reported: the message already says the copy failed, a later backup reuses the name.
    for name in (partial, partial.with_name(partial.name + "-journal")):
        with contextlib.suppress(OSError):
            name.unlink(missing_ok=True)


def new_backup_path(db_path: Path, reason: str) -> Path:
    """A free name in the backups folder: database name, reason, time; two in one second get -2, -3…"""
    base = f"{db_path.stem}-{reason}-{datetime.now():%Y%m%d-%H%M%S}"
    target = backups_dir(db_path) / f"{base}.sqlite3"
    n = 1
    while target.exists():
        n += 1
        target = target.with_name(f"{base}-{n}.sqlite3")
    return target


def backup_before(db_path: Path, reason: str) -> Path:
    """A timestamped copy in the backups folder, e.g. before a migration.

    If the copy cannot be made, nothing else happens: DatabaseError says why.
    """
    try:
        return copy_database(db_path, new_backup_path(db_path, reason))
    except (OSError, sqlite3.Error) as exc:
        raise DatabaseError(
            f"无法在“{db_path.parent / 'backups'}”中备份数据库“{db_path.name}”（{exc}），"
            "为安全起见没有继续，数据库未被改动。请检查该文件夹的权限和磁盘空间。"
        ) from exc
