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


def test_second_command_line_run_reports_the_lock(db_path: Path, capsys: pytest.CaptureFixture) -> None:
    with InstanceLock(db_path):
        # flock locks are per open file description: a second acquire in this process also fails.
        assert _stats(db_path) == 1
    assert "已在另一个窗口中打开" in capsys.readouterr().err


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
