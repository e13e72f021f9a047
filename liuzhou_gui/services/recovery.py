"""A damaged database at start: find the newest good backup and put it in the file's place.

The damaged file is never written to: it is renamed (with its -wal/-shm companions, so a stale
write-ahead log can never be applied to the restored copy) and kept beside the database.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from ..domain.errors import AppError
from ..storage.backup import copy_database
from .backup import BackupInfo, check_backup_file, list_backups

COMPANIONS = ("-wal", "-shm", "-journal")


def newest_good_backup(db_path: Path) -> BackupInfo | None:
    """The newest backup that passes check_backup_file (whole, ours, not from a newer version)."""
    for backup in list_backups(db_path):
        try:
            check_backup_file(backup.path)
        except AppError:
            continue
        return backup
    return None


def set_aside_name(db_path: Path, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return db_path.with_name(f"{db_path.stem}-damaged-{stamp}{db_path.suffix}")


def replace_damaged(db_path: Path, backup: Path) -> Path:
    """Keep the damaged file under a new name and put a checked copy of `backup` in its place.

    Returns the damaged file's new path. On failure the damaged file is back where it was.
    """
    check_backup_file(backup)
    incoming = db_path.with_name(db_path.name + ".restoring")
    aside = set_aside_name(db_path)
    moved: list[tuple[Path, Path]] = []
    try:
        copy_database(backup, incoming)  # checked before anything is moved
        for suffix in ("", *COMPANIONS):
            source = db_path.with_name(db_path.name + suffix)
            if source.exists():
                target = aside.with_name(aside.name + suffix)
                os.replace(source, target)
                moved.append((target, source))
        os.replace(incoming, db_path)
    except OSError as exc:
        for target, source in reversed(moved):
            os.replace(target, source)
        incoming.unlink(missing_ok=True)
        raise AppError(f"无法用备份替换数据库文件“{db_path}”：{exc.strerror or exc}。数据库文件保持原样。") from exc
    return aside
