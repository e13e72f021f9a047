"""Errors the user can act on. Every message is Simplified Chinese and complete on its own."""

from __future__ import annotations

import errno
from dataclasses import dataclass


class AppError(Exception):
    """Base of the errors shown to the user as a message, never as a traceback."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FieldError:
    field: str  # attribute name of the draft, e.g. "phone"
    label: str  # Chinese label of the field, e.g. "联系电话"
    message: str

    def __str__(self) -> str:
        return f"{self.label}：{self.message}"


class ValidationError(AppError):
    """An entry was refused; nothing was written."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = list(errors)
        super().__init__("；".join(str(e) for e in self.errors))


class NotFoundError(AppError):
    pass


class RecordInUse(AppError):
    """Other records still name this one; the message asks whether to go ahead anyway."""


class RecordChanged(AppError):
    """Someone else saved (or deleted) the record since the form opened it; nothing was written.

    `mine`: the draft as the user typed it; `theirs`: the record as it is stored now (None: deleted),
    at `their_version`. Saving `mine` again with `their_version` overwrites theirs knowingly."""

    def __init__(self, record_id: int, mine: object, theirs: object | None, their_version: int | None) -> None:
        gone = "（已被删除）" if theirs is None else ""
        super().__init__(f"此记录已被他人修改{gone}，您的修改没有保存。请对照两个版本后再决定。")
        self.record_id = record_id
        self.mine = mine
        self.theirs = theirs
        self.their_version = their_version

    @property
    def deleted(self) -> bool:
        return self.theirs is None


class DatabaseError(AppError):
    """The database file cannot be used (not a database, newer version, locked, read-only)."""


class DatabaseUnavailable(DatabaseError):
    """SQLite failed because of the file's surroundings (permissions, disk, another program), not a bug.

    Raised by `Database.session()`/`transaction()`; nothing was written. The form or page that
    asked shows `message` and keeps what the user typed.
    """


class DatabaseBusy(DatabaseUnavailable):
    """Another program holds the database file: nothing is wrong with it, a backup is no answer."""


class DatabaseReadOnly(DatabaseUnavailable):
    """The file, its folder or the medium refuses writes."""


class DiskFull(DatabaseUnavailable):
    """The disk (or SQLite's page limit) has no room for the write."""


class DatabaseIOError(DatabaseUnavailable):
    """The operating system could not read or write the file (a removed USB stick, a failing disk)."""


class DatabaseDamaged(DatabaseUnavailable):
    """The file is not (or no longer) a valid SQLite database."""


class OperationCancelled(AppError):
    """The user pressed 取消; the operation stopped and says what was kept."""

    def __init__(self, message: str = "已取消，没有做任何改动。") -> None:
        super().__init__(message)


class UsageError(AppError):
    exit_code = 2


_OS_REASONS = {
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "磁盘空间已满（超出配额）",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有权限",
    errno.EROFS: "磁盘是只读的",
    errno.ENOENT: "文件夹不存在",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EISDIR: "这是一个文件夹",
}


def os_error_reason(exc: BaseException) -> str:
    """A short Chinese reason for a failed file operation (the system's own text is often English)."""
    number = getattr(exc, "errno", None)
    if number in _OS_REASONS:
        return _OS_REASONS[number]
    text = str(exc)
    if "disk is full" in text or "database or disk is full" in text:
        return _OS_REASONS[errno.ENOSPC]
    return getattr(exc, "strerror", None) or text
