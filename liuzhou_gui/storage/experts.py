"""Writing experts: validation, the no-duplicate rule, audit, 回收站."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..domain.cards import is_unreadable, mask_bank_card
from ..domain.drafts import ExpertDraft
from ..domain.errors import FieldError, ValidationError
from ..domain.search import expert_key, sort_key
from . import audit, card_crypto, lectures, trash, versions
from .lookups import category_by_name, district_by_name
from .models import Expert
from .unique_violations import duplicate_live_name


def draft_of(expert: Expert) -> ExpertDraft:
    return ExpertDraft(
        name=expert.name, level=expert.level, category=expert.category.name, unit=expert.unit,
        title=expert.title, district=expert.district.name if expert.district else None,
        phone=expert.phone, bank_card=expert.bank_card, group=expert.group_name, note=expert.note,
    )


def _audit_view(expert: Expert) -> dict[str, Any]:
    return draft_view(draft_of(expert))


def draft_view(draft: ExpertDraft) -> dict[str, Any]:
    """A draft as the audit trail shows it: the bank card masked."""
    view = draft.__dict__.copy()
    view["bank_card"] = mask_bank_card(view["bank_card"])
    return view


def _check_duplicate(session: Session, draft: ExpertDraft, expert_id: int | None) -> None:
    query = select(Expert.id).where(
        Expert.name == draft.name, Expert.unit == draft.unit, Expert.deleted_at.is_(None)
    )
    if expert_id is not None:
        query = query.where(Expert.id != expert_id)
    if session.scalars(query).first() is not None:
        raise _duplicate(draft)


def _duplicate(draft: ExpertDraft) -> ValidationError:
    return ValidationError([FieldError("name", "姓名", f"已有同名同单位的专家：{draft.name}（{draft.unit}）")])


def explain_refusal(exc: IntegrityError, draft: ExpertDraft) -> ValidationError | None:
    """The database refused an expert another clerk's save created first: the check's own message
    (None: some other refusal, a bug)."""
    if duplicate_live_name(exc) != "expert":
        return None
    return _duplicate(draft.clean())


def save_expert(session: Session, draft: ExpertDraft, expert_id: int | None = None, *,
                version: int | None = None) -> Expert:
    """Create (expert_id None) or update an expert; raises ValidationError and writes nothing.

    `version`: the one the form opened; RecordChanged if someone else saved or deleted it since."""
    clean = draft.clean()
    _check_duplicate(session, clean, expert_id)
    if clean.bank_card and not is_unreadable(clean.bank_card):
        # Refused here, before any SQL: a failing statement would carry the plain number in its text.
        problem = card_crypto.cannot_encrypt()
        if problem:
            raise ValidationError([FieldError("bank_card", "个人银行卡号", problem)])
    if expert_id is None:
        expert, before = Expert(), {}
    else:
        expert = versions.record_to_save(session, Expert, expert_id, version, draft, draft_of)
        before = _audit_view(expert)
    # One UPDATE per save (no flush half-way through the assignments), so the version rises by one.
    with session.no_autoflush:
        expert.name = clean.name
        expert.level = clean.level
        expert.category = category_by_name(session)[clean.category]
        expert.unit = clean.unit
        expert.title = clean.title
        expert.district = district_by_name(session, clean.district) if clean.district else None
        expert.phone = clean.phone
        expert.bank_card = clean.bank_card
        expert.group_name = clean.group
        expert.note = clean.note
        expert.search_key = expert_key(expert.name, expert.unit, expert.title, expert.group_name)
        expert.name_key = sort_key(expert.name)
    if before:
        versions.mark_saved(expert)
    session.add(expert)
    session.flush()
    if before and before["name"] != expert.name:
        lectures.refresh_search_keys(session, expert_id=expert.id)
    audit.record(
        session, "update" if before else "create", "expert", expert.id, expert.name,
        audit.diff(before, _audit_view(expert)),
    )
    return expert


def delete_expert(session: Session, expert_id: int) -> None:
    expert = trash.get_live(session, Expert, expert_id)
    trash.move_to_trash(session, Expert, expert_id, expert.name)


def restore_expert(session: Session, expert_id: int) -> Expert:
    expert = trash.take_from_trash(
        session, Expert, expert_id, lambda found: _check_duplicate(session, draft_of(found), expert_id)
    )
    audit.record(session, "restore", "expert", expert.id, expert.name)
    return expert
