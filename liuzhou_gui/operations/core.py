"""The vocabulary of operations: what changed, the result of an action, and a job's progress and 取消."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ..domain.errors import OperationCancelled

T = TypeVar("T")


class Changes(enum.Flag):
    """Which kinds of things an action changed; a page refreshes when something it shows is among them."""

    NONE = 0
    EXPERTS = enum.auto()
    UNITS = enum.auto()
    LECTURES = enum.auto()
    CAMPAIGN = enum.auto()  # years, plans, quotas
    SETTINGS = enum.auto()  # the bureau, 填报人, seals
    BACKUPS = enum.auto()  # a copy was added to (or removed from) the backups folder
    PACKAGES = enum.auto()  # 报送包 received
    AUDIT = enum.auto()  # the 操作记录 trail grew
    SUBMISSIONS = enum.auto()  # a stage submitted, received, reviewed, or a decision brought by a 下发包
    RECORDS = EXPERTS | UNITS | LECTURES
    DATABASE = (EXPERTS | UNITS | LECTURES | CAMPAIGN | SETTINGS | BACKUPS | PACKAGES | AUDIT
                | SUBMISSIONS)  # replaced wholesale


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What an action returns: its result for the caller and what it changed for everyone else."""

    value: T
    changes: Changes = Changes.NONE


def _no_progress(_done: int, _total: int) -> None:
    return None


def _never() -> bool:
    return False


@dataclass(frozen=True)
class Job:
    """Progress and 取消 for a long action; the runner supplies real ones, direct callers the defaults.

    `progress(done, total)` (total 0: unknown) is called on the worker thread and must be cheap.
    """

    progress: Callable[[int, int], None] = field(default=_no_progress)
    cancelled: Callable[[], bool] = field(default=_never)

    def check(self, message: str = "已取消，没有做任何改动。") -> None:
        """Stop here if the user pressed 取消 (inside a transaction this rolls everything back)."""
        if self.cancelled():
            raise OperationCancelled(message)


NO_JOB = Job()


def failed_after(exc: BaseException, changes: Changes) -> None:
    """Mark an error raised after part of the action had already happened (a backup was made),
    so the runner still tells the pages about that part."""
    exc.changes = changes_of_failure(exc) | changes  # type: ignore[attr-defined]  # any exception may carry it


def changes_of_failure(exc: BaseException) -> Changes:
    return getattr(exc, "changes", Changes.NONE)
