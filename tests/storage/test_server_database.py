"""A database on a PostgreSQL server (issue 17): opened by address, migrated, its failures in Chinese."""

from __future__ import annotations

import socket
from pathlib import Path

import psycopg
import pytest
from pg_engines import admin_url
from sqlalchemy import text
from sqlalchemy.engine import make_url

from liuzhou_gui.cli.main import run
from liuzhou_gui.domain.drafts import UnitDraft
from liuzhou_gui.domain.errors import DatabaseError, DatabaseUnavailable
from liuzhou_gui.storage import migrations
from liuzhou_gui.storage.address import database_argument, hidden_text
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.models import Unit
from liuzhou_gui.storage.server import ServerUnreachable, parse_server_url
from liuzhou_gui.storage.units import save_unit

needs_server = pytest.mark.skipif(admin_url() is None, reason="no PostgreSQL server (LIUZHOU_TEST_PG_URL)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@needs_server
def test_a_new_server_database_is_migrated_to_head_and_saves(new_pg_database, data_dir: Path) -> None:
    address = new_pg_database()
    db = Database.open(address)
    try:
        assert db.is_server and db.location.display == address
        assert migrations.current_revision(db.engine) == migrations.head_revision()
        # Database.path is a folder of this server database's own on this PC, never a file.
        assert db.path.is_dir() and data_dir in db.path.parents and db.target == address
        with pytest.raises(DatabaseError, match="是一个文件夹"):
            Database.open(db.path)
        with db.transaction() as session:
            save_unit(session, UnitDraft(district="柳南", name="<b>&𠮷=1+1", kind="企业", categories=["职业健康"]))
        with db.session() as session:
            assert session.query(Unit).one().name == "<b>&𠮷=1+1"
    finally:
        db.close()
    Database.open(address).close()  # at head already: opened again without change


@needs_server
def test_another_programs_database_is_refused_untouched(new_pg_database) -> None:
    address = new_pg_database()
    with psycopg.connect(address, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id integer)")
    with pytest.raises(DatabaseError, match="其他软件的数据表"):
        Database.open(address)
    with psycopg.connect(address) as conn:
        tables = {row[0] for row in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert tables == {"invoices"}


@needs_server
def test_a_newer_schema_is_refused(pg_database: str) -> None:
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(DatabaseError, match="更新版本"):
        Database.open(pg_database)


@needs_server
def test_a_missing_database_is_named_plainly() -> None:
    address = make_url(admin_url()).set(database="no_such_db").render_as_string(hide_password=False)
    with pytest.raises(ServerUnreachable, match="服务器上没有数据库“no_such_db”"):
        Database.open(address)


def test_an_unreachable_server_is_a_chinese_sentence_without_the_password() -> None:
    port = _free_port()
    with pytest.raises(DatabaseUnavailable) as caught:
        Database.open(f"postgresql://clerk:s3cret-pw@127.0.0.1:{port}/liuzhou")
    assert f"无法连接共享数据库服务器 127.0.0.1:{port}" in caught.value.message
    assert "s3cret-pw" not in caught.value.message


@pytest.mark.parametrize("address", [
    "postgresql://", "postgresql://host/db", "postgresql://user@/db", "postgresql://user@host",
    "postgresql://user@host:notaport/db", "postgresql://" + "x" * 10_000,
])
def test_a_bad_address_is_refused_in_chinese(address: str) -> None:
    with pytest.raises(DatabaseError, match="共享数据库地址"):
        parse_server_url(address)


def test_addresses_keep_their_slashes_and_hide_their_password() -> None:
    assert database_argument("postgresql://a@h:5432/db") == "postgresql://a@h:5432/db"
    assert database_argument("数据/柳州.sqlite3") == Path("数据/柳州.sqlite3")
    assert hidden_text("postgresql://clerk:pw@h/db") == "postgresql://clerk:***@h/db"
    url = parse_server_url("postgresql://clerk:pw@h/db?host=/tmp&sslmode=require")
    assert url.password == "pw" and dict(url.query) == {"sslmode": "require"}  # only options of ours


@needs_server
def test_the_command_line_works_on_a_server_database(pg_database: str, capsys: pytest.CaptureFixture) -> None:
    assert run(["--db", pg_database, "stats"]) == 0
    assert "柳南" in capsys.readouterr().out


def test_the_command_line_says_when_the_server_is_unreachable(capsys: pytest.CaptureFixture) -> None:
    assert run(["--db", f"postgresql://clerk:pw9@127.0.0.1:{_free_port()}/liuzhou", "stats"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：无法连接共享数据库服务器") and "pw9" not in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


@needs_server
def test_ids_continue_after_the_initial_rows(pg_database: str) -> None:
    """Migration 0001 writes the unit kinds with their ids; the next one must not collide with them."""
    db = Database.open(pg_database)
    try:
        with db.transaction() as session:
            largest = session.execute(text("SELECT max(id) FROM unit_kind")).scalar_one()
            new_id = session.execute(text(
                "INSERT INTO unit_kind (name, sort_order) VALUES ('测试类型', 99) RETURNING id"))
            assert new_id.scalar_one() == largest + 1
    finally:
        db.close()
