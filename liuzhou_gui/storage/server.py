"""A shared database on a PostgreSQL server (issue 17): its address, engine and failures.

The SQLite file stays the default; `--db postgresql://user@host:port/dbname` names a server
database instead. Nothing here touches a file: a server has no lock, header, integrity memo or
WAL pragmas of ours. The password is never part of a message or the log (`hidden_url`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import URL, Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from ..domain.errors import (
    DatabaseBusy,
    DatabaseError,
    DatabaseReadOnly,
    DatabaseUnavailable,
    DiskFull,
)
from .address import hidden_text, is_server_url
from .paths import data_dir

__all__ = ["DatabaseLocation", "ServerUnreachable", "hidden_text", "is_server_url", "parse_server_url"]
DEFAULT_PORT = 5432
CONNECT_TIMEOUT_S = 5
MAX_URL_LENGTH = 1000


class ServerUnreachable(DatabaseUnavailable):
    """The server cannot be reached or refused us (address, password, database name, dropped connection)."""


def parse_server_url(text: str) -> URL:
    """The SQLAlchemy URL for `postgresql://user[:password]@host[:port]/dbname`, or DatabaseError."""
    text = text.strip()
    shown = text[:80] if "@" not in text else hidden_text(text)[:80]
    if len(text) > MAX_URL_LENGTH:
        raise DatabaseError(f"共享数据库地址太长（{len(text)} 个字符），请检查后重试。")
    try:
        url = make_url(text)
    except (ArgumentError, ValueError):
        raise DatabaseError(
            f"共享数据库地址“{shown}”格式不对，应为 postgresql://用户名@服务器:端口/数据库名。") from None
    if url.get_backend_name() != "postgresql":
        raise DatabaseError(f"不支持的数据库地址“{shown}”：只支持 postgresql://用户名@服务器:端口/数据库名。")
    if not url.host or not url.database or not url.username:
        raise DatabaseError(
            f"共享数据库地址“{shown}”不完整：需要用户名、服务器和数据库名，例如 postgresql://clerk@192.168.1.10:5432/liuzhou。"
        )
    # Only the connection itself: a `?host=/elsewhere` or `sslkey=` option from a pasted address is not ours.
    allowed = {key: value for key, value in url.query.items() if key in ("sslmode",)}
    return url.set(drivername="postgresql+psycopg", query=allowed)


def hidden_url(url: URL) -> str:
    """The address as it may be shown and logged: never the password."""
    return url.set(drivername="postgresql", password=None).render_as_string(hide_password=True)


def server_label(url: URL) -> str:
    return f"{url.host}:{url.port or DEFAULT_PORT}"


@dataclass(frozen=True)
class DatabaseLocation:
    """Where a database lives: an SQLite file, or a database on a server.

    `local_dir` is this PC's folder for what belongs to the database but is not in it (backups,
    seals, the city's received attachments): the file's folder, or one folder per server database
    under the user's data folder.
    """

    file: Path | None = None
    url: URL | None = None

    @property
    def is_server(self) -> bool:
        return self.url is not None

    @property
    def display(self) -> str:
        return hidden_url(self.url) if self.url is not None else str(self.file)

    @property
    def name(self) -> str:
        """Short name for messages: the file's name or 数据库名@服务器:端口."""
        if self.url is not None:
            return f"{self.url.database}@{server_label(self.url)}"
        assert self.file is not None
        return self.file.name

    @property
    def local_dir(self) -> Path:
        if self.url is None:
            assert self.file is not None
            return self.file.resolve().parent
        return server_local_dir(self.url)

    @property
    def anchor(self) -> Path:
        """What `Database.path` is: the file itself, or for a server a folder inside `local_dir`, so
        the helpers that place backups, seals and attachments beside the database find this server's
        own folder, the output guard has no file to protect, and a `Database.open(db.path)` meant for
        a file is refused ("是一个文件夹") instead of creating an empty SQLite database there."""
        if self.url is None:
            assert self.file is not None
            return self.file
        path = self.local_dir / f"{self.url.database}.server"
        path.mkdir(exist_ok=True)
        return path

    @property
    def target(self) -> Path | str:
        """What `Database.open` takes to open this database again: the file, or the full address.
        The address may carry a password: pass it on, never show it (`display` is for showing)."""
        if self.url is None:
            assert self.file is not None
            return self.file
        return self.url.set(drivername="postgresql").render_as_string(hide_password=False)


