"""Writing lecture sessions: validation, references, lecturer double-booking, audit, 回收站."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import date
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from ..domain.drafts import LectureDraft, cleaned_day, slot_of
from ..domain.errors import FieldError, ValidationError
from ..domain.reference import SESSION_STATUSES, STATUS_CANCELLED
from ..domain.search import lecture_key
from ..domain.validation import cleaned_count, cleaned_percent
from . import audit, trash, versions
from .lookups import campaign_for_year, category_by_name, district_by_name
from .models import Expert, Lecture, Setting, Unit, lecture_category, lecture_expert, lecture_unit

# Columns of the evaluation (migration 0013) with the same name on the draft and on the row.
EVALUATION_FIELDS = ("questionnaires_out", "very_satisfied", "satisfied", "neutral", "dissatisfied", "opinions",
                     "score_before", "score_after")
# What the database's triggers (migration 0017) say when a save would book a lecturer twice.
DOUBLE_BOOKING_REFUSAL = "lecturer_double_booked"
DOUBLE_BOOKING_WAIVER = "double_booking_waived"  # a setting row, only ever inside an import's transaction


def draft_of(lecture: Lecture) -> LectureDraft:
    return LectureDraft(
        year=lecture.campaign.year, district=lecture.district.name, held_on=lecture.held_on,
        start_time=lecture.start_time, end_time=lecture.end_time, place=lecture.place,
        unit_ids=[u.id for u in lecture.units], categories=[c.name for c in lecture.categories],
        expert_ids=[e.id for e in lecture.experts], topic=lecture.topic, attendance=lecture.attendance,
        organiser=lecture.organiser, status=lecture.status, questionnaires=lecture.questionnaires,
        satisfaction=lecture.satisfaction, subsidised=lecture.subsidised, note=lecture.note,
        **{name: getattr(lecture, name) for name in EVALUATION_FIELDS},
    )


def _label(held_on: date, short_name: str, topic: str, place: str) -> str:
    return f"{held_on.isoformat()} {short_name} {topic or place}"


def label_of(lecture: Lecture) -> str:
    return _label(lecture.held_on, lecture.district.short_name, lecture.topic, lecture.place)


def _view(draft: LectureDraft, unit_names: list[str], expert_names: list[str]) -> dict[str, Any]:
    """What the audit trail records of a session: names rather than ids, labels rather than codes."""
    view = draft.__dict__.copy()
    view["units"] = "、".join(unit_names)
    view["experts"] = "、".join(expert_names)
    view["categories"] = "、".join(view["categories"])
    view["status"] = SESSION_STATUSES.get(view["status"], view["status"])
    del view["unit_ids"], view["expert_ids"]
    return view


def draft_view(session: Session, draft: LectureDraft) -> dict[str, Any]:
    """A draft as the audit trail shows it: its units and lecturers by name (those still on record)."""
    unit_names = dict(session.execute(select(Unit.id, Unit.name).where(Unit.id.in_(draft.unit_ids))).all())
    expert_names = dict(session.execute(select(Expert.id, Expert.name).where(Expert.id.in_(draft.expert_ids))).all())
    return _view(draft, [unit_names.get(i, f"#{i}") for i in draft.unit_ids],
                 [expert_names.get(i, f"#{i}") for i in draft.expert_ids])


def _audit_view(lecture: Lecture) -> dict[str, Any]:
    return _view(draft_of(lecture), [u.name for u in lecture.units], [e.name for e in lecture.experts])


def _check_units(unit_ids: list[int], found: dict[int, Any], district_id: int) -> None:
    """Every unit live (`found`: id → row with name and district_id), listed once, of the district."""
    if len(set(unit_ids)) != len(unit_ids) or any(uid not in found for uid in unit_ids):
        raise ValidationError([FieldError("unit_ids", "覆盖单位", "有单位不存在或已删除，请重新选择")])
    foreign = [found[uid].name for uid in unit_ids if found[uid].district_id != district_id]
    if foreign:
        raise ValidationError([FieldError("unit_ids", "覆盖单位", f"不属于本县区：{'、'.join(foreign)}")])


def _check_experts(expert_ids: list[int], found: dict[int, Any]) -> None:
    if len(set(expert_ids)) != len(expert_ids) or any(eid not in found for eid in expert_ids):
        raise ValidationError([FieldError("expert_ids", "授课专家", "有专家不存在或已删除，请重新选择")])


def _units(session: Session, draft: LectureDraft, district_id: int) -> list[Unit]:
    units = {u.id: u for u in session.scalars(
        select(Unit).where(Unit.id.in_(draft.unit_ids), Unit.deleted_at.is_(None)))}
    _check_units(draft.unit_ids, units, district_id)
    return [units[uid] for uid in draft.unit_ids]


def _experts(session: Session, draft: LectureDraft) -> list[Expert]:
    experts = {e.id: e for e in session.scalars(
        select(Expert).where(Expert.id.in_(draft.expert_ids), Expert.deleted_at.is_(None)))}
    _check_experts(draft.expert_ids, experts)
    return [experts[eid] for eid in draft.expert_ids]


def _check_double_booking(session: Session, draft: LectureDraft, experts: list[Expert], lecture_id: int | None) -> None:
    """A lecturer cannot be in two places at once; cancelled sessions do not count."""
    if draft.status == STATUS_CANCELLED or not experts or draft.held_on is None:
        return
    mine = slot_of(draft.held_on, draft.start_time, draft.end_time)
    query = (
        select(Lecture, Expert.name)
        .join(lecture_expert, lecture_expert.c.lecture_id == Lecture.id)
        .join(Expert, Expert.id == lecture_expert.c.expert_id)
        .where(
            lecture_expert.c.expert_id.in_([e.id for e in experts]),
            Lecture.held_on == draft.held_on,
            Lecture.status != STATUS_CANCELLED,
            Lecture.deleted_at.is_(None),
        )
    )
    if lecture_id is not None:
        query = query.where(Lecture.id != lecture_id)
    clashes = [
        f"{name}在 {other.held_on.isoformat()}{' ' + other.start_time.strftime('%H:%M') if other.start_time else ''}"
        f"已安排“{label_of(other)}”"
        for other, name in session.execute(query)
        if slot_of(other.held_on, other.start_time, other.end_time).overlaps(mine)
    ]
    if clashes:
        raise ValidationError([
            FieldError("expert_ids", "授课专家", "时间冲突：" + "；".join(clashes) + "（未填写时间的活动按全天计）")
        ])


def _key_of(lecture: Lecture) -> str:
    return lecture_key(
        lecture.place, lecture.topic, lecture.organiser,
        [u.name for u in lecture.units], [e.name for e in lecture.experts],
    )


def refresh_search_keys(session: Session, *, unit_id: int | None = None, expert_id: int | None = None) -> None:
    """Sessions that name a renamed unit or expert get their search key rebuilt.

    Written past the ORM: a search key is no edit of the session, so its version stays and a clerk
    who has it open can still save it."""
    query = select(Lecture)
    if unit_id is not None:
        query = query.join(lecture_unit).where(lecture_unit.c.unit_id == unit_id)
    if expert_id is not None:
        query = query.join(lecture_expert).where(lecture_expert.c.expert_id == expert_id)
    table = Lecture.metadata.tables["lecture"]
    for lecture in session.scalars(query):
        key = _key_of(lecture)
        if key != lecture.search_key:
            session.execute(update(table).where(table.c.id == lecture.id).values(search_key=key))
            session.expire(lecture, ["search_key"])


def save_lecture(
    session: Session, draft: LectureDraft, lecture_id: int | None = None, *, check_double_booking: bool = True,
    version: int | None = None,
) -> Lecture:
    """Create (lecture_id None) or update a session; raises ValidationError and writes nothing.

    `version`: the one the form opened; RecordChanged if someone else saved or deleted it since.

    The city imports what a district has already checked; a clash between two districts' bookings
    of a regional expert is then reported by `check` rather than blocking the district's report.
    """
    clean = draft.clean()
    campaign = campaign_for_year(session, clean.year)
    district = district_by_name(session, clean.district)
    units = _units(session, clean, district.id)
    experts = _experts(session, clean)
    if check_double_booking:
        _check_double_booking(session, clean, experts, lecture_id)
    if lecture_id is None:
        lecture, before = Lecture(), {}
    else:
        lecture = versions.record_to_save(session, Lecture, lecture_id, version, draft, draft_of)
        before = _audit_view(lecture)
        # The lecturers are taken off first and put back after the row: the database's double-booking
        # triggers then judge the new time with the new lecturers, never the new time with the old ones.
        lecture.experts = []
        session.flush()
    # One UPDATE per save (no flush half-way through the assignments), so the version rises by one.
    with session.no_autoflush:
        categories = category_by_name(session)
        lecture.campaign = campaign
        lecture.district = district
        lecture.held_on = cleaned_day(clean.held_on)
        lecture.start_time = clean.start_time
        lecture.end_time = clean.end_time
        lecture.place = clean.place
        lecture.units = units
        lecture.categories = [categories[c] for c in clean.categories]
        lecture.experts = experts
        lecture.topic = clean.topic
        lecture.attendance = cleaned_count(clean.attendance)
        lecture.organiser = clean.organiser
        lecture.status = clean.status
        lecture.questionnaires = cleaned_count(clean.questionnaires)
        lecture.satisfaction = cleaned_percent(clean.satisfaction)
        lecture.subsidised = clean.subsidised
        lecture.note = clean.note
        for name in EVALUATION_FIELDS:
            setattr(lecture, name, getattr(clean, name))
        lecture.search_key = _key_of(lecture)
    if before:
        versions.mark_saved(lecture)
    session.add(lecture)
    session.flush()
    audit.record(
        session, "update" if before else "create", "lecture", lecture.id, label_of(lecture),
        audit.diff(before, _audit_view(lecture)),
    )
    return lecture


def add_lectures(session: Session, drafts: list[LectureDraft]) -> list[int]:
    """Insert many new sessions at once (a 报送包 of hundreds): one statement per table.

    Checked by the same rules as save_lecture without the double-booking check (the city imports
    what a district has already checked; `check` reports clashes between districts). The database's
    triggers keep the statistics tables right as for any other write.
    """
    if not drafts:
        return []
    with double_booking_waived(session):
        return _add_lectures(session, drafts)


@contextmanager
def double_booking_waived(session: Session) -> Iterator[None]:
    """The database's double-booking triggers stand aside for this transaction only: other
    transactions never see the row, and it is removed before this one ends."""
    table = Setting.metadata.tables["setting"]
    session.execute(insert(table).values(key=DOUBLE_BOOKING_WAIVER, value="1"))
    try:
        yield
    except BaseException:
        # The transaction is on its way to a rollback, which takes the row with it; a failed statement
        # may have spoilt it for further ones (PostgreSQL), so the error that matters is the first.
        with suppress(DBAPIError):
            session.execute(delete(table).where(table.c.key == DOUBLE_BOOKING_WAIVER))
        raise
    session.execute(delete(table).where(table.c.key == DOUBLE_BOOKING_WAIVER))


def _add_lectures(session: Session, drafts: list[LectureDraft]) -> list[int]:
    cleaned = [draft.clean() for draft in drafts]
    campaigns = {year: campaign_for_year(session, year).id for year in {d.year for d in cleaned}}
    districts = {d.district: district_by_name(session, d.district) for d in cleaned}
    categories = category_by_name(session)
    unit_ids = {uid for d in cleaned for uid in d.unit_ids}
    units = {u.id: u for u in session.execute(
        select(Unit.id, Unit.name, Unit.district_id).where(Unit.id.in_(unit_ids), Unit.deleted_at.is_(None)))}
    expert_ids = {eid for d in cleaned for eid in d.expert_ids}
    experts = {e.id: e for e in session.execute(
        select(Expert.id, Expert.name).where(Expert.id.in_(expert_ids), Expert.deleted_at.is_(None)))}
    for d in cleaned:
        _check_units(d.unit_ids, units, districts[d.district].id)
        _check_experts(d.expert_ids, experts)
    rows = [
        {
            "campaign_id": campaigns[d.year], "district_id": districts[d.district].id, "held_on": d.held_on,
            "start_time": d.start_time, "end_time": d.end_time, "place": d.place, "topic": d.topic,
            "attendance": d.attendance, "organiser": d.organiser, "status": d.status,
            "questionnaires": d.questionnaires, "satisfaction": d.satisfaction, "subsidised": d.subsidised,
            "note": d.note, **{name: getattr(d, name) for name in EVALUATION_FIELDS},
            "search_key": lecture_key(d.place, d.topic, d.organiser, [units[u].name for u in d.unit_ids],
                                      [experts[e].name for e in d.expert_ids]),
        }
        for d in cleaned
    ]
    ids = list(session.scalars(insert(Lecture).returning(Lecture.id, sort_by_parameter_order=True), rows))
    saved = list(zip(ids, cleaned, strict=True))
    links = [
        (lecture_unit, [{"lecture_id": i, "unit_id": u} for i, d in saved for u in d.unit_ids]),
        (lecture_category, [{"lecture_id": i, "category_id": categories[c].id}
                            for i, d in saved for c in d.categories]),
        (lecture_expert, [{"lecture_id": i, "expert_id": e} for i, d in saved for e in d.expert_ids]),
    ]
    for table, values in links:
        if values:
            session.execute(insert(table), values)
    audit.record_many(session, [
        ("create", "lecture", i, _label(cleaned_day(d.held_on), districts[d.district].short_name, d.topic, d.place),
         audit.diff({}, _view(d, [units[u].name for u in d.unit_ids], [experts[e].name for e in d.expert_ids])))
        for i, d in saved
    ])
    return ids


def is_double_booking_refusal(exc: IntegrityError) -> bool:
    return DOUBLE_BOOKING_REFUSAL in str(exc.orig)


def explain_double_booking(session: Session, draft: LectureDraft, lecture_id: int | None) -> ValidationError:
    """The database refused a booking (another clerk's save won the race): the same message as the check
    before the write gives, read from what is stored now."""
    clean = draft.clean()
    experts = list(session.scalars(
        select(Expert).where(Expert.id.in_(clean.expert_ids), Expert.deleted_at.is_(None))))
    try:
        _check_double_booking(session, clean, experts, lecture_id)
    except ValidationError as found:
        return found
    return ValidationError([FieldError("expert_ids", "授课专家", "时间冲突：授课专家在同一时间已有其他活动")])


def delete_lecture(session: Session, lecture_id: int) -> None:
    lecture = trash.get_live(session, Lecture, lecture_id)
    trash.move_to_trash(session, Lecture, lecture_id, label_of(lecture))


def restore_lecture(session: Session, lecture_id: int) -> Lecture:
    def check(found: Lecture) -> None:
        # Its lecturers may have been booked at the same time while it was in 回收站.
        live_experts = [e for e in found.experts if e.deleted_at is None]
        _check_double_booking(session, draft_of(found), live_experts, lecture_id)

    lecture = trash.take_from_trash(session, Lecture, lecture_id, check)
    audit.record(session, "restore", "lecture", lecture.id, label_of(lecture))
    return lecture
