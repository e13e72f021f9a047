"""Saving, deleting and restoring experts, units and 科普活动 (the forms and the list pages).

Each call is one transaction; storage validates (ValidationError names the fields) and writes the
操作记录 entry. A lecture names its units and experts, and a unit's or expert's name is part of
the lectures' search keys, so all three lists are told about any of them.

A form opens a record with `open_*` and saves with the version it opened: when another clerk saved
or deleted the record in between, RecordChanged (nothing written) carries both versions. A save that
loses a race to another clerk's is refused by the database itself (a stale version, a unique index, a
double-booking trigger) and arrives as the same message the checks before the write give.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from ..domain.drafts import ExpertDraft, LectureDraft, UnitDraft
from ..domain.errors import AppError, ValidationError
from ..storage import experts, lectures, trash, units, versions
from ..storage.database import Database
from ..storage.models import Expert, Lecture, Unit
from ..storage.unique_violations import duplicate_live_name
from .core import Changes, Outcome

EXPERT_CHANGES = Changes.EXPERTS | Changes.LECTURES | Changes.AUDIT
UNIT_CHANGES = Changes.UNITS | Changes.LECTURES | Changes.AUDIT
LECTURE_CHANGES = Changes.LECTURES | Changes.AUDIT

D = TypeVar("D")


@dataclass(frozen=True)
class Opened(Generic[D]):
    """A record as a form opens it: its draft and the version to save over."""

    record_id: int
    draft: D
    version: int


def _open(db: Database, model: type[Any], record_id: int, draft_of: Callable[[Any], D]) -> Opened[D]:
    with db.session() as session:
        found = trash.get_live(session, model, record_id)
        return Opened(record_id, draft_of(found), found.version)


def open_expert(db: Database, expert_id: int) -> Opened[ExpertDraft]:
    return _open(db, Expert, expert_id, experts.draft_of)


def open_unit(db: Database, unit_id: int) -> Opened[UnitDraft]:
    return _open(db, Unit, unit_id, units.draft_of)


def open_lecture(db: Database, lecture_id: int) -> Opened[LectureDraft]:
    return _open(db, Lecture, lecture_id, lectures.draft_of)


@contextmanager
def _lost_race(db: Database, model: type[Any], record_id: int | None, draft: Any,
               draft_of: Callable[[Any], Any], refusal: Callable[[IntegrityError], ValidationError | None]
               ) -> Iterator[None]:
    """The database's refusals of a save, told as the checks before the write tell them."""
    try:
        yield
    except StaleDataError:
        # The UPDATE named the version read at the start of the save, and another save had committed
        # a newer one in between (PostgreSQL; SQLite's writes queue at BEGIN IMMEDIATE instead).
        assert record_id is not None  # only an update names a version
        with db.session() as session:
            raise versions.conflict_now(session, model, record_id, draft, draft_of) from None
    except IntegrityError as exc:
        explained = refusal(exc)
        if explained is None:
            raise
        raise explained from exc


@contextmanager
def _restore_race(table: str) -> Iterator[None]:
    """A record brought back from 回收站 just as another clerk saved its twin (or booked its lecturer)
    passes the check before the write and is refused by the database: told as a sentence, nothing changed."""
    try:
        yield
    except IntegrityError as exc:
        if table in ("unit", "expert") and duplicate_live_name(exc) == table:
            what = "同名单位" if table == "unit" else "同名同单位的专家"
            raise AppError(f"同事刚刚保存了{what}，这条记录不能从回收站恢复；请先处理同名的那条。") from exc
        if table == "lecture" and lectures.is_double_booking_refusal(exc):
            raise AppError("同事刚刚为这场活动的授课专家安排了同一时间的活动，这场活动不能从回收站恢复。") from exc
        raise


def save_expert(db: Database, draft: ExpertDraft, expert_id: int | None = None,
                version: int | None = None) -> Outcome[int]:
    def refusal(exc: IntegrityError) -> ValidationError | None:
        return experts.explain_refusal(exc, draft)

    with _lost_race(db, Expert, expert_id, draft, experts.draft_of, refusal), db.transaction() as session:
        return Outcome(experts.save_expert(session, draft, expert_id, version=version).id, EXPERT_CHANGES)


def delete_expert(db: Database, expert_id: int, _even_if_used: bool = False) -> Outcome[None]:
    with db.transaction() as session:
        experts.delete_expert(session, expert_id)
    return Outcome(None, EXPERT_CHANGES)


def restore_expert(db: Database, expert_id: int) -> Outcome[None]:
    with _restore_race("expert"), db.transaction() as session:
        experts.restore_expert(session, expert_id)
    return Outcome(None, EXPERT_CHANGES)


def save_unit(db: Database, draft: UnitDraft, unit_id: int | None = None, version: int | None = None) -> Outcome[int]:
    def refusal(exc: IntegrityError) -> ValidationError | None:
        return units.explain_refusal(exc, draft)

    with _lost_race(db, Unit, unit_id, draft, units.draft_of, refusal), db.transaction() as session:
        return Outcome(units.save_unit(session, draft, unit_id, version=version).id, UNIT_CHANGES)


def delete_unit(db: Database, unit_id: int, even_if_used: bool = False) -> Outcome[None]:
    """A unit still named by lectures raises AppError (a question for the user) unless even_if_used."""
    with db.transaction() as session:
        units.delete_unit(session, unit_id, even_if_used=even_if_used)
    return Outcome(None, UNIT_CHANGES)


def restore_unit(db: Database, unit_id: int) -> Outcome[None]:
    with _restore_race("unit"), db.transaction() as session:
        units.restore_unit(session, unit_id)
    return Outcome(None, UNIT_CHANGES)


def save_lecture(db: Database, draft: LectureDraft, lecture_id: int | None = None,
                 version: int | None = None) -> Outcome[int]:
    def refusal(exc: IntegrityError) -> ValidationError | None:
        if not lectures.is_double_booking_refusal(exc):
            return None
        with db.session() as session:
            return lectures.explain_double_booking(session, draft, lecture_id)

    with _lost_race(db, Lecture, lecture_id, draft, lectures.draft_of, refusal), db.transaction() as session:
        return Outcome(lectures.save_lecture(session, draft, lecture_id, version=version).id, LECTURE_CHANGES)


def delete_lecture(db: Database, lecture_id: int, _even_if_used: bool = False) -> Outcome[None]:
    with db.transaction() as session:
        lectures.delete_lecture(session, lecture_id)
    return Outcome(None, LECTURE_CHANGES)


def restore_lecture(db: Database, lecture_id: int) -> Outcome[None]:
    with _restore_race("lecture"), db.transaction() as session:
        lectures.restore_lecture(session, lecture_id)
    return Outcome(None, LECTURE_CHANGES)
