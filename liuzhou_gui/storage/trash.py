"""Soft delete and restore (回收站) shared by experts, units and lecture sessions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from sqlalchemy.orm import Session

from ..domain.errors import NotFoundError
from . import audit
from .models import Expert, Lecture, Unit

Record = TypeVar("Record", Expert, Unit, Lecture)

ENTITY_NAMES: dict[type, tuple[str, str]] = {
    Expert: ("expert", "专家"),
    Unit: ("unit", "五进单位"),
    Lecture: ("lecture", "科普活动"),
}


def get_live(session: Session, model: type[Record], record_id: int) -> Record:
    found = session.get(model, record_id)
    if found is None or found.deleted_at is not None:
        raise NotFoundError(f"找不到编号为 {record_id} 的{ENTITY_NAMES[model][1]}，可能已被删除。")
    return found


def move_to_trash(session: Session, model: type[Record], record_id: int, label: str) -> Record:
    found = get_live(session, model, record_id)
    found.deleted_at = datetime.now()
    audit.record(session, "delete", ENTITY_NAMES[model][0], found.id, label)
    return found


def take_from_trash(
    session: Session, model: type[Record], record_id: int, check: Callable[[Record], None] | None = None
) -> Record:
    """Bring a record back; `check` runs first (while it is still deleted) and may refuse it.

    Checking first matters: a live duplicate would otherwise hit the database's unique index
    on the next autoflush and surface as a raw IntegrityError instead of a Chinese message.
    """
    found = session.get(model, record_id)
    if found is None or found.deleted_at is None:
        raise NotFoundError(f"回收站里没有编号为 {record_id} 的{ENTITY_NAMES[model][1]}。")
    if check is not None:
        check(found)
    found.deleted_at = None
    return found
