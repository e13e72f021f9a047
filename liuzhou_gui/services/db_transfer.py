"""`db copy`: moving an office's database from its file to a server and back, all or nothing.

The target is a new file or an empty server database. It is brought to the source's schema by the
app's own migrations, emptied of the reference rows they seed, filled in one transaction
(storage.db_copy) and compared with the source before that transaction commits: any difference, any
error and Ctrl-C leave no target behind (a file is written as NAME.partial and renamed only when
proved equal; a server database gets back to having no tables).
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import URL, Connection, Engine, create_engine, inspect, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from ..domain.errors import AppError, DatabaseError
from ..storage import migrations
from ..storage.address import hidden_text, is_server_url
from ..storage.database import Database, ensure_plain_file
from ..storage.db_copy import (
    Mismatch,
    ProgressCallback,
    copy_rows,
    empty_tables,
    pause_triggers,
    reset_sequences,
    resume_triggers,
    unknown_tables,
    verify_copy,
)
from ..storage.server import CONNECT_TIMEOUT_S, hidden_url, parse_server_url, server_error

log = logging.getLogger(__name__)

SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


class CopyRefused(AppError):
    """The copy was not made (or not kept): the sentence says why; the target holds nothing."""


@dataclass(frozen=True)
class CopyResult:
    target: str  # the file's path, or the server database's URL without its password
    rows: dict[str, int]  # copied rows per table

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    @property
    def path(self) -> Path:
        return Path(self.target)


def copy_to_new_database(source: Database, target: Path, *, progress: ProgressCallback | None = None,
                         ) -> CopyResult:
    """A new SQLite file holding everything in `source` (a server's backup): `copy_database` to a file."""
    return copy_database(source, target, progress=progress)


def is_server_target(target: str | Path | None) -> bool:
    return is_server_url(target)


def shown_target(target: str | Path) -> str:
    """The target as it may be printed: a server address without its password."""
    return hidden_text(str(target)) if is_server_target(target) else str(target)


def copy_database(source: Database, target: str | Path, *, progress: ProgressCallback | None = None) -> CopyResult:
    """Copy everything in `source` into the new or empty `target` (a file path or a server URL)."""
    _check_source(source)
    if is_server_target(target):
        return _copy_to_server(source, str(target), progress)
    return _copy_to_file(source, Path(target), progress)


def _check_source(source: Database) -> None:
    current = migrations.current_revision(source.engine)
    if current is None:
        raise CopyRefused("源文件不是本软件的数据库（没有结构版本），没有复制。")
    if not migrations.is_known_revision(current):
        raise CopyRefused(f"源数据库由更新版本的本软件创建（结构版本 {current}），请先安装最新版本。什么也没有写入。")
    if current != migrations.head_revision():
        raise CopyRefused(
            f"源数据库的结构版本（{current}）不是本版本软件的版本（{migrations.head_revision()}）。"
            "请先用本软件打开它一次（打开时会自动备份并升级），然后再复制。"
        )
    with source.engine.connect() as conn:
        unknown = unknown_tables(conn)
    if unknown:
        raise CopyRefused(
            f"源数据库中有本软件不认识的表（{'、'.join(unknown[:5])}），复制会丢掉它们，所以没有复制。"
        )


def _copy_to_file(source: Database, target: Path, progress: ProgressCallback | None) -> CopyResult:
    ensure_plain_file(target)
    if _same_place(source, target):
        raise CopyRefused("不能把数据库复制到它自己。请另选一个新文件。")
    if target.exists() and target.stat().st_size > 0:
        raise CopyRefused(
            f"目标文件“{target}”已存在，不是空的。复制只写入新文件，以免覆盖已有数据。请另选一个新文件名。"
        )
    if not target.parent.is_dir():
        raise CopyRefused(f"目标文件夹“{target.parent}”不存在。请先建立该文件夹，或另选位置。")
    partial = target.with_name(target.name + ".partial")
    _remove_sqlite_file(partial)
    try:
        copy = Database.open(partial)
        try:
            rows = _fill(source, copy.engine, progress)
        finally:
            copy.close()
        if any(partial.with_name(partial.name + suffix).exists() for suffix in ("-wal", "-journal")):
            raise DatabaseError(f"新文件“{partial.name}”没有完整关闭，复制已取消。")
        os.replace(partial, target)
    except OSError as exc:
        _remove_sqlite_file(partial)
        raise CopyRefused(
            f"无法写入“{target}”：{exc.strerror or exc}。写了一半的文件已删除，源数据库没有改动。"
        ) from exc
    except BaseException:
        _remove_sqlite_file(partial)
        raise
    with contextlib.suppress(OSError):
        target.with_name(target.name + "-shm").unlink(missing_ok=True)
    return CopyResult(str(target), rows)


def _same_place(source: Database, target: Path) -> bool:
    path = getattr(source, "path", None)
    if not isinstance(path, Path) or source.engine.dialect.name != "sqlite":
        return False
    from .output_guard import same_file

    return same_file(path, target)


def _remove_sqlite_file(path: Path) -> None:
    for name in (path, *(path.with_name(path.name + suffix) for suffix in SQLITE_COMPANIONS)):
        with contextlib.suppress(OSError):
            name.unlink(missing_ok=True)


def _copy_to_server(source: Database, url: str, progress: ProgressCallback | None) -> CopyResult:
    address = parse_server_url(url)  # DatabaseError in Chinese for an address that is not one
    shown = hidden_url(address)
    probe = _plain_engine(address)
    try:
        with probe.connect() as conn:
            existing = inspect(conn).get_table_names()
    except DBAPIError as exc:
        known = server_error(exc, address)
        reason = known.message if known else f"无法连接服务器数据库“{shown}”：{_first_line(exc)}。"
        raise CopyRefused(f"{reason}复制没有开始，什么也没有写入。") from exc
    finally:
        probe.dispose()
    if existing:
        raise CopyRefused(
            f"服务器数据库“{shown}”不是空的（已有 {len(existing)} 张表）。复制只写入空数据库，以免覆盖已有数据。"
            "请在服务器上新建一个空数据库（例如 createdb liuzhou_new）后再复制。"
        )
    try:
        copy = Database.open(url)  # a URL: the server engine (issue 17)
        try:
            rows = _fill(source, copy.engine, progress)
        finally:
            copy.close()
    except BaseException:
        _drop_everything(url)
        raise
    return CopyResult(shown, rows)


def _drop_everything(url: str) -> None:
    """Back to no tables: only for a server database that had none before this copy."""
    engine = _plain_engine(parse_server_url(url))
    try:
        with engine.begin() as conn:
            for table in inspect(conn).get_table_names():
                conn.execute(text(f'DROP TABLE IF EXISTS "{table}" CASCADE'))
            functions = conn.execute(text(
                "SELECT p.oid::regprocedure::text FROM pg_proc AS p "
                "WHERE p.pronamespace = current_schema()::regnamespace"
            )).scalars().all()
            for function in functions:
                conn.execute(text(f"DROP FUNCTION IF EXISTS {function} CASCADE"))
    except Exception:  # the copy's own error is the one to report; this one goes to the log
        log.exception("could not remove the tables of a failed copy")
    finally:
        engine.dispose()


def _plain_engine(address: URL) -> Engine:
    """One connection at a time, never kept: a look at the target, or its clean-up."""
    return create_engine(address, poolclass=NullPool, hide_parameters=True,
                         connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "liuzhou_gui"})


