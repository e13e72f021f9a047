"""Migrations: an old database is backed up and upgraded; newer, foreign and damaged files are refused untouched."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from liuzhou_gui.domain.errors import DatabaseError
from liuzhou_gui.storage import migrations
from liuzhou_gui.storage.database import Database, create_db_engine
from liuzhou_gui.storage.models import Base, District, Expert

FIXTURE_0001 = Path(__file__).parents[1] / "fixtures" / "schema_0001.sqlite3"


def make_0001_database(path: Path) -> None:
    """A database exactly as the first release created it: migration 0001 only."""
    engine = create_db_engine(path)
    try:
        migrations.upgrade(engine, "0001")
    finally:
        engine.dispose()
    # A standalone file, as the old app left it after closing (no -wal beside it).
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()


def fingerprint(path: Path) -> tuple[str, list[str]]:
    """The file's bytes and the names of everything beside it."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
    return digest, sorted(os.listdir(path.parent))


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def table_names(path: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def test_single_alembic_head():
    script = ScriptDirectory.from_config(migrations.alembic_config())
    # The list the app reads at start instead of Alembic's scripts is Alembic's own, in order.
    assert [rev.revision for rev in reversed(list(script.walk_revisions()))] == list(migrations.REVISIONS)
    assert len(script.get_heads()) == 1
    assert script.get_current_head() == migrations.head_revision()


def test_models_match_migrations(db):
    with db.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert differences == []


def test_first_migration_database_is_upgraded_with_a_backup_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.sqlite3"
    make_0001_database(path)
    assert "audit_log" not in table_names(path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE district SET reporter = '韦小宝', reporter_phone = '0772-2868517' WHERE short_name = '柳北'")
    conn.execute("UPDATE expert SET note = '旧版本的备注' WHERE name = '杨静'")
    conn.commit()
    conn.close()
    original = path.read_bytes()

    db = Database.open(path)
    try:
        assert migrations.current_revision(db.engine) == migrations.head_revision()
        assert "audit_log" in table_names(path)
        with db.session() as session:
            liubei = session.query(District).filter_by(short_name="柳北").one()
            assert (liubei.reporter, liubei.reporter_phone) == ("韦小宝", "0772-2868517")
            yang = session.query(Expert).filter_by(name="杨静").one()
            assert yang.note == "旧版本的备注"
            assert session.query(Expert).count() == 17
    finally:
        db.close()

    backups = list((tmp_path / "backups").glob("old-before-upgrade-0001-*.sqlite3"))
    assert len(backups) == 1
    # The backup is the old database, readable and still at revision 0001.
    conn = sqlite3.connect(backups[0])
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
        assert conn.execute("SELECT reporter FROM district WHERE short_name = '柳北'").fetchone()[0] == "韦小宝"
    finally:
        conn.close()
    # Copied before the app's first connection switched the file to WAL mode: the old file as it was.
    # The backup holds exactly what the old file held (same schema and rows).
    pristine = tmp_path / "pristine.sqlite3"
    pristine.write_bytes(original)
    assert dump(backups[0]) == dump(pristine)


def test_committed_0001_fixture_opens_and_upgrades(tmp_path):
    """A real file made by migration 0001 (tests/fixtures/schema_0001.sqlite3); opened as a copy."""
    assert FIXTURE_0001.is_file(), "fixture missing: run `python tests/fixtures/make_schema_0001.py`"
    fixture_bytes = FIXTURE_0001.read_bytes()
    copy = tmp_path / "schema_0001.sqlite3"
    shutil.copyfile(FIXTURE_0001, copy)
    conn = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    conn.close()

    db = Database.open(copy)
    try:
        assert migrations.current_revision(db.engine) == migrations.head_revision()
        with db.session() as session:
            assert session.query(District).count() == 10
            assert session.query(Expert).count() == 17
    finally:
        db.close()
    assert len(list((tmp_path / "backups").glob("schema_0001-before-upgrade-0001-*.sqlite3"))) == 1
    assert FIXTURE_0001.read_bytes() == fixture_bytes


def test_reopening_a_current_database_makes_no_backup(db_path):
    Database.open(db_path).close()
    Database.open(db_path).close()
    assert list((db_path.parent / "backups").glob("*.sqlite3")) == []


def test_newer_revision_is_refused_and_left_byte_identical(tmp_path):
    path = tmp_path / "newer.sqlite3"
    make_0001_database(path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = fingerprint(path)
    with pytest.raises(DatabaseError, match="更新版本"):
        Database.open(path)
    assert fingerprint(path) == before


def test_foreign_sqlite_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.execute("INSERT INTO invoices (total) VALUES (12.5)")
    conn.commit()
    conn.close()
    before = fingerprint(path)
    with pytest.raises(DatabaseError, match="其他软件的数据库"):
        Database.open(path)
    assert fingerprint(path) == before


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(os.urandom(4096), id="random-bytes"),
        pytest.param("这不是数据库，是一份文本。\n".encode() * 50, id="text"),
        pytest.param(b"PK\x03\x04" + b"\x00" * 200, id="zip-like"),
    ],
)
def test_non_sqlite_file_is_refused_untouched(tmp_path, content):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(content)
    before = fingerprint(path)
    with pytest.raises(DatabaseError, match="不是本软件的数据库文件"):
        Database.open(path)
    assert fingerprint(path) == before


@pytest.mark.parametrize("keep", [50, 100, 1024, 8192, "third", "half-minus-one"])
def test_truncated_database_is_refused_untouched(tmp_path, keep):
    good = tmp_path / "good.sqlite3"
    make_0001_database(good)
    data = good.read_bytes()
    size = {"third": len(data) // 3, "half-minus-one": len(data) // 2 - 1}.get(keep, keep)
    path = tmp_path / "truncated.sqlite3"
    path.write_bytes(data[:size])
    before = fingerprint(path)
    with pytest.raises(DatabaseError, match="损坏"):
        Database.open(path)
    assert fingerprint(path) == before


def test_directory_path_is_refused(tmp_path):
    folder = tmp_path / "folder.sqlite3"
    folder.mkdir()
    with pytest.raises(DatabaseError, match="文件夹"):
        Database.open(folder)
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_empty_file_is_initialised_as_a_new_database(tmp_path):
    """An empty file holds no data to lose: it is treated like a missing file and set up."""
    path = tmp_path / "empty.sqlite3"
    path.write_bytes(b"")
    db = Database.open(path)
    try:
        assert migrations.current_revision(db.engine) == migrations.head_revision()
        with db.session() as session:
            assert session.query(District).count() == 10
    finally:
        db.close()


def test_missing_file_is_created_with_its_folder(tmp_path):
    path = tmp_path / "new" / "deeper" / "campaign.sqlite3"
    Database.open(path).close()
    assert path.is_file()
    assert migrations.head_revision() in {
        row[0] for row in sqlite3.connect(path).execute("SELECT version_num FROM alembic_version")
    }


def test_newer_revision_in_wal_mode_is_refused_untouched(tmp_path):
    """A file the newer app left in WAL mode: the refusal must not leave -wal/-shm files or rewrite it."""
    path = tmp_path / "newer-wal.sqlite3"
    make_0001_database(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("UPDATE alembic_version SET version_num = 'ffff1234'")
    conn.commit()
    conn.close()
    before = fingerprint(path)
    assert "newer-wal.sqlite3-wal" not in before[1]
    with pytest.raises(DatabaseError, match="ffff1234"):
        Database.open(path)
    assert fingerprint(path) == before


def test_upgraded_database_has_consistent_foreign_keys(tmp_path):
    path = tmp_path / "old.sqlite3"
    make_0001_database(path)
    Database.open(path).close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_unusual_folder_names_are_handled(tmp_path):
    folder = tmp_path / "卫健局 数据 #1 ?50%"
    folder.mkdir()
    old = folder / "旧库.sqlite3"
    make_0001_database(old)
    Database.open(old).close()
    newer = folder / "新库.sqlite3"
    make_0001_database(newer)
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = fingerprint(newer)
    with pytest.raises(DatabaseError, match="更新版本"):
        Database.open(newer)
    assert fingerprint(newer) == before


def test_command_line_refusal_leaves_no_files_beside_a_newer_wal_database(tmp_path):
    from liuzhou_gui.cli.main import run

    path = tmp_path / "newer.sqlite3"
    make_0001_database(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    digest, _ = fingerprint(path)
    assert run(["--db", str(path), "stats"]) == 1
    after_digest, names = fingerprint(path)
    assert after_digest == digest
    assert not {"newer.sqlite3-wal", "newer.sqlite3-shm"} & set(names)


def test_upgrade_without_a_possible_backup_stops_and_changes_nothing(tmp_path):
    path = tmp_path / "old.sqlite3"
    make_0001_database(path)
    (tmp_path / "backups").write_text("a file where the backups folder should be")
    digest, _ = fingerprint(path)
    with pytest.raises(DatabaseError, match=r"无法在.*备份数据库"):
        Database.open(path)
    assert fingerprint(path)[0] == digest
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    conn.close()
