"""One writer per database file: an OS file lock held while the app has the database open.

The operating system releases the lock when the process ends, even when it is killed, so a
crash never leaves a stale lock behind.

A file can have several names (a symbolic link, `..`, a hard link), and SQLite names its -wal file
after the name it was given: two names opened at once would each get their own write-ahead log
and one set of changes would be lost. So two locks are taken: one beside the file's real path
(symlinks resolved; seen by every user of a shared folder) and one named after the file's identity
(device and inode: the volume serial and file index on Windows) in the user's data folder, which
catches hard links.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

from ..domain.errors import DatabaseError
from .database import ensure_writable_file

LOCKS_FOLDER = "locks"


class DatabaseInUse(DatabaseError):
    """Another window or process holds the database's lock."""


def _busy(db_path: Path) -> DatabaseInUse:
    return DatabaseInUse(
        f"数据库“{db_path.name}”已在另一个窗口中打开（也可能是通过另一个路径或链接打开的同一个文件）。"
        "请切换到那个窗口，或先关闭它再打开。"
    )


class InstanceLock:
    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        real = Path(os.path.realpath(self.db_path))
        self.path = real.with_name(real.name + ".lock")
        self._handles: list[IO[bytes]] = []

    def _take(self, lock_path: Path) -> IO[bytes]:
        try:
            lock_path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(lock_path, "a+b")  # noqa: SIM115 - held open for the lock's lifetime
        except OSError as exc:
            raise DatabaseError(f"无法在“{lock_path.parent}”中创建锁文件：{exc.strerror or exc}") from exc
        try:
            _lock(handle)
        except OSError:
            handle.close()
            raise _busy(self.db_path) from None
        return handle

    def _identity_lock_path(self) -> Path:
        from .paths import data_dir

        real = Path(os.path.realpath(self.db_path))
        try:
            # The file must exist to have an identity; an empty file is a new database to SQLite.
            os.close(os.open(real, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            pass
        except OSError as exc:
            raise DatabaseError(f"无法创建数据库文件“{self.db_path}”：{exc.strerror or exc}") from exc
        status = os.stat(real)
        return data_dir() / LOCKS_FOLDER / f"{status.st_dev:x}-{status.st_ino:x}.lock"

    def acquire(self) -> None:
        # Before any file is made beside it; what the file holds is checked once it is locked.
        ensure_writable_file(self.db_path)
        handle = self._take(self.path)
        self._handles.append(handle)
        try:
            self._handles.append(self._take(self._identity_lock_path()))
        except BaseException:
            self.release()
            raise
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()).encode())
        handle.flush()

    def release(self) -> None:
        while self._handles:
            handle = self._handles.pop()
            _unlock(handle)
            handle.close()

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


if sys.platform == "win32":
    import msvcrt

    def _lock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
