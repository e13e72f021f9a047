"""Saving, deleting and restoring experts, units and 科普活动 (the forms and the list pages).

Each call is one transaction; storage validates (ValidationError names the fields) and writes the
操作记录 entry. A lecture names its units and experts, and a unit's or expert's name is part of
the lectures' search keys, so all three lists are told about any of them.
"""

from __future__ import annotations

from ..domain.drafts import ExpertDraft, LectureDraft, UnitDraft
from ..storage import experts, lectures, units
from ..storage.database import Database
from .core import Changes, Outcome

EXPERT_CHANGES = Changes.EXPERTS | Changes.LECTURES | Changes.AUDIT
UNIT_CHANGES = Changes.UNITS | Changes.LECTURES | Changes.AUDIT
LECTURE_CHANGES = Changes.LECTURES | Changes.AUDIT


def save_expert(db: Database, draft: ExpertDraft, expert_id: int | None = None) -> Outcome[int]:
    with db.transaction() as session:
        return Outcome(experts.save_expert(session, draft, expert_id).id, EXPERT_CHANGES)


def delete_expert(db: Database, expert_id: int, _even_if_used: bool = False) -> Outcome[None]:
    with db.transaction() as session:
        experts.delete_expert(session, expert_id)
    return Outcome(None, EXPERT_CHANGES)


def restore_expert(db: Database, expert_id: int) -> Outcome[None]:
    with db.transaction() as session:
        experts.restore_expert(session, expert_id)
    return Outcome(None, EXPERT_CHANGES)


def save_unit(db: Database, draft: UnitDraft, unit_id: int | None = None) -> Outcome[int]:
    with db.transaction() as session:
        return Outcome(units.save_unit(session, draft, unit_id).id, UNIT_CHANGES)


def delete_unit(db: Database, unit_id: int, even_if_used: bool = False) -> Outcome[None]:
    """A unit still named by lectures raises AppError (a question for the user) unless even_if_used."""
    with db.transaction() as session:
        units.delete_unit(session, unit_id, even_if_used=even_if_used)
    return Outcome(None, UNIT_CHANGES)


def restore_unit(db: Database, unit_id: int) -> Outcome[None]:
    with db.transaction() as session:
        units.restore_unit(session, unit_id)
    return Outcome(None, UNIT_CHANGES)


def save_lecture(db: Database, draft: LectureDraft, lecture_id: int | None = None) -> Outcome[int]:
    with db.transaction() as session:
        return Outcome(lectures.save_lecture(session, draft, lecture_id).id, LECTURE_CHANGES)


def delete_lecture(db: Database, lecture_id: int, _even_if_used: bool = False) -> Outcome[None]:
    with db.transaction() as session:
        lectures.delete_lecture(session, lecture_id)
    return Outcome(None, LECTURE_CHANGES)


def restore_lecture(db: Database, lecture_id: int) -> Outcome[None]:
    with db.transaction() as session:
        lectures.restore_lecture(session, lecture_id)
    return Outcome(None, LECTURE_CHANGES)
