"""Alembic migrations shipped inside the package and run when a database is opened.

Alembic itself is imported only when a database needs upgrading: reading its scripts costs about
half a second at every start. The revisions are listed here instead, and a test checks the list
against Alembic's own view of the scripts.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from ...domain.errors import DatabaseError
from ..backup import backup_before
from ..paths import sqlite_readonly_uri
from ..server import sync_sequences

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent
# Every revision in versions/, oldest first; the last is the head. Add each new migration here.
REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010", "0014", "0016",
             "0011", "0012", "0013", "0015", "0017")


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    return REVISIONS[-1]


def is_known_revision(revision: str) -> bool:
    """False for a revision written by a newer version of the app."""
    return revision in REVISIONS


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, revision: str = "head", *, compact: bool = False) -> None:
    """Run the migrations; `compact` (an existing database) also rewrites the file afterwards.

    A migration that rewrites rows (0014 encrypts the bank card numbers) leaves the old bytes in
    freed pages and in the -wal: VACUUM rebuilds the file from live rows only, and a TRUNCATE
    checkpoint empties the -wal, so neither keeps what the migration replaced.
    """
    from alembic import command

    cfg = alembic_config()
    if engine.dialect.name != "sqlite":
        _upgrade_server(engine, cfg, revision)
        return
    with engine.connect() as conn:
        # Batch migrations copy tables; foreign keys must be off, and the pragma only takes
        # effect outside a transaction, so it is set on the raw connection first.
        raw = conn.connection.dbapi_connection
        assert raw is not None  # None only once the connection is closed
        raw.execute("PRAGMA foreign_keys = OFF")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        conn.commit()
        raw.execute("PRAGMA foreign_keys = ON")
        if compact:
            raw.execute("VACUUM")
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def check_and_back_up(db_path: Path) -> bool:
    """Look at an existing file read-only, before any connection that could write to it.

    The app's connections switch the file to WAL mode, which rewrites its header: a database
    from a newer version, another program's database or a damaged file must be refused first,
    and an older one copied to the backups folder while it is still exactly as it was.
    Returns True when a backup was made.
    """
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return False
    # Without a -wal file beside it, nothing is pending: read the file as immutable, which
    # creates no -wal/-shm files (a read-only WAL connection would leave them behind).
    has_wal = db_path.with_name(db_path.name + "-wal").exists()
    try:
        conn = sqlite3.connect(sqlite_readonly_uri(db_path, immutable=not has_wal), uri=True)
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        text = str(exc)
        if "not a database" in text or "malformed" in text or "corrupt" in text:
            raise DatabaseError(
                f"数据库文件“{db_path.name}”已损坏（{text}），软件没有改动它。请从备份恢复。"
            ) from exc
        return False  # locked, unreadable journal…: the normal open reports it
    _refuse(db_path, revision, tables)
    if revision is not None and revision != head_revision():
        backup_before(db_path, f"before-upgrade-{revision}")
        return True
    return False


def _refuse(db_path: Path, revision: str | None, tables: set[str] | list[str]) -> None:
    if revision is None and tables:
        raise DatabaseError(f"文件“{db_path.name}”是其他软件的数据库，不是本软件的数据库，软件没有改动它。")
    _refuse_newer(db_path.name, revision)


def _refuse_named(name: str, revision: str | None, tables: set[str] | list[str]) -> None:
    if revision is None and tables:
        raise DatabaseError(f"共享数据库“{name}”里已有其他软件的数据表，不是本软件的数据库，软件没有改动它。")
    _refuse_newer(name, revision)


def _refuse_newer(name: str, revision: str | None) -> None:
    if revision is not None and not is_known_revision(revision):
        raise DatabaseError(
            f"数据库“{name}”由更新版本的本软件创建（结构版本 {revision}），"
            "当前版本无法打开。请安装最新版本后再打开，软件没有改动它。"
        )


def upgrade_to_head(engine: Engine, db_path: Path, *, backed_up: bool = False) -> None:
    """Bring a database to the current schema; refuse one this app cannot understand."""
    current = current_revision(engine)
    if current == head_revision():
        return
    with engine.connect() as conn:
        tables = inspect(conn).get_table_names()
    _refuse(db_path, current, tables)
    if current is not None and not backed_up:
        backup_before(db_path, f"before-upgrade-{current}")
    upgrade(engine, compact=current is not None)


# Any fixed number: the key of the advisory lock that lets one PC at a time migrate a server database.
SERVER_MIGRATION_LOCK = 0x4C5A4755  # "LZGU"


def _upgrade_server(engine: Engine, cfg: Config, revision: str) -> None:
    """PostgreSQL: DDL is transactional, so the whole upgrade is one transaction (all or nothing),
    under an advisory lock so that two PCs opening a new server database do not both migrate it."""
    from alembic import command

    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SERVER_MIGRATION_LOCK})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        sync_sequences(conn)  # 0001's initial rows carry their ids
        conn.commit()


def upgrade_server_to_head(engine: Engine, name: str) -> None:
    """A server database to the current schema; one of another program or a newer version refused.

    No file backup before an upgrade here: a server database is backed up by the server's own
    tools, or copied to a file with `db copy` (the upgrade itself is one transaction)."""
    current = current_revision(engine)
    if current == head_revision():
        return
    with engine.connect() as conn:
        tables = inspect(conn).get_table_names()
    _refuse_named(name, current, tables)
    upgrade(engine)
