"""设置 → 备份: a copy now, the day's automatic copy, restoring one."""

from __future__ import annotations

from pathlib import Path

from ..services import backup
from ..storage.database import Database
from .core import NO_JOB, Changes, Job, Outcome


def make_backup(db: Database, _job: Job = NO_JOB) -> Outcome[Path]:
    return Outcome(backup.make_backup(db, "manual"), Changes.BACKUPS)


def daily_backup(db: Database, _job: Job = NO_JOB) -> Outcome[Path | None]:
    made = backup.daily_backup(db)
    return Outcome(made, Changes.BACKUPS if made is not None else Changes.NONE)


def restore_backup(db: Database, source: Path, _job: Job = NO_JOB) -> Outcome[Path]:
    """Replace everything with `source`; the value is the safety copy of the state before."""
    safety = backup.restore_backup(db, source)
    # Opening again upgrades a copy made by an older version and proves the result is usable.
    Database.open(db.path).close()
    return Outcome(safety, Changes.DATABASE)
