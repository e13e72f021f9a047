"""Backups: made with the online backup API, listed, rotated, restored, and refused when unusable."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from liuzhou_gui.cli.main import run
from liuzhou_gui.domain.drafts import UnitDraft
from liuzhou_gui.domain.errors import AppError, DatabaseError
from liuzhou_gui.services import backup
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.paths import backups_dir
from liuzhou_gui.storage.units import save_unit


def _add_unit(db: Database, name: str) -> None:
    with db.transaction() as session:
        save_unit(session, UnitDraft(district="柳南", name=name, kind="企业", categories=["职业健康"]))


def _unit_names(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM unit ORDER BY id")]
    finally:
        conn.close()


def test_manual_backup_is_a_complete_checked_copy(db: Database) -> None:
    _add_unit(db, "柳州钢铁厂")
    path = backup.make_backup(db)
    assert path.parent == backups_dir(db.path)
    assert _unit_names(path) == ["柳州钢铁厂"]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    listed = backup.list_backups(db.path)
    assert [b.path for b in listed] == [path]
    assert listed[0].reason_label == "手动备份"
    assert listed[0].counts == {"expert": 17, "unit": 1, "lecture": 0}


def test_two_backups_in_the_same_second_do_not_overwrite(db: Database) -> None:
    first = backup.make_backup(db)
    second = backup.make_backup(db)
    assert first != second and first.exists() and second.exists()
    assert len(backup.list_backups(db.path)) == 2


def test_only_this_databases_backups_are_listed_and_rotated(db: Database, tmp_path: Path) -> None:
    """Issue 12: the city database listed the demo database's backup (same folder), 恢复 enabled on it."""
    neighbours = []
    for name in ("demo", "campaign-manual", "campaign2"):  # the last two look like "campaign-…"
        other = Database.open(tmp_path / f"{name}.sqlite3")
        try:
            neighbours.append(backup.make_backup(other))
            neighbours.append(backup.daily_backup(other))
        finally:
            other.close()
    ours = backup.make_backup(db)
    assert all(path.parent == ours.parent for path in neighbours)
    assert [b.path for b in backup.list_backups(db.path)] == [ours]
    backup.rotate(db.path, keep_daily=0, keep_weekly=0)
    assert all(path.exists() for path in neighbours)


def test_daily_backup_once_per_day(db: Database) -> None:
    assert backup.daily_backup(db) is not None
    assert backup.daily_backup(db) is None


def test_rotation_keeps_seven_days_and_eight_weeks_of_daily_copies(db: Database) -> None:
    folder = backups_dir(db.path)
    now = datetime(2026, 11, 24, 9, 0, 0)
    for day in range(80):
        stamp = (now - timedelta(days=day)).strftime("%Y%m%d-%H%M%S")
        (folder / f"{db.path.stem}-daily-{stamp}.sqlite3").write_bytes(b"")
    manual = folder / f"{db.path.stem}-manual-20200101-000000.sqlite3"
    manual.write_bytes(b"")
    backup.rotate(db.path)
    kept = sorted(p.name for p in folder.glob("*-daily-*"))
    days = {name.split("-daily-")[1][:8] for name in kept}
    # The newest 7 days, plus the newest copy of each of 8 weeks (which overlap the first days).
    assert {(now - timedelta(days=d)).strftime("%Y%m%d") for d in range(7)} <= days
    assert 7 < len(kept) <= 7 + 8
    weeks = {datetime.strptime(d, "%Y%m%d").isocalendar()[:2] for d in days}
    assert len(weeks) == 8
    assert manual.exists()


def test_restore_brings_back_the_data_and_backs_up_the_current_state(db: Database) -> None:
    _add_unit(db, "旧单位")
    saved = backup.make_backup(db)
    _add_unit(db, "新单位")
    safety = backup.restore_backup(db, saved)
    reopened = Database.open(db.path)
    reopened.close()
    assert _unit_names(db.path) == ["旧单位"]
    assert _unit_names(safety) == ["旧单位", "新单位"]


@pytest.mark.parametrize("content", [b"not a database at all", b"SQLite format 3\x00" + b"\x00" * 50])
def test_restore_refuses_a_broken_file_and_changes_nothing(db: Database, tmp_path: Path, content: bytes) -> None:
    _add_unit(db, "保留的单位")
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(content)
    with pytest.raises(DatabaseError):
        backup.restore_backup(db, bad)
    assert _unit_names(db.path) == ["保留的单位"]


def test_restore_refuses_a_truncated_backup(db: Database, tmp_path: Path) -> None:
    for i in range(200):
        _add_unit(db, f"单位{i:03d}")
    good = backup.make_backup(db)
    truncated = tmp_path / "truncated.sqlite3"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(DatabaseError):
        backup.restore_backup(db, truncated)
    assert len(_unit_names(db.path)) == 200


def test_restore_refuses_a_backup_from_a_newer_version(db: Database, tmp_path: Path) -> None:
    newer = tmp_path / "newer.sqlite3"
    shutil.copy(backup.make_backup(db), newer)
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError, match="更新版本"):
        backup.restore_backup(db, newer)


def test_restore_refuses_the_database_itself(db: Database) -> None:
    with pytest.raises(AppError):
        backup.restore_backup(db, db.path)


def test_command_line_backup_list_and_restore(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    target = tmp_path / "copy.sqlite3"
    assert run(["--db", str(db_path), "backup", "-o", str(target)]) == 0
    assert target.exists()
    assert run(["--db", str(db_path), "backup"]) == 0
    assert run(["--db", str(db_path), "backup", "--list"]) == 0
    assert "手动备份" in capsys.readouterr().out
    assert run(["--db", str(db_path), "restore", str(target)]) == 0
    assert "已从" in capsys.readouterr().out
    missing = tmp_path / "missing.sqlite3"
    assert run(["--db", str(db_path), "restore", str(missing)]) == 1
    err = capsys.readouterr().err
    assert "找不到备份文件" in err and "Traceback" not in err


def test_backups_work_in_a_folder_with_url_characters(tmp_path: Path) -> None:
    folder = tmp_path / "备份 #1 ?a=b %20"
    folder.mkdir()
    db = Database.open(folder / "x.sqlite3")
    try:
        _add_unit(db, "某单位")
        saved = backup.make_backup(db)
        assert backup.list_backups(db.path)[0].counts["unit"] == 1
        _add_unit(db, "另一单位")
        backup.restore_backup(db, saved)
    finally:
        db.close()
    assert _unit_names(folder / "x.sqlite3") == ["某单位"]


def test_backups_made_in_the_same_second_keep_both(db):
    from liuzhou_gui.storage.backup import backup_before

    first = backup_before(db.path, "before-upgrade-0009")
    second = backup_before(db.path, "before-upgrade-0009")  # within the same second, as a quick retry would
    assert first != second and first.is_file() and second.is_file()
