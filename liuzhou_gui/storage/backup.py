"""Copying a live database safely with SQLite's online backup API."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from ..domain.errors import DatabaseError
from .paths import backups_dir, sqlite_readonly_uri


def copy_database(source: Path, target: Path) -> Path:
    """Copy `source` to `target` atomically: written beside it, checked, then renamed."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(sqlite_readonly_uri(source), uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            # The copy is a standalone file: no WAL beside it.
            dst.execute("PRAGMA journal_mode = DELETE")
            ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            dst.close()
    finally:
        src.close()
    if ok != "ok":
        partial.unlink(missing_ok=True)
        raise DatabaseError(f"备份“{target.name}”校验失败：{ok}")
    os.replace(partial, target)
    return target


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
