"""Backups on request, once a day and before risky work; rotation; restore.

Copies of a file are made with SQLite's online backup API (storage.backup), so a backup taken while
the app writes is still consistent. A server database is backed up into the same kind of SQLite file
by `db copy` (services.db_transfer: one read snapshot, checked against the server before it is kept);
putting such a backup back on a server is `db copy` from the backup into an empty server database.
Restore writes the chosen copy into the live file inside one SQLite
transaction, after backing up the current state, so a power cut leaves either the old or the new data.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..domain.errors import AppError, DatabaseError, os_error_reason
from ..storage.backup import copy_database, new_backup_path
from ..storage.database import Database, ensure_sqlite_file
from ..storage.migrations import is_known_revision
from ..storage.paths import backups_dir, sqlite_readonly_uri
from ..storage.schema_check import schema_differences
from .db_transfer import copy_to_new_database
from .output_guard import check_output, same_file

KEEP_DAILY = 7
KEEP_WEEKLY = 8
_NAME_RE = re.compile(
    r"^(?P<stem>.+?)-(?P<reason>manual|daily|before-[a-z0-9-]+?)-(?P<stamp>\d{8}-\d{6})(-\d+)?\.sqlite3$"
)

REASONS = {
    "manual": "手动备份",
    "daily": "每日自动备份",
    "before-import": "导入前",
    "before-package": "导入报送包前",
    "before-restore": "恢复前",
}


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    reason: str
    created_at: datetime
    counts: dict[str, int]

    @property
    def reason_label(self) -> str:
        if self.reason.startswith("before-upgrade"):
            return "升级数据库结构前"
        return REASONS.get(self.reason, self.reason)


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")



def make_backup(db: Database, reason: str = "manual", output: Path | None = None) -> Path:
    """A checked copy of the database, in the backups folder unless `output` is given: a file's through
    SQLite's backup API, a server database's as an SQLite file through `db copy`."""
    if output is None:
        output = new_backup_path(db.path, reason)
    else:
        if output.is_dir():
            output = output / f"{db.path.stem}-{reason}-{_stamp()}.sqlite3"
        check_output(db.path, output, what="备份文件")
    if db.is_server:
        return copy_to_new_database(db, output).path
    try:
        return copy_database(db.path, output)
    except OSError as exc:
        raise AppError(f"无法写入备份文件“{output}”：{os_error_reason(exc)}") from exc


def record_counts(path: Path) -> dict[str, int]:
    """Experts, units and sessions in a database file (deleted ones excluded)."""
    conn = sqlite3.connect(sqlite_readonly_uri(path), uri=True)
    try:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL").fetchone()[0]
            for table in ("expert", "unit", "lecture")
        }
    except sqlite3.DatabaseError:
        return {}
    finally:
        conn.close()


def list_backups(db_path: Path) -> list[BackupInfo]:
    """This database's backups, newest first. Another database in the same folder shares the
    backups folder; its copies (named after it) are neither listed, restorable here, nor rotated."""
    found = []
    for path in backups_dir(db_path).glob("*.sqlite3"):
        match = _NAME_RE.match(path.name)
        if not match or match["stem"] != db_path.stem:
            continue
        created = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
        found.append(BackupInfo(path, match["reason"], created, record_counts(path)))
    return sorted(found, key=lambda b: b.created_at, reverse=True)


def rotate(db_path: Path, *, keep_daily: int = KEEP_DAILY, keep_weekly: int = KEEP_WEEKLY) -> list[Path]:
    """Keep the newest automatic copy of each of the last `keep_daily` days and `keep_weekly` weeks.

    Manual backups and those taken before an upgrade, import or restore are the user's: never removed.
    """
    daily = [b for b in list_backups(db_path) if b.reason == "daily"]
    keep: set[Path] = set()
    days: set[date] = set()
    weeks: set[tuple[int, int]] = set()
    for backup in daily:  # newest first
        day = backup.created_at.date()
        week = day.isocalendar()[:2]
        if day not in days and len(days) < keep_daily:
            days.add(day)
            keep.add(backup.path)
        if week not in weeks and len(weeks) < keep_weekly:
            weeks.add(week)
            keep.add(backup.path)
    removed = [b.path for b in daily if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def backup_before_change(db: Database, reason: str) -> Path | None:
    """The automatic copy before an import or a package: for a file, a checked copy beside it.
    A server database gets none here: the change is one transaction on the server (all or nothing)
    and the server's own backups cover the rest."""
    return None if db.is_server else make_backup(db, reason)


def daily_backup(db: Database, now: datetime | None = None) -> Path | None:
    """At start: one automatic copy per day, then rotation. Returns the new copy, if any.
    None for a server database (its backups are the server's)."""
    if db.is_server:
        return None
    today = (now or datetime.now()).date()
    if any(b.reason == "daily" and b.created_at.date() == today for b in list_backups(db.path)):
        return None
    path = make_backup(db, "daily")
    rotate(db.path)
    return path


def check_backup_file(path: Path) -> None:
    """A restorable file is one of our databases and passes integrity_check."""
    if not path.is_file():
        raise AppError(f"找不到备份文件“{path}”。")
    ensure_sqlite_file(path)
    try:
        conn = sqlite3.connect(sqlite_readonly_uri(path), uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone() if (
                "alembic_version" in tables) else None
            ours = result == "ok" and {"alembic_version", "district", "lecture"} <= tables
            version: str | None = revision[0] if revision is not None else None
            known = version is not None and is_known_revision(version)
            differences = schema_differences(conn, version) if ours and known and version is not None else []
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"备份文件“{path.name}”已损坏，不能用来恢复：{exc}") from exc
    if result != "ok":
        raise DatabaseError(f"备份文件“{path.name}”已损坏，不能用来恢复（{result}）。")
    if not {"alembic_version", "district", "lecture"} <= tables:
        raise DatabaseError(f"文件“{path.name}”不是本软件的数据库备份。")
    if revision is None or not is_known_revision(revision[0]):
        raise DatabaseError(f"备份“{path.name}”由更新版本的本软件创建，当前版本不能恢复它。请先升级软件。")
    if differences:
        shown = "、".join(differences[:3]) + ("等" if len(differences) > 3 else "")
        raise DatabaseError(
            f"备份“{path.name}”的数据库结构与本软件所建的不一致（{shown}），可能被其他程序改动过，"
            "不能用来恢复。请选择另一份备份。"
        )


def restore_backup(db: Database, source: Path) -> Path:
    """Replace the database's content with `source`; returns the backup of the state before.

    The caller reopens the database afterwards (Database.open), which upgrades an older copy.
    """
    if db.is_server:
        raise AppError(
            "共享数据库不能在这里直接恢复，以免覆盖其他同事正在使用的数据。请在服务器上新建一个空数据库，"
            f"然后运行：liuzhou-gui --db “{source}” db copy --to postgresql://用户名@服务器:端口/新数据库名，"
            "再让各台电脑改用新数据库。"
        )
    if same_file(source, db.path):
        raise AppError("不能用数据库文件本身来恢复。")
    check_backup_file(source)
    safety = make_backup(db, "before-restore")
    db.close()
    src = sqlite3.connect(sqlite_readonly_uri(source), uri=True)
    try:
        dst = sqlite3.connect(db.path, timeout=5)
        try:
            # backup() replaces every page of the target inside one transaction of the target.
            src.backup(dst)
        finally:
            dst.close()
    except sqlite3.OperationalError as exc:
        raise DatabaseError(f"恢复失败，数据库保持原样：{exc}") from exc
    finally:
        src.close()
    return safety

