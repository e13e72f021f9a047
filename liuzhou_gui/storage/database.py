"""Opening the database file: engine, connection settings, schema migrations, sessions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from ..domain.errors import DatabaseError
from . import card_crypto, migrations

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def _configure_connection(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN itself: pysqlite's own implicit transactions
    # would otherwise defer BEGIN and make PRAGMAs and DDL behave unexpectedly.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    # A power cut must never lose a committed write.
    cursor.execute("PRAGMA synchronous = FULL")
    # A year of work is tens of MB: a 64 MB page cache and memory-mapped reads keep the
    # statistics and the lists off the disk after the first look.
    cursor.execute("PRAGMA cache_size = -65536")
    cursor.execute("PRAGMA mmap_size = 268435456")
    cursor.close()


def _begin(connection) -> None:
    connection.exec_driver_sql("BEGIN")


def create_db_engine(path: Path) -> Engine:
    # NullPool: the file is not held open between units of work (backups, restore, other tools).
    # URL.create, not an f-string: a folder name with "?" or "%20" would be parsed as URL syntax
    # and the engine would open some other file.
    # hide_parameters: an error's text (and so the log) never shows the values, card numbers included.
    engine = create_engine(URL.create("sqlite+pysqlite", database=str(path)), poolclass=NullPool,
                           hide_parameters=True)
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "begin", _begin)
    return engine


def ensure_sqlite_file(path: Path) -> None:
    """Refuse, without touching it, a file that is not an SQLite database."""
    # A folder first: on some file systems an empty folder reports size 0.
    if path.is_dir():
        raise DatabaseError(f"“{path}”是一个文件夹，不是数据库文件。")
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError(f"无法读取数据库文件“{path}”：{exc.strerror or exc}") from exc
    if header != SQLITE_HEADER:
        raise DatabaseError(f"文件“{path}”不是本软件的数据库文件，软件没有改动它。请选择正确的数据库文件。")


class Database:
    """One database file. Use `session()` for reads and `transaction()` for writes."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, path: Path | str, *, migrate: bool = True) -> Database:
        """Open (creating if needed) and bring the schema up to date.

        An older database is backed up and upgraded; a newer one is refused untouched.
        """
        path = Path(path)
        ensure_sqlite_file(path)
        card_crypto.forget_loaded_keys()  # the key file may have been copied in or removed since
        backed_up = migrations.check_and_back_up(path) if migrate else False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"无法创建数据库所在的文件夹“{path.parent}”：{exc.strerror or exc}") from exc
        engine = create_db_engine(path)
        try:
            if migrate:
                migrations.upgrade_to_head(engine, path, backed_up=backed_up)
        except OperationalError as exc:
            engine.dispose()
            raise DatabaseError(describe_operational_error(exc, path)) from exc
        except Exception:
            engine.dispose()
            raise
        return cls(path, engine)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """All or nothing: commits when the block ends, rolls back on any exception."""
        with self._sessions() as session, session.begin():
            yield session


def describe_operational_error(exc: OperationalError, path: Path) -> str:
    text = str(exc.orig) if exc.orig else str(exc)
    if "locked" in text or "busy" in text:
        return f"数据库“{path.name}”正被其他程序使用，请关闭其他打开它的窗口后重试。"
    if "readonly" in text or "read-only" in text:
        return f"数据库“{path}”是只读的，无法保存。请检查文件权限或把它复制到可写的文件夹。"
    if "disk" in text and "full" in text:
        return "磁盘空间已满，无法保存。请清理磁盘后重试。"
    if "not a database" in text or "malformed" in text:
        return f"数据库文件“{path}”已损坏，软件没有改动它。请从备份恢复。"
    if "unable to open" in text:
        return f"无法打开数据库文件“{path}”，请检查路径和权限。"
    return f"数据库操作失败：{text}"
