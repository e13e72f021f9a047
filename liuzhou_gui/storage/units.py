"""Writing "五进" units: validation, no duplicate name within a district, audit, 回收站."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..domain.drafts import CleanUnitDraft, UnitDraft
from ..domain.errors import FieldError, RecordInUse, ValidationError
from ..domain.search import sort_key, unit_key
from ..domain.validation import cleaned_count
from . import audit, lectures, lookups, trash, versions
from .lookups import category_by_name, district_by_name, unit_kind_by_name
from .models import Lecture, Unit, lecture_unit, unit_category
from .unique_violations import duplicate_live_name


def draft_of(unit: Unit) -> UnitDraft:
    return UnitDraft(
        district=unit.district.name, name=unit.name, kind=unit.kind.name,
        categories=[c.name for c in unit.categories], credit_code=unit.credit_code, address=unit.address,
        contact=unit.contact, phone=unit.phone, industry=unit.industry, worker_count=unit.worker_count,
        note=unit.note,
    )


def draft_view(draft: UnitDraft) -> dict[str, Any]:
    view = draft.__dict__.copy()
    view["categories"] = "、".join(view["categories"])
    return view


def _audit_view(unit: Unit) -> dict[str, Any]:
    return draft_view(draft_of(unit))


def _check_duplicate(session: Session, district_id: int, name: str, unit_id: int | None) -> None:
    query = select(Unit.id).where(Unit.district_id == district_id, Unit.name == name, Unit.deleted_at.is_(None))
    if unit_id is not None:
        query = query.where(Unit.id != unit_id)
    if session.scalars(query).first() is not None:
        raise _duplicate(name)


def _duplicate(name: str) -> ValidationError:
    return ValidationError([FieldError("name", "单位名称", f"本县区已有同名单位：{name}")])


def explain_refusal(exc: IntegrityError, draft: UnitDraft) -> ValidationError | None:
    """The database refused a name that another clerk's save took first: the check's own message
    (None: some other refusal, a bug)."""
    if duplicate_live_name(exc) != "unit":
        return None
    return _duplicate(draft.clean().name)


def _check_not_covered(session: Session, unit: Unit) -> None:
    """A unit that sessions (also those in 回收站) cover stays in its district: a session only covers
    units of its own district, and the district's figures would silently move with the unit."""
    used = session.scalar(select(func.count()).select_from(lecture_unit).where(lecture_unit.c.unit_id == unit.id))
    if used:
        raise ValidationError([FieldError(
            "district", "县区",
            f"单位“{unit.name}”已被 {used} 场科普活动覆盖，不能改到其他县区；如确属其他县区，请在该县区新建单位。",
        )])


def save_unit(session: Session, draft: UnitDraft, unit_id: int | None = None, *, version: int | None = None) -> Unit:
    """Create (unit_id None) or update a unit; raises ValidationError and writes nothing.

    `version`: the one the form opened; RecordChanged if someone else saved or deleted it since."""
    clean = draft.clean()
    district = district_by_name(session, clean.district)
    _check_duplicate(session, district.id, clean.name, unit_id)
    if unit_id is None:
        unit, before = Unit(), {}
    else:
        unit = versions.record_to_save(session, Unit, unit_id, version, draft, draft_of)
        before = _audit_view(unit)
        if unit.district_id != district.id:
            _check_not_covered(session, unit)
    # One UPDATE per save (no flush half-way through the assignments), so the version rises by one.
    with session.no_autoflush:
        categories = category_by_name(session)
        unit.district = district
        unit.name = clean.name
        unit.kind = unit_kind_by_name(session)[clean.kind]
        unit.categories = [categories[c] for c in clean.categories]
        unit.credit_code = clean.credit_code
        unit.address = clean.address
        unit.contact = clean.contact
        unit.phone = clean.phone
        unit.industry = clean.industry
        unit.worker_count = cleaned_count(clean.worker_count)
        unit.note = clean.note
        unit.search_key = unit_key(unit.name, unit.address, unit.contact, unit.industry)
        unit.name_key = sort_key(unit.name)
    if before:
        versions.mark_saved(unit)
    session.add(unit)
    session.flush()
    if before and before["name"] != unit.name:
        lectures.refresh_search_keys(session, unit_id=unit.id)
    audit.record(
        session, "update" if before else "create", "unit", unit.id, unit.name,
        audit.diff(before, _audit_view(unit)),
    )
    return unit


def _created_view(draft: CleanUnitDraft) -> dict[str, list[Any]]:
    """audit.diff({}, draft_view(draft)), written out for a new unit: the fields that have a value."""
    return {key: [None, value] for key, value in sorted(draft_view(draft).items()) if value is not None}


def add_units(session: Session, drafts: Sequence[UnitDraft]) -> list[int]:
    """Insert many new units at once (an import of thousands): one statement per table, on SQLAlchemy
    Core (the ORM's bulk insert spent as long on its bookkeeping as the database on the rows).

    Every draft is checked by the same rules as a single save (a CleanUnitDraft, as the import plan
    holds, is not checked twice); duplicates among them and against the database must have been sorted
    out by the caller (the import plan does it for a whole file at once), and the partial unique index
    on (district, name) refuses any that slipped through.
    """
    if not drafts:
        return []
    clean = [draft.clean() for draft in drafts]
    districts = {d.name: d.id for d in lookups.districts(session)}
    kinds = {name: kind.id for name, kind in unit_kind_by_name(session).items()}
    categories = {name: c.id for name, c in category_by_name(session).items()}
    rows = [
        {
            "district_id": districts[d.district], "name": d.name, "kind_id": kinds[d.kind],
            "credit_code": d.credit_code, "address": d.address, "contact": d.contact, "phone": d.phone,
            "industry": d.industry, "worker_count": d.worker_count, "note": d.note,
            "search_key": unit_key(d.name, d.address, d.contact, d.industry),
            "name_key": sort_key(d.name),
        }
        for d in clean
    ]
    unit_table = cast(Table, Unit.__table__)
    ids = list(session.scalars(insert(unit_table).returning(unit_table.c.id, sort_by_parameter_order=True), rows))
    session.execute(insert(unit_category), [
        {"unit_id": unit_id, "category_id": categories[name]}
        for unit_id, draft in zip(ids, clean, strict=True) for name in draft.categories
    ])
    audit.record_many(session, [
        ("create", "unit", unit_id, draft.name, _created_view(draft))
        for unit_id, draft in zip(ids, clean, strict=True)
    ])
    return ids


def lectures_using(session: Session, unit_id: int) -> int:
    return session.scalar(
        select(func.count()).select_from(lecture_unit).join(Lecture)
        .where(lecture_unit.c.unit_id == unit_id, Lecture.deleted_at.is_(None))
    ) or 0


def delete_unit(session: Session, unit_id: int, *, even_if_used: bool = False) -> None:
    """A unit that sessions still cover is only deleted when the user has been told and agrees."""
    unit = trash.get_live(session, Unit, unit_id)
    used = lectures_using(session, unit_id)
    if used and not even_if_used:
        raise RecordInUse(
            f"单位“{unit.name}”仍被 {used} 场科普活动使用，删除后这些活动的覆盖单位会减少。确定要删除吗？")
    trash.move_to_trash(session, Unit, unit_id, unit.name)


def restore_unit(session: Session, unit_id: int) -> Unit:
    unit = trash.take_from_trash(
        session, Unit, unit_id, lambda found: _check_duplicate(session, found.district_id, found.name, unit_id)
    )
    audit.record(session, "restore", "unit", unit.id, unit.name)
    return unit