def server_local_dir(url: URL) -> Path:
    """One folder per server database on this PC; its name readable and safe on Windows."""
    safe = re.sub(r"[^0-9A-Za-z_.-]", "_", f"{url.host}_{url.port or DEFAULT_PORT}_{url.database}")[:60]
    digest = hashlib.sha256(f"{url.host}:{url.port}/{url.database}".encode()).hexdigest()[:8]
    path = data_dir() / "servers" / f"{safe}-{digest}"
    path.mkdir(parents=True, exist_ok=True)
    return path


def create_server_engine(url: URL) -> Engine:
    # pool_pre_ping: a connection the server dropped (restart, network) is replaced before use,
    # not handed to the next unit of work. hide_parameters: no value ever in an error's text.
    return create_engine(
        url, hide_parameters=True, pool_pre_ping=True, pool_size=2, max_overflow=4,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "liuzhou_gui"},
    )


# SQLSTATE classes and codes (https://www.postgresql.org/docs/current/errcodes-appendix.html).
_BUSY = {"40001", "40P01", "55P03", "57014"}  # serialisation failure, deadlock, lock not available, cancelled
_READ_ONLY = {"25006"}
_FULL = {"53100", "53200"}
_AUTH = {"28P01", "28000"}
_NO_DATABASE = {"3D000"}
_SHUTDOWN = {"57P01", "57P02", "57P03"}  # admin/crash shutdown, cannot connect now


def server_error(exc: DBAPIError, url: URL) -> DatabaseUnavailable | None:
    """Our own error for a server failure that is not the program's fault, or None for a bug."""
    import psycopg

    orig = exc.orig
    if not isinstance(orig, psycopg.Error):
        return None
    state = orig.sqlstate or ""
    where = server_label(url)
    if state in _BUSY:
        return DatabaseBusy("其他用户正在同时修改相同的数据，本次操作没有保存，请稍后重试。")
    if state in _READ_ONLY:
        return DatabaseReadOnly(f"共享数据库服务器 {where} 目前只允许读取，本次操作没有保存。请联系服务器管理员。")
    if state in _FULL:
        return DiskFull(f"共享数据库服务器 {where} 的磁盘空间或内存不足，本次操作没有保存。请联系服务器管理员。")
    text_lower = str(orig).lower()
    if state in _AUTH or "password" in text_lower or "authentication" in text_lower:
        return ServerUnreachable(
            f"无法连接共享数据库服务器 {where}：用户“{url.username}”的密码不对或没有访问权限。请检查用户名和密码。"
        )
    if state in _NO_DATABASE or ("database" in text_lower and "does not exist" in text_lower):
        return ServerUnreachable(
            f"无法连接共享数据库服务器 {where}：服务器上没有数据库“{url.database}”。请检查数据库名。")
    if state in _SHUTDOWN or isinstance(orig, psycopg.OperationalError | psycopg.InterfaceError):
        return ServerUnreachable(
            f"无法连接共享数据库服务器 {where}：{_reason(text_lower)}本次操作没有保存，请检查服务器和网络后重试。")
    return None


def _reason(text: str) -> str:
    if "refused" in text:
        return "服务器拒绝连接（服务没有启动，或端口不对）。"
    if "timeout" in text or "timed out" in text:
        return "连接超时（服务器地址不对，或网络不通）。"
    if "could not translate host name" in text or "name or service not known" in text or "nodename" in text:
        return "找不到这个服务器名。"
    if "closed" in text or "terminat" in text or "lost" in text or "shut" in text or "eof" in text:
        return "与服务器的连接已断开。"
    if "no pg_hba.conf entry" in text:
        return "服务器不允许这台电脑连接（请管理员在 pg_hba.conf 中加入本机所在网段）。"
    return "连接失败。"


def sync_sequences(conn: Connection) -> None:
    """Every id sequence past its table's largest id. Rows written with their ids (the initial data of
    migration 0001, a copy from a file) leave a sequence behind, and the next insert would collide."""
    rows = conn.execute(text("""
        SELECT c.relname, a.attname, pg_get_serial_sequence(quote_ident(c.relname), a.attname)
        FROM pg_class AS c JOIN pg_attribute AS a ON a.attrelid = c.oid
        WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace AND a.attnum > 0
          AND NOT a.attisdropped AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL
    """)).all()
    for table, column, sequence in rows:
        quoted_table, quoted_column = (conn.dialect.identifier_preparer.quote(name) for name in (table, column))
        largest = f"(SELECT max({quoted_column}) FROM {quoted_table})"
        conn.execute(text(f"SELECT setval(:sequence, coalesce({largest}, 0) + 1, false)"), {"sequence": sequence})
