"""Restore takes a backup only when its whole schema is what our migrations make for its revision."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from liuzhou_gui.cli.main import run
from liuzhou_gui.services.backup import check_backup_file
from liuzhou_gui.storage.database import Database

FIXTURE_0001 = Path(__file__).parent.parent / "fixtures" / "schema_0001.sqlite3"

CHANGES = {
    "extra trigger": ("CREATE TRIGGER wipe AFTER INSERT ON unit BEGIN DELETE FROM expert; END", "多出触发器“wipe”"),
    "extra view": ("CREATE VIEW cards AS SELECT bank_card FROM expert", "多出视图“cards”"),
    "extra index": ("CREATE INDEX ix_extra ON unit(note)", "多出索引“ix_extra”"),
    "extra table": ("CREATE TABLE notes (x)", "多出表“notes”"),
    "extra column": ("ALTER TABLE unit ADD COLUMN secret TEXT", "表“unit”的定义不同"),
    "index dropped": ("DROP INDEX ix_unit_name_key", "缺少索引“ix_unit_name_key”"),
    "trigger renamed case": ("CREATE TRIGGER \"WIPE\" BEFORE DELETE ON district BEGIN SELECT 1; END", "多出触发器"),
}


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def city(tmp_path: Path) -> Path:
    path = tmp_path / "city.sqlite3"
    Database.open(path).close()
    assert run(["--db", str(path), "backup", "-o", str(tmp_path / "genuine.sqlite3")]) == 0
    return path


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_backup_with_a_changed_schema_is_refused(city: Path, tmp_path: Path, change: str, capsys) -> None:
    statement, sentence = CHANGES[change]
    forged = tmp_path / "forged.sqlite3"
    shutil.copy(tmp_path / "genuine.sqlite3", forged)
    conn = sqlite3.connect(forged)
    conn.execute(statement)
    conn.commit()
    conn.close()
    before = _dump(city)
    capsys.readouterr()
    assert run(["--db", str(city), "restore", str(forged)]) == 1
    err = capsys.readouterr().err
    assert "数据库结构与本软件所建的不一致" in err and sentence in err, err
    assert _dump(city) == before


def test_genuine_backups_of_this_and_an_old_revision_are_accepted(city: Path, tmp_path: Path) -> None:
    check_backup_file(tmp_path / "genuine.sqlite3")
    check_backup_file(FIXTURE_0001)
    old = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURE_0001, old)
    assert run(["--db", str(city), "restore", str(old)]) == 0


def test_the_database_itself_under_another_name_is_not_a_backup(city: Path, tmp_path: Path, capsys) -> None:
    import os

    hard = tmp_path / "hard.sqlite3"
    os.link(city, hard)
    soft = tmp_path / "soft.sqlite3"
    soft.symlink_to(city)
    before = _dump(city)
    for other in (hard, soft, city.parent / ".." / city.parent.name / city.name):
        assert run(["--db", str(city), "restore", str(other)]) == 1
        assert "不能用数据库文件本身来恢复" in capsys.readouterr().err
    assert _dump(city) == before
