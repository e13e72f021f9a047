"""The one check before any file is written for the user: never over what the app must keep.

Every writer that takes a path from the user (a command's `-o`, a save dialog, an error list)
calls `check_output` with the open database and the command's own input files. An output is
refused when it is, or resolves to, the database, one of SQLite's files beside it, the lock
file, a backup or a seal image kept by the app, another database file, or one of the inputs.

"Resolves to" covers every second name a file can have: symbolic links and `..` (realpath),
hard links, Windows short names and case (the file's identity: device and inode, which Python
fills from the file index on Windows), and Windows' trailing dots and spaces and `name:stream`
(stripped before names are compared). Names are compared case-insensitively everywhere: on a
case-sensitive disk that refuses a few harmless names, never a harmful one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..domain.errors import AppError
from ..storage.database import SQLITE_HEADER
from ..storage.paths import backups_dir, seals_dir

# Files SQLite and the app keep beside the database, named after it.
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal", ".lock", ".restoring", ".partial")
SUPER_JOURNAL_PREFIX = "-mj"  # SQLite's super-journals: name-mjXXXXXXXX


class OutputRefused(AppError):
    """A chosen output would overwrite something the user cannot afford to lose; nothing was written."""


def _key(path: Path) -> str:
    """A comparable spelling of where `path` points, whether it exists or not."""
    folder, name = os.path.split(os.path.realpath(path))
    # Windows ignores trailing dots and spaces, and "name:stream" is a part of the file "name".
    name = name.split(":", 1)[0].rstrip(" .") or name
    return os.path.normcase(os.path.join(folder, name)).casefold()


def _identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of an existing file, following links: the same for all its names."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return (status.st_dev, status.st_ino) if status.st_ino else None


def _inside(key: str, folder_key: str) -> bool:
    return key == folder_key or key.startswith(folder_key.rstrip(os.sep) + os.sep)


def same_file(first: Path, second: Path) -> bool:
    """True when the two paths name one file (or one place, if neither exists yet)."""
    first_id = _identity(first)
    return _key(first) == _key(second) or (first_id is not None and first_id == _identity(second))


def _identities_in(folder: Path) -> set[tuple[int, int]]:
    try:
        with os.scandir(folder) as entries:
            return {identity for entry in entries if (identity := _identity(Path(entry.path)))}
    except OSError:
        return set()


def _is_database_file(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def check_output(db_path: Path, output: Path, *, inputs: Iterable[Path | None] = (), what: str = "输出文件") -> Path:
    """Return `output` unchanged, or raise OutputRefused with a sentence saying what it would destroy."""
    output = Path(output)
    try:
        out_key, db_key = _key(output), _key(db_path)
    except ValueError:  # a NUL character in the name
        raise OutputRefused(f"{what}的文件名“{str(output)[:80]}”无效，请另选文件名。什么也没有写入。") from None
    out_id = _identity(output)
    shown = str(output)[:200]
    if out_key == db_key or (out_id is not None and out_id == _identity(db_path)):
        raise OutputRefused(
            f"不能把{what}保存为正在使用的数据库文件“{shown}”：那样会覆盖全部数据。请另选文件名，什么也没有写入。"
        )
    for suffix in COMPANION_SUFFIXES:
        companion = db_path.with_name(db_path.name + suffix)
        if out_key == _key(companion) or (out_id is not None and out_id == _identity(companion)):
            raise OutputRefused(
                f"“{shown}”是数据库“{db_path.name}”的配套文件（{suffix}），不能用作{what}，否则数据库会损坏。"
                "请另选文件名，什么也没有写入。"
            )
    if out_key.startswith(db_key + SUPER_JOURNAL_PREFIX):
        raise OutputRefused(
            f"“{shown}”是数据库“{db_path.name}”的日志文件，不能用作{what}。请另选文件名，什么也没有写入。"
        )
    _refuse_kept_folders(db_path, output, out_key, out_id, what)
    for source in inputs:
        if source is not None and same_file(output, source):
            raise OutputRefused(
                f"{what}“{shown}”就是本次要读取的文件“{str(source)[:200]}”，不能用结果覆盖它。"
                "请另选文件名，什么也没有写入。"
            )
    if out_id is not None and os.path.isfile(output) and _is_database_file(output):
        raise OutputRefused(
            f"“{shown}”是一个已有的数据库文件，不能用{what}覆盖它。请另选文件名，什么也没有写入。"
        )
    return output


def _refuse_kept_folders(db_path: Path, output: Path, out_key: str, out_id: tuple[int, int] | None,
                         what: str) -> None:
    """The backups folder and the seal images: the app's own copies, never a place for an output."""
    shown = str(output)[:200]
    damaged_prefix = _key(db_path.with_name(f"{db_path.stem}-damaged-"))
    for folder, label in ((backups_dir(db_path, create=False), "备份文件夹"),
                          (seals_dir(db_path, create=False), "公章图片文件夹")):
        if _inside(out_key, _key(folder)) or (out_id is not None and out_id in _identities_in(folder)):
            raise OutputRefused(
                f"“{shown}”在数据库的{label}“{folder}”中（或就是其中的一个文件），不能用作{what}，"
                "以免覆盖软件保存的副本。请另选位置，什么也没有写入。"
            )
    if out_key.startswith(damaged_prefix):
        raise OutputRefused(
            f"“{shown}”是软件留存的损坏数据库副本，不能用作{what}。请另选文件名，什么也没有写入。"
        )
