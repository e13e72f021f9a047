"""Running one command: its outputs checked, the database locked, checked, opened, and the command run."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy.exc import DBAPIError, OperationalError

from ..domain.errors import DatabaseError
from ..services.output_guard import check_output
from ..storage import migrations
from ..storage.address import is_server_url
from ..storage.database import Database, describe_failure, describe_operational_error, location_error
from ..storage.instance_lock import DatabaseInUse, InstanceLock
from ..storage.integrity import quick_check
from ..storage.paths import default_db_path
from ..storage.server import DatabaseLocation, parse_server_url

Runner = Callable[[argparse.Namespace, Database], int | None]


def execute(args: argparse.Namespace) -> int:
    runner: Runner = args.run
    if is_server_url(args.db):
        return _execute_on_server(args, runner, args.db)
    db_path = args.db or default_db_path()
    _check_outputs(args, db_path)
    with _lock_unless_reading(db_path, getattr(args, "reads_only", False)) as locked:
        quick_check(db_path)
        # A command may ask for the database as it is (`db copy` refuses an old one instead of upgrading it).
        db = _open_for(db_path, migrate=locked and getattr(args, "upgrades", True), locked=locked)
        try:
            return runner(args, db) or 0  # a command that returns nothing succeeded
        except OperationalError as exc:
            raise DatabaseError(describe_operational_error(exc, db_path)) from exc
        finally:
            db.close()


def _execute_on_server(args: argparse.Namespace, runner: Runner, address: str) -> int:
    """A server database: no instance lock and no file check (the server serialises the writers and
    keeps its own files); an upgrade of its schema runs under the server's advisory lock."""
    location = DatabaseLocation(url=parse_server_url(address))
    _check_outputs(args, location.anchor)
    db = Database.open(address, migrate=getattr(args, "upgrades", True))
    try:
        return runner(args, db) or 0
    except DBAPIError as exc:
        raise (location_error(exc, location) or DatabaseError(describe_failure(exc, location))) from exc
    finally:
        db.close()


def _check_outputs(args: argparse.Namespace, db_path: Path) -> None:
    """Before anything is opened or written: no output of the command may replace what must be kept."""
    inputs: list[Path | None] = []
    for name in getattr(args, "reads", ()):
        value = getattr(args, name, None)
        inputs.extend(value if isinstance(value, list) else [value])  # nargs="+" gives a list
    for name in getattr(args, "writes", ()):
        target = getattr(args, name, None)
        if isinstance(target, Path):  # a server database's URL is no file to guard
            check_output(db_path, target, inputs=inputs)


@contextlib.contextmanager
def _lock_unless_reading(db_path: Path, reads_only: bool) -> Iterator[bool]:
    """The instance lock; a command that only reads (stats, check, export, audit) runs without it
    while a window holds it: SQLite's WAL lets readers work beside the one writer. Yields whether
    the lock is held (only then may the database be migrated)."""
    lock = InstanceLock(db_path)
    try:
        lock.acquire()
    except DatabaseInUse:
        if not reads_only:
            raise
        yield False
        return
    try:
        yield True
    finally:
        lock.release()


def _open_for(db_path: Path, *, migrate: bool, locked: bool) -> Database:
    db = Database.open(db_path, migrate=migrate)
    if not locked and migrations.current_revision(db.engine) != migrations.head_revision():
        db.close()
        raise DatabaseError(
            f"数据库“{db_path.name}”正在另一个窗口中使用，且需要由本版本升级后才能读取。请关闭那个窗口后再运行此命令。"
        )
    return db
