"""A damaged, foreign, locked or read-only database gets a Chinese message and is never written to."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from liuzhou_gui.cli.main import run
from liuzhou_gui.domain.errors import DatabaseError
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.instance_lock import InstanceLock
from liuzhou_gui.storage.integrity import quick_check


def _stats(db_path: Path) -> int:
    return run(["--db", str(db_path), "stats", "--json"])


def test_quick_check_accepts_a_good_database_and_a_missing_file(db: Database, tmp_path: Path) -> None:
    quick_check(db.path)
    quick_check(tmp_path / "not-yet-created.sqlite3")


def test_truncated_database_is_refused_untouched(db_path: Path, capsys: pytest.CaptureFixture) -> None:
    Database.open(db_path).close()
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 3])
    before = db_path.read_bytes()
    assert _stats(db_path) == 1
    err = capsys.readouterr().err
    assert "损坏" in err or "不是本软件" in err
    assert "Traceback" not in err
    assert db_path.read_bytes() == before


def test_random_bytes_named_like_the_database_are_refused_untouched(
    db_path: Path, capsys: pytest.CaptureFixture
) -> None:
    db_path.write_bytes(os.urandom(8192))
    before = db_path.read_bytes()
    assert _stats(db_path) == 1
    assert "不是本软件的数据库文件" in capsys.readouterr().err
    assert db_path.read_bytes() == before


def test_corrupted_page_is_found_by_quick_check(db_path: Path) -> None:
    Database.open(db_path).close()
    data = bytearray(db_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    # Scribble over the second page (a b-tree page) but keep the header intact.
    data[page_size : page_size * 2] = b"\xff" * page_size
    db_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseError, match="损坏"):
        quick_check(db_path)


def test_a_second_process_on_the_same_database_is_refused(db_path: Path, tmp_path: Path) -> None:
    Database.open(db_path).close()
    holder = tmp_path / "hold.py"
    holder.write_text(textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from liuzhou_gui.storage.instance_lock import InstanceLock
        with InstanceLock(Path({str(db_path)!r})):
            print("locked", flush=True)
            sys.stdin.readline()
    """), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(holder)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        with pytest.raises(DatabaseError, match="已在另一个窗口中打开"):
            InstanceLock(db_path).acquire()
    finally:
        proc.communicate("\n", timeout=30)
    # Once the first process has gone, the database opens again.
    with InstanceLock(db_path):
        pass


def test_a_writing_command_is_refused_beside_the_lock_and_reading_ones_run(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    from liuzhou_gui.cli.main import run

    Database.open(db_path).close()
    with InstanceLock(db_path):
        # flock locks are per open file description: a second acquire in this process also fails.
        for writing in (["demo"], ["campaign", "add", "--year", "2026"], ["backup"],
                        ["district", "set", "--district", "柳南", "--reporter", "韦小宝"]):
            assert run(["--db", str(db_path), *writing]) == 1, writing
            assert "已在另一个窗口中打开" in capsys.readouterr().err
        # Reading cannot hurt a WAL database: statistics, checks, tables and the audit trail work.
        assert _stats(db_path) == 0
        assert run(["--db", str(db_path), "check"]) in (0, 1)
        assert run(["--db", str(db_path), "export", "1", "-o", str(tmp_path / "附件1.xlsx")]) == 0
        assert run(["--db", str(db_path), "audit", "-o", str(tmp_path / "audit.xlsx")]) == 0
        err = capsys.readouterr().err
        assert "另一个窗口" not in err and "Traceback" not in err
        assert (tmp_path / "附件1.xlsx").is_file() and (tmp_path / "audit.xlsx").is_file()


def test_a_reading_command_beside_the_lock_never_migrates(db_path: Path, capsys: pytest.CaptureFixture) -> None:
    import sqlite3

    Database.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '0010'")
    conn.commit()
    conn.close()
    with InstanceLock(db_path):
        assert _stats(db_path) == 1
    assert "需要由本版本升级" in capsys.readouterr().err
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0010"
    conn.close()


def test_a_write_to_a_read_only_database_is_explained(db: Database) -> None:
    """query_only makes SQLite refuse writes exactly as it does for a read-only file (root ignores chmod)."""
    from sqlalchemy import event

    from liuzhou_gui.domain.drafts import UnitDraft
    from liuzhou_gui.domain.errors import DatabaseReadOnly
    from liuzhou_gui.storage.units import save_unit

    event.listen(db.engine, "connect", lambda conn, _record: conn.execute("PRAGMA query_only = ON"))
    with pytest.raises(DatabaseReadOnly, match="只读") as caught, db.transaction() as session:
        save_unit(session, UnitDraft(district="柳南", name="某单位", kind="企业", categories=["职业健康"]))
    assert caught.value.exit_code == 1


def test_a_file_held_by_another_program_is_busy_not_damaged(tmp_path):
    """Another program holding an exclusive lock: the user is told to close it, never offered a backup."""
    import sqlite3 as sqlite

    from liuzhou_gui.domain.errors import DatabaseBusy
    from liuzhou_gui.storage.integrity import quick_check

    path = tmp_path / "held.sqlite3"
    holder = sqlite.connect(path)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("CREATE TABLE t (x)")
    holder.commit()
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO t VALUES (1)")
    try:
        with pytest.raises(DatabaseBusy, match="正被其他程序占用"):
            quick_check(path)
    finally:
        holder.rollback()
        holder.close()
    quick_check(path)  # free again: fine
