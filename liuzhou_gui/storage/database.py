"""Opening the database (an SQLite file, or a PostgreSQL server database): engine, connection
settings, schema migrations, sessions."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import URL, Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import NullPool

from ..domain.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseError,
    DatabaseIOError,
    DatabaseReadOnly,
    DatabaseUnavailable,
    DiskFull,
)
from . import card_crypto, migrations
from .server import DatabaseLocation, create_server_engine, is_server_url, parse_server_url, server_error

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

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


WRITE = "liuzhou_write"  # execution option of a transaction that will write


def _begin(connection: Connection) -> None:
    # A write takes the write lock at its start: it then reads what the last writer committed (a record's
    # version, a lecturer's bookings) and cannot fail half-way with SQLITE_BUSY_SNAPSHOT when another
    # clerk's save commits in between; it waits for that save instead (busy_timeout).
    connection.exec_driver_sql("BEGIN IMMEDIATE" if connection.get_execution_options().get(WRITE) else "BEGIN")


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


def ensure_plain_file(path: Path) -> None:
    """Refuse what exists and is not a regular file, before any open: a FIFO would block, a device
    would get a -journal beside it."""
    kind = _not_a_regular_file(path)
    if kind:
        raise DatabaseError(f"“{path}”是{kind}，不是数据库文件。请选择一个数据库文件（.sqlite3）。")


def ensure_sqlite_file(path: Path) -> None:
    """Refuse, without touching it, a file that is not an SQLite database."""
    ensure_plain_file(path)
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
    """A database the app will write to: an SQLite file (or none yet) that may be written."""
    ensure_writable_file(path)
    ensure_sqlite_file(path)


def ensure_writable_file(path: Path) -> None:
    """A regular file (or none yet) that may be written. A read-only file is refused before SQLite
    opens it: SQLite would open it read-only and leave -wal/-shm files behind that nobody removes."""
    ensure_plain_file(path)
    if path.exists() and not os.access(path, os.W_OK):
        raise DatabaseError(
            f"数据库文件“{path}”是只读的，软件不能使用它，也没有改动它。请去掉文件的只读属性，"
            "或把它复制到可以写入的文件夹后再打开。"
        )


class Database:
    """One database. Use `session()` for reads and `transaction()` for writes.

    `location` says where it lives (an SQLite file or a server database); `target` is what
    `Database.open` takes to open it again. `path` is the file for SQLite; for a server it is
    `location.anchor`, a folder in this PC's folder for that server database (never a file), so
    backups, seals and received attachments land there.
    """

    def __init__(self, path: Path, engine: Engine, location: DatabaseLocation | None = None) -> None:
        self.location = location or DatabaseLocation(file=path)
        self.path = path
        self.engine = engine
        self._made_sessions: sessionmaker[Session] | None = None

    @property
    def _sessions(self) -> sessionmaker[Session]:
        """The ORM is imported with the first session: `stats` reads on Core alone (connection())."""
        if self._made_sessions is None:
            from sqlalchemy.orm import sessionmaker

            self._made_sessions = sessionmaker(self.engine, expire_on_commit=False)
        return self._made_sessions

    @property
    def is_server(self) -> bool:
        return self.location.is_server

    @property
    def target(self) -> Path | str:
        """What `Database.open` takes to open this same database again (file or server address)."""
        return self.location.target

    @classmethod
    def open(cls, path: Path | str, *, migrate: bool = True) -> Database:
        """Open (creating if needed) and bring the schema up to date.

        `path` is a file, or a `postgresql://user@host:port/dbname` address (a string).
        An older database is backed up and upgraded; a newer one is refused untouched.
        """
        if is_server_url(path):
            assert isinstance(path, str)
            return cls._open_server(path, migrate=migrate)
        path = Path(path)
        ensure_writable_database(path)
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
            raise (environmental_error(exc, path) or DatabaseError(describe_operational_error(exc, path))) from exc
        except Exception:
            engine.dispose()
            raise
        return cls(path, engine)

    @classmethod
    def _open_server(cls, address: str, *, migrate: bool) -> Database:
        location = DatabaseLocation(url=parse_server_url(address))
        assert location.url is not None
        card_crypto.forget_loaded_keys()
        engine = create_server_engine(location.url)
        try:
            if migrate:
                migrations.upgrade_server_to_head(engine, location.name)
            else:
                with engine.connect():
                    pass  # reachable, with this user and password, before any page asks
        except DBAPIError as exc:
            engine.dispose()
            raise (location_error(exc, location) or DatabaseError(describe_failure(exc, location))) from exc
        except Exception:
            engine.dispose()
            raise
        return cls(location.anchor, engine, location)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """Reads. A failure of the surroundings (file locked, unreadable, damaged; server unreachable)
        arrives as DatabaseUnavailable with a Chinese message; any other database error is a bug and stays as it is."""
        with self._failures_translated(), self._sessions() as session:
            yield session

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """Reads on SQLAlchemy Core, without the ORM (storage.statistics runs on either): the command
        line's `stats` then starts without importing it. Failures arrive as session()'s do."""
        with self._failures_translated(), self.engine.connect() as connection:
            yield connection

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """All or nothing: commits when the block ends, rolls back on any exception.

        Read-only file, full disk, locked file, I/O error, damaged file, a server that went away:
        DatabaseUnavailable, raised after the rollback, so nothing is written and the caller can keep the user's input.
        """
        with self._failures_translated(), self._sessions() as session, session.begin():
            session.connection(execution_options={WRITE: True})
            yield session

    @contextmanager
    def _failures_translated(self) -> Iterator[None]:
        """A failure of the surroundings as our own error (after the blocks inside have rolled back);
        any other database error is a bug and stays as it is."""
        try:
            yield
        except DBAPIError as exc:
            translated = location_error(exc, self.location)
            if translated is None:
                raise
            raise translated from exc


def location_error(exc: DBAPIError, location: DatabaseLocation) -> DatabaseUnavailable | None:
    """Our own error for a failure of the file's or the server's surroundings, or None for a bug."""
    if location.url is not None:
        return server_error(exc, location.url)
    assert location.file is not None
    return environmental_error(exc, location.file)


def describe_failure(exc: DBAPIError, location: DatabaseLocation) -> str:
    """One Chinese sentence for a database failure, wherever the database lives."""
    if location.url is not None:
        translated = server_error(exc, location.url)
        return translated.message if translated else f"共享数据库 {location.name} 操作失败。"
    assert location.file is not None
    return describe_operational_error(exc, location.file)


# SQLite's primary result codes (https://sqlite.org/rescode.html) that come from the file's
# surroundings; everything else (SQLITE_ERROR: no such table, syntax…) is a programming error.
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT = 5, 6, 8, 10, 11
SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_PROTOCOL, SQLITE_NOTADB = 13, 14, 15, 26
ENVIRONMENTAL_ERRORS: dict[int, type[DatabaseUnavailable]] = {
    SQLITE_BUSY: DatabaseBusy, SQLITE_LOCKED: DatabaseBusy, SQLITE_PROTOCOL: DatabaseBusy,
    SQLITE_READONLY: DatabaseReadOnly, SQLITE_FULL: DiskFull,
    SQLITE_IOERR: DatabaseIOError, SQLITE_CANTOPEN: DatabaseIOError,
    SQLITE_CORRUPT: DatabaseDamaged, SQLITE_NOTADB: DatabaseDamaged,
}


def sqlite_result_code(exc: BaseException) -> int | None:
    """The primary SQLite result code of a driver error (Python 3.11 records the extended one)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def environmental_error(exc: DBAPIError, path: Path) -> DatabaseUnavailable | None:
    """Our own error for a failure that is not the program's fault, or None for a bug."""
    kind = _environmental_kind(exc)
    if kind is None:
        return None
    return kind(describe_operational_error(exc, path))


