"""Writing an import plan: one transaction, all rows or none."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ...domain.drafts import LectureDraft
from ...domain.errors import AppError, ValidationError
from ...domain.reference import STATUS_HELD
from ...storage.database import Database
from ...storage.experts import save_expert
from ...storage.lectures import EVALUATION_FIELDS, is_double_booking_refusal, save_lecture
from ...storage.models import Lecture
from ...storage.unique_violations import duplicate_live_name
from ...storage.units import add_units, save_unit
from ..backup import backup_before_change
from .collector import collector_paused
from .plan import ImportPlan, RowError, _add_validation

# Each saver takes (session, a draft of its kind, the id to update or None); the plan holds the matching drafts.
SAVERS: dict[str, Callable[..., object]] = {"experts": save_expert, "units": save_unit, "sessions": save_lecture}
# A session's evaluation: kept on update when the file has none of its columns (an older ledger or template).
KEPT_EVALUATION = ("questionnaires", "satisfaction", *EVALUATION_FIELDS)


def _keeps_evaluation(plan: ImportPlan) -> bool:
    return plan.kind.name == "sessions" and not set(KEPT_EVALUATION) & set(plan.sheet.columns)


def _with_kept_evaluation(session: Session, draft: LectureDraft, lecture_id: int) -> LectureDraft:
    """The file says nothing of the evaluation: the session keeps the one it has (a held one only)."""
    if draft.status != STATUS_HELD:
        return draft
    lecture = session.get_one(Lecture, lecture_id)
    return replace(draft, **{name: getattr(lecture, name) for name in KEPT_EVALUATION})


class ImportRefused(AppError):
    """Rows are wrong: the plan's errors say which; nothing was written."""

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__(f"“{plan.path.name}”有 {len(plan.errors)} 处错误，未导入任何数据：\n{plan.error_text()}")
        self.plan = plan


@dataclass(frozen=True)
class ImportOutcome:
    created: int
    updated: int
    skipped: int


def apply_import(
    db: Database, plan: ImportPlan, *, update_duplicates: bool = False,
    progress: Callable[[int, int], None] | None = None, cancelled: Callable[[], bool] | None = None,
) -> ImportOutcome:
    if plan.errors:
        raise ImportRefused(plan)
    save = SAVERS[plan.kind.name]
    created = updated = skipped = 0
    total = len(plan.drafts)
    backup_before_change(db, "before-import")
    keep_evaluation = _keeps_evaluation(plan)
    try:
        with collector_paused(), db.transaction() as session:
            if plan.kind.name == "units":
                # New units are inserted in bulk; a unit import of 10,000 rows takes seconds, not minutes.
                new_units = [draft for row, draft in plan.drafts if row not in plan.duplicates]
                add_units(session, new_units)
                created = len(new_units)
                if progress:
                    progress(created, total)
            for done, (row, draft) in enumerate(plan.drafts, start=1):
                if plan.kind.name == "units" and row not in plan.duplicates:
                    continue
                if cancelled and cancelled():
                    raise AppError("已取消导入，数据库没有任何改动。")
                duplicate = plan.duplicates.get(row)
                try:
                    if duplicate is None:
                        save(session, draft)
                        created += 1
                    elif update_duplicates:
                        if keep_evaluation:
                            draft = _with_kept_evaluation(session, draft, duplicate.existing_id)
                        save(session, draft, duplicate.existing_id)
                        updated += 1
                    else:
                        skipped += 1
                except ValidationError as exc:  # e.g. a lecturer booked twice within the file
                    _add_validation(plan, row, exc)
                if progress and (done % 200 == 0 or done == total):
                    progress(done, total)
            if plan.errors:
                session.rollback()
                raise ImportRefused(plan)
    except IntegrityError as exc:
        table = duplicate_live_name(exc)
        if table is None and is_double_booking_refusal(exc):
            raise AppError(
                "导入期间，另一位用户同时保存了同一授课专家同一时间的活动，本次导入没有写入任何数据。"
                "请重新导入，软件会再次核对。"
            ) from exc
        if table is None:
            raise
        what = "单位" if table == "unit" else "专家"
        raise AppError(
            f"导入期间，另一位用户同时保存了同名的{what}，本次导入没有写入任何数据。"
            "请重新导入：已存在的记录会被识别为重复行。"
        ) from exc
    return ImportOutcome(created, updated, skipped)


__all__ = ["ImportOutcome", "ImportRefused", "RowError", "apply_import"]
