"""`db copy` to and from a PostgreSQL server (the test cluster of tests/pg_engines.py): a file moved to
a server and back is the same data, the statistics the server's triggers rebuild match, ids go on,
a used server database is refused, a failed copy leaves the server database with no tables."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.pool import NullPool
from stored_rows import one_message
from stored_rows import stored as _stored
from stored_rows import without_zero_rows as _without_zero_rows

from liuzhou_gui.cli.main import run
from liuzhou_gui.domain.drafts import UnitDraft
from liuzhou_gui.domain.errors import AppError
from liuzhou_gui.services import db_transfer
from liuzhou_gui.services.backup import make_backup, restore_backup
from liuzhou_gui.services.db_transfer import copy_database
from liuzhou_gui.storage import units
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.models import LecturePhoto
from liuzhou_gui.storage.statistics import campaign_progress


def _tables(url: str) -> list[str]:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1), poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return inspect(conn).get_table_names()
    finally:
        engine.dispose()


@pytest.fixture
def office(demo_master: Path, tmp_path: Path) -> Path:
    path = tmp_path / "office.sqlite3"
    shutil.copy2(demo_master, path)
    db = Database.open(path)
    try:
        with db.transaction() as session:
            lecture_id = session.execute(text("SELECT min(id) FROM lecture")).scalar_one()
            session.add(LecturePhoto(lecture_id=lecture_id, data=bytes(range(256)) * 40, width=10, height=10,
                                     caption="<b>&𠮷", sha256="0" * 64))
    finally:
        db.close()
    return path


def test_to_the_server_and_back_is_the_same_data(office: Path, tmp_path: Path, new_pg_database) -> None:
    url = new_pg_database()
    source = Database.open(office)
    try:
        result = copy_database(source, url)
        assert result.rows["lecture"] > 100 and "@" in result.target
    finally:
        source.close()
    server = Database.open(url)
    try:
        mine = Database.open(office)
        try:
            with mine.session() as ours, server.session() as theirs:
                assert campaign_progress(ours, 2025) == campaign_progress(theirs, 2025)
        finally:
            mine.close()
        with server.transaction() as session:  # the sequences were moved past the copied ids
            unit = units.save_unit(session, UnitDraft(district="柳南", name="服务器上新增", kind="企业",
                                                      categories=["职业健康"]))
            assert unit.id > max(r[0] for r in _stored(office)["unit"])
        back = tmp_path / "back.sqlite3"
        copy_database(server, back)
    finally:
        server.close()
    theirs, ours = _without_zero_rows(_stored(office)), _without_zero_rows(_stored(back))
    assert len(ours["unit"]) == len(theirs["unit"]) + 1  # the one added on the server
    for name in ("lecture", "expert", "lecture_photo", "lecture_unit", "lecture_category", "lecture_expert",
                 "campaign", "district", "unit_coverage", "lecture_tally"):
        assert ours[name] == theirs[name], name


def test_a_used_server_database_is_refused_untouched(office: Path, pg_database: str, capsys) -> None:
    before = _tables(pg_database)
    assert run(["--db", str(office), "db", "copy", "--to", pg_database]) == 1
    err = capsys.readouterr().err
    assert "不是空的" in err and one_message(err)
    assert _tables(pg_database) == before


def test_data_the_server_refuses_leaves_it_with_no_tables(office: Path, new_pg_database, capsys) -> None:
    conn = sqlite3.connect(office)
    conn.execute("UPDATE district SET reporter = ? WHERE id = 1", ("长" * 31,))  # SQLite keeps it, VARCHAR(30) not
    conn.commit()
    conn.close()
    url = new_pg_database()
    assert run(["--db", str(office), "db", "copy", "--to", url]) == 1
    err = capsys.readouterr().err
    assert "district" in err and "没有写入" in err and one_message(err)
    assert _tables(url) == []


def test_ctrl_c_leaves_the_server_database_empty(office: Path, new_pg_database,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(db_transfer, "verify_copy", interrupted)
    url = new_pg_database()
    assert run(["--db", str(office), "db", "copy", "--to", url]) == 130
    assert _tables(url) == []


def test_a_server_is_backed_up_into_a_file_and_restored_with_db_copy(office: Path, new_pg_database,
                                                                    tmp_path: Path) -> None:
    url = new_pg_database()
    source = Database.open(office)
    try:
        copy_database(source, url)
    finally:
        source.close()
    server = Database.open(url)
    try:
        backup = make_backup(server, "manual")
        assert backup.is_file() and backup.suffix == ".sqlite3"
        with pytest.raises(AppError, match="db copy"):
            restore_backup(server, backup)
    finally:
        server.close()
    assert _without_zero_rows(_stored(backup))["lecture"] == _without_zero_rows(_stored(office))["lecture"]
    again = new_pg_database()
    assert run(["--db", str(backup), "db", "copy", "--to", again]) == 0
    assert "lecture" in _tables(again)


def test_the_command_line_moves_a_server_back_to_a_file(office: Path, new_pg_database, tmp_path: Path,
                                                         capsys) -> None:
    url = new_pg_database()
    assert run(["--db", str(office), "db", "copy", "--to", url]) == 0
    assert "已复制到" in capsys.readouterr().out
    back = tmp_path / "back-again.sqlite3"
    assert run(["--db", url, "db", "copy", "--to", str(back)]) == 0
    out = capsys.readouterr().out
    assert "核对一致" in out and "@" not in out.split("已复制到")[1].split("”")[0]  # a file's name, not the server
    assert _without_zero_rows(_stored(back))["lecture"] == _without_zero_rows(_stored(office))["lecture"]
    assert run(["--db", url, "db", "copy", "--to", str(back)]) == 1  # the file exists now: refused
    assert "已有的数据库文件" in capsys.readouterr().err