def _environmental_kind(exc: DBAPIError) -> type[DatabaseUnavailable] | None:
    code = sqlite_result_code(exc.orig) if exc.orig is not None else None
    return ENVIRONMENTAL_ERRORS.get(code) if code is not None else None


def describe_operational_error(exc: DBAPIError, path: Path) -> str:
    """One Chinese sentence for a database failure, by SQLite's result code (its text as a fallback)."""
    kind = _environmental_kind(exc)
    text = str(exc.orig) if exc.orig else str(exc)
    if kind is DatabaseBusy or (kind is None and ("locked" in text or "busy" in text)):
        return f"数据库“{path.name}”正被其他程序使用，请关闭其他打开它的窗口后重试。"
    if kind is DatabaseReadOnly or (kind is None and ("readonly" in text or "read-only" in text)):
        return f"数据库“{path}”是只读的，无法保存。请检查文件权限或把它复制到可写的文件夹。"
    if kind is DiskFull or (kind is None and "disk" in text and "full" in text):
        return "磁盘空间已满，无法保存。请清理磁盘后重试。"
    if kind is DatabaseDamaged or "not a database" in text or "malformed" in text:
        return f"数据库文件“{path}”已损坏，软件没有改动它。请从备份恢复。"
    if "unable to open" in text:
        return f"无法打开数据库文件“{path}”，请检查路径和权限。"
    if kind is DatabaseIOError:
        return f"无法读写数据库文件“{path}”（磁盘读写出错，或U盘已拔出），请检查后重试。"
    return f"数据库操作失败：{text}"