def _fill(source: Database, target: Engine, progress: ProgressCallback | None) -> dict[str, int]:
    """The copy itself: one read of the source, one transaction on the target, compared before commit."""
    if migrations.current_revision(target) != migrations.current_revision(source.engine):
        raise CopyRefused("新数据库的结构版本与源数据库不同，复制已取消。")
    with _snapshot(source.engine) as src, target.connect() as dst, src.begin(), dst.begin():
        empty_tables(dst)
        paused = pause_triggers(dst)
        copied = copy_rows(src, dst, progress, kept_too=paused)
        resume_triggers(dst)
        reset_sequences(dst)
        _refuse_mismatches(verify_copy(src, dst, copied))
    return {name: summary.rows for name, summary in copied.items()}


def _snapshot(engine: Engine) -> Connection:
    """A connection whose transaction sees one moment of the source throughout: SQLite's read
    transaction does; PostgreSQL's default (READ COMMITTED) would see each table at another moment
    while clerks keep working, so the copy reads in REPEATABLE READ, read only."""
    connection = engine.connect()
    if engine.dialect.name == "postgresql":
        connection = connection.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
    return connection


def _refuse_mismatches(mismatches: list[Mismatch]) -> None:
    if not mismatches:
        return
    shown = "；".join(f"{m.what}：源 {m.source}，目标 {m.target}" for m in mismatches[:3])
    raise CopyRefused(f"复制后核对不一致（{shown}），复制已取消，目标没有保留任何数据。源数据库没有改动。")


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(exc).__name__])[0][:200]

