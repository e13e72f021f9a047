"""Errors the user can act on. Every message is Simplified Chinese and complete on its own."""

from __future__ import annotations

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


class DatabaseError(AppError):
    """The database file cannot be used (not a database, newer version, locked, read-only)."""


class DatabaseBusy(DatabaseError):
    """Another program holds the database file: nothing is wrong with it, a backup is no answer."""


class UsageError(AppError):
    exit_code = 2
