"""Opening the database file: engine, connection settings, schema migrations, sessions."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from ..domain.errors import DatabaseError
from . import migrations

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
    engine = create_engine(URL.create("sqlite+pysqlite", database=str(path)), poolclass=NullPool)
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "begin", _begin)
    return engine


def _not_a_regular_file(path: Path) -> str | None:
    """What `path` is when it exists and is not a plain file (opening a pipe would hang)."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "一个文件夹"
    if stat.S_ISFIFO(mode):
        return "一个管道（FIFO）"
    if stat.S_ISSOCK(mode):
        return "一个套接字"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "一个设备"
    return "一个特殊文件"


def ensure_sqlite_file(path: Path) -> None:
    """Refuse, without touching it, a file that is not an SQLite database."""
    # Before any open: a FIFO would block, a device would get a -journal beside it.
    kind = _not_a_regular_file(path)
    if kind:
        raise DatabaseError(f"“{path}”是{kind}，不是数据库文件。请选择一个数据库文件（.sqlite3）。")
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError(f"无法读取数据库文件“{path}”：{exc.strerror or exc}") from exc
    if header != SQLITE_HEADER:
        raise DatabaseError(f"文件“{path}”不是本软件的数据库文件，软件没有改动它。请选择正确的数据库文件。")


def ensure_writable_database(path: Path) -> None:
    """A database the app will write to: an SQLite file (or none yet) that may be written.

    A read-only file is refused before SQLite opens it: SQLite would open it read-only and leave
    -wal/-shm files behind that nobody removes.
    """
    ensure_sqlite_file(path)
    if path.exists() and not os.access(path, os.W_OK):
        raise DatabaseError(
            f"数据库文件“{path}”是只读的，软件不能使用它，也没有改动它。请去掉文件的只读属性，"
            "或把它复制到可以写入的文件夹后再打开。"
        )


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
        ensure_writable_database(path)
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
