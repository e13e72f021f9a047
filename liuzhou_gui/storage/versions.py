"""Record versions (migration 0017): a form saves only over the version of the record it opened."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from ..domain.errors import RecordChanged
from . import trash
from .models import Expert, Lecture, Unit

Record = TypeVar("Record", Expert, Unit, Lecture)


def record_to_save(session: Session, model: type[Record], record_id: int, version: int | None, mine: Any,
                   draft_of: Callable[[Record], Any]) -> Record:
    """The live record to update. With `version` (the one the form opened), RecordChanged when someone
    else has saved or deleted it since; without, any live version (imports, packages)."""
    if version is None:
        return trash.get_live(session, model, record_id)
    found = session.get(model, record_id)
    if found is None or found.deleted_at is not None:
        raise RecordChanged(record_id, mine, None, None)
    if found.version != version:
        raise RecordChanged(record_id, mine, draft_of(found), found.version)
    return found


def conflict_now(session: Session, model: type[Record], record_id: int, mine: Any,
                 draft_of: Callable[[Record], Any]) -> RecordChanged:
    """The refusal of a save that lost the race to another (its UPDATE found the version gone)."""
    found = session.get(model, record_id)
    if found is None or found.deleted_at is not None:
        return RecordChanged(record_id, mine, None, None)
    return RecordChanged(record_id, mine, draft_of(found), found.version)


def mark_saved(record: Expert | Unit | Lecture) -> None:
    """Every save raises the version, also one that changes only a list (a unit's categories): those live
    in other tables, and without this the row would not be written and its version not raised."""
    flag_modified(record, "note")
