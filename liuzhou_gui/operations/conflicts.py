"""Two versions of a record side by side, field by field: what the clerk typed and what another clerk
saved meanwhile (RecordChanged), as the form's refusal shows them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any

from ..domain.drafts import ExpertDraft, LectureDraft, UnitDraft
from ..domain.errors import RecordChanged
from ..storage import experts, lectures, units
from ..storage.audit import FIELD_LABELS
from ..storage.database import Database

DELETED = "（已被删除）"
EMPTY = "（空）"
# Where a kind of record calls a field otherwise than the audit trail's common label.
OWN_LABELS: dict[type, dict[str, str]] = {ExpertDraft: {"name": "姓名"}, UnitDraft: {"name": "单位名称"}}


@dataclass(frozen=True)
class FieldComparison:
    label: str
    mine: str
    theirs: str

    @property
    def differs(self) -> bool:
        return self.mine != self.theirs


def shown(value: Any) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _view(db: Database, draft: Any) -> dict[str, Any]:
    clean = draft.clean()
    if isinstance(clean, ExpertDraft):
        return experts.draft_view(clean)
    if isinstance(clean, UnitDraft):
        return units.draft_view(clean)
    if isinstance(clean, LectureDraft):
        with db.session() as session:
            return lectures.draft_view(session, clean)
    raise TypeError(f"no view of {type(draft).__name__}")


def compare(db: Database, refusal: RecordChanged) -> list[FieldComparison]:
    """Every field of the record, in the form's order; `theirs` is 已被删除 throughout for a deleted one."""
    mine = _view(db, refusal.mine)
    theirs = _view(db, refusal.theirs) if refusal.theirs is not None else None
    labels = FIELD_LABELS | OWN_LABELS.get(type(refusal.mine), {})
    return [
        FieldComparison(labels.get(name, name), shown(value), DELETED if theirs is None else shown(theirs.get(name)))
        for name, value in mine.items()
    ]
