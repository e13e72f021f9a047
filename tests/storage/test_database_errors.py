"""SQLite's environmental failures arrive as our own errors with a Chinese message; bugs stay bugs."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError

from liuzhou_gui.domain.drafts import UnitDraft
from liuzhou_gui.domain.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseReadOnly,
    DatabaseUnavailable,
    DiskFull,
)
from liuzhou_gui.storage import database
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.models import Unit
from liuzhou_gui.storage.units import save_unit


def _unit(name: str = "某单位") -> UnitDraft:
    return UnitDraft(district="柳南", name=name, kind="企业", categories=["职业健康"])


def _count_units(db: Database) -> int:
    with db.session() as session:
        return session.query(Unit).count()


@pytest.mark.sqlite_only
def test_read_only(db: Database) -> None:
    event.listen(db.engine, "connect", lambda conn, _r: conn.execute("PRAGMA query_only = ON"))
    with pytest.raises(DatabaseReadOnly, match="只读的，无法保存"), db.transaction() as session:
        save_unit(session, _unit())


@pytest.mark.sqlite_only
def test_disk_full_rolls_back_everything(db: Database) -> None:
    with db.session() as session:
        pages = session.execute(text("PRAGMA page_count")).scalar_one()
    event.listen(db.engine, "connect", lambda conn, _r: conn.execute(f"PRAGMA max_page_count = {pages}"))
    with pytest.raises(DiskFull, match="磁盘空间已满"), db.transaction() as session:
        for number in range(2000):
            save_unit(session, _unit(f"单位{number}" + "长" * 90))
    assert _count_units(db) == 0


@pytest.mark.sqlite_only
def test_locked_by_another_program(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(db.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseBusy, match="正被其他程序使用"), db.transaction() as session:
            save_unit(session, _unit())
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with db.transaction() as session:  # free again: the same save works
        save_unit(session, _unit())
    assert _count_units(db) == 1


def test_damaged_file_when_reading(tmp_path) -> None:
    path = tmp_path / "damaged.sqlite3"
    Database.open(path).close()
    db = Database(path, database.create_db_engine(path))
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page: "malformed"
    path.write_bytes(bytes(data))
    try:
        with pytest.raises(DatabaseDamaged, match="已损坏"), db.session() as session:
            session.execute(text("SELECT count(*) FROM unit")).all()
    finally:
        db.close()


def test_a_programming_error_stays_a_bug(db: Database) -> None:
    with pytest.raises(DBAPIError) as caught, db.session() as session:
        session.execute(text("SELECT * FROM no_such_table"))
    assert not isinstance(caught.value, DatabaseUnavailable)


def test_every_environmental_error_is_an_app_error() -> None:
    from liuzhou_gui.domain.errors import AppError

    assert all(issubclass(kind, AppError) for kind in database.ENVIRONMENTAL_ERRORS.values())
