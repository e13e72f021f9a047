"""Record versions (migration 0017): a form saves over the version it opened, or is refused with both
versions and nothing written; the database itself refuses a double booking and a duplicate unit name."""

from __future__ import annotations

import sqlite3
from datetime import date, time
from functools import partial
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from liuzhou_gui.domain.drafts import ExpertDraft, LectureDraft, UnitDraft
from liuzhou_gui.domain.errors import AppError, NotFoundError, RecordChanged, ValidationError
from liuzhou_gui.operations import conflicts, records
from liuzhou_gui.storage import lectures, migrations, units
from liuzhou_gui.storage.database import Database, create_db_engine
from liuzhou_gui.storage.models import AuditEntry, Expert, Lecture, Setting, Unit

DAY = date(2025, 6, 10)


def unit_draft(name: str = "柳州钢铁集团", **changes) -> UnitDraft:
    return UnitDraft(**{"district": "柳北", "name": name, "kind": "企业", "categories": ["职业健康"]} | changes)


def expert_draft(name: str = "韦明", **changes) -> ExpertDraft:
    return ExpertDraft(**{"name": name, "level": "市级", "category": "职业健康", "unit": "柳州市职业病防治院",
                          "district": "柳北"} | changes)


def lecture_draft(expert_ids, unit_ids, start=None, end=None, place="会议室", **changes) -> LectureDraft:
    return LectureDraft(**{
        "year": 2025, "district": "柳北", "held_on": DAY, "start_time": start, "end_time": end, "place": place,
        "unit_ids": unit_ids, "categories": ["职业健康"], "expert_ids": expert_ids, "attendance": 40,
        "status": "held"} | changes)


def stored(db, model, record_id):
    with db.session() as session:
        return session.get(model, record_id)


def audit_count(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry))


def test_existing_rows_start_at_version_1(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = create_db_engine(path)
    try:
        migrations.upgrade(engine, "0015")
    finally:
        engine.dispose()
    conn = sqlite3.connect(path)
    old_experts = conn.execute("SELECT count(*) FROM expert").fetchone()[0]
    conn.close()
    assert old_experts > 0  # the plan's own experts, seeded by the first migrations
    db = Database.open(path)
    try:
        with db.session() as session:
            assert set(session.scalars(select(Expert.version))) == {1}
            assert session.scalar(select(func.count()).select_from(Expert)) == old_experts
    finally:
        db.close()


def test_every_save_raises_the_version_by_one(db) -> None:
    unit_id = records.save_unit(db, unit_draft()).value
    assert records.open_unit(db, unit_id).version == 1
    opened = records.open_unit(db, unit_id)
    records.save_unit(db, unit_draft(contact="覃"), unit_id, opened.version)
    assert records.open_unit(db, unit_id).version == 2
    # A change only to a list kept in another table (the unit's categories) is a change of the record too.
    records.save_unit(db, unit_draft(contact="覃", categories=["职业健康", "心理健康"]), unit_id, 2)
    assert records.open_unit(db, unit_id).version == 3


def test_a_save_over_a_version_someone_else_replaced_is_refused_with_both_versions(db, db_target) -> None:
    unit_id = records.save_unit(db, unit_draft(contact="韦")).value
    mine = records.open_unit(db, unit_id)
    other_pc = Database.open(db_target)
    try:
        theirs = records.open_unit(other_pc, unit_id)
        theirs.draft.phone = "0772-1234567"
        records.save_unit(other_pc, theirs.draft, unit_id, theirs.version)
    finally:
        other_pc.close()
    mine.draft.contact = "覃"
    before = audit_count(db)
    with pytest.raises(RecordChanged) as refusal:
        records.save_unit(db, mine.draft, unit_id, mine.version)
    assert refusal.value.message.startswith("此记录已被他人修改")
    assert refusal.value.mine.contact == "覃" and refusal.value.mine.phone == ""  # as typed
    assert refusal.value.theirs.contact == "韦" and refusal.value.theirs.phone == "0772-1234567"  # as stored
    assert refusal.value.their_version == 2 and not refusal.value.deleted
    assert stored(db, Unit, unit_id).contact == "韦" and audit_count(db) == before  # nothing written
    # The clerk keeps theirs: saved over the version just shown.
    records.save_unit(db, refusal.value.mine, unit_id, refusal.value.their_version)
    unit = stored(db, Unit, unit_id)
    assert (unit.contact, unit.phone, unit.version) == ("覃", "", 3)


def test_a_save_over_a_record_someone_else_deleted_is_refused(db) -> None:
    expert_id = records.save_expert(db, expert_draft()).value
    opened = records.open_expert(db, expert_id)
    records.delete_expert(db, expert_id)
    with pytest.raises(RecordChanged) as refusal:
        records.save_expert(db, opened.draft, expert_id, opened.version)
    assert refusal.value.deleted and refusal.value.their_version is None
    assert "已被删除" in refusal.value.message
    assert stored(db, Expert, expert_id).deleted_at is not None
    with pytest.raises(NotFoundError):
        records.open_expert(db, expert_id)


def test_lectures_carry_versions_and_a_unit_renamed_leaves_their_version(db) -> None:
    unit_id = records.save_unit(db, unit_draft()).value
    expert_id = records.save_expert(db, expert_draft()).value
    lecture_id = records.save_lecture(db, lecture_draft([expert_id], [unit_id])).value
    opened = records.open_lecture(db, lecture_id)
    assert opened.version == 1
    # The unit's new name goes into the session's search key: no edit of the session, no conflict.
    records.save_unit(db, unit_draft("柳钢集团"), unit_id, 1)
    assert records.open_lecture(db, lecture_id).version == 1
    records.save_lecture(db, lecture_draft([expert_id], [unit_id], topic="尘肺病防治"), lecture_id, opened.version)
    lecture = stored(db, Lecture, lecture_id)
    assert (lecture.topic, lecture.version) == ("尘肺病防治", 2)
    with pytest.raises(RecordChanged) as refusal:
        records.save_lecture(db, lecture_draft([expert_id], [unit_id], topic="旧的"), lecture_id, opened.version)
    assert refusal.value.theirs.topic == "尘肺病防治"


def test_a_save_without_a_version_still_saves_over_any(db) -> None:
    """Imports and 报送包 update what is stored now; only a form names the version it opened."""
    unit_id = records.save_unit(db, unit_draft()).value
    records.save_unit(db, unit_draft(contact="甲"), unit_id, 1)
    records.save_unit(db, unit_draft(contact="乙"), unit_id)
    assert stored(db, Unit, unit_id).version == 3


# --- the database's own refusals: what a check before the write can no longer stop (a race) -------------

def _book(db, expert_id, unit_id, **kw) -> int:
    """A booking that passed the check before the write (the other clerk's save came in between)."""
    with db.transaction() as session:
        return lectures.save_lecture(session, lecture_draft([expert_id], [unit_id], **kw),
                                     check_double_booking=False).id


@pytest.fixture
def booked(db):
    unit_id = records.save_unit(db, unit_draft()).value
    expert_id = records.save_expert(db, expert_draft()).value
    _book(db, expert_id, unit_id, start=time(9), end=time(11))
    return db, expert_id, unit_id


@pytest.mark.parametrize(("start", "end"), [
    (time(10), time(12)),  # overlaps 9–11
    (None, None),  # no time: the whole day
    (time(8), None),  # a start without an end: two hours, 8–10
    (time(10, 59), time(10, 59, 30)),
])
def test_the_database_refuses_an_overlapping_booking(booked, start, end) -> None:
    db, expert_id, unit_id = booked
    with pytest.raises(IntegrityError, match=lectures.DOUBLE_BOOKING_REFUSAL):
        _book(db, expert_id, unit_id, start=start, end=end)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Lecture)) == 1


@pytest.mark.parametrize("changes", [
    {"start": time(11), "end": time(12)},  # touches, does not overlap
    {"start": time(6), "end": None},  # 6–8
    {"held_on": date(2025, 6, 11)},
    {"status": "cancelled", "attendance": None},
])
def test_the_database_allows_what_the_rule_allows(booked, changes) -> None:
    db, expert_id, unit_id = booked
    _book(db, expert_id, unit_id, **changes)


def test_a_session_in_the_trash_or_cancelled_does_not_count(booked) -> None:
    db, expert_id, unit_id = booked
    with db.transaction() as session:
        first = session.scalars(select(Lecture.id)).one()
        lectures.delete_lecture(session, first)
    second = _book(db, expert_id, unit_id)
    with pytest.raises(IntegrityError, match=lectures.DOUBLE_BOOKING_REFUSAL), db.transaction() as session:
        session.execute(text("UPDATE lecture SET deleted_at = NULL WHERE id = :id"), {"id": first})
    with db.transaction() as session:
        session.execute(text("UPDATE lecture SET status = 'cancelled' WHERE id = :id"), {"id": second})
        session.execute(text("UPDATE lecture SET deleted_at = NULL WHERE id = :id"), {"id": first})
    with pytest.raises(IntegrityError, match=lectures.DOUBLE_BOOKING_REFUSAL), db.transaction() as session:
        session.execute(text("UPDATE lecture SET status = 'planned' WHERE id = :id"), {"id": second})


def test_moving_a_session_and_changing_its_lecturer_in_one_save_is_judged_on_the_new_pair(booked) -> None:
    """The 9–11 lecturer is busy at 14:00 elsewhere; the session moves to 14:00 with another lecturer."""
    db, expert_id, unit_id = booked
    other = records.save_expert(db, expert_draft("覃峰")).value
    _book(db, expert_id, unit_id, start=time(14), end=time(16), place="礼堂")
    with db.session() as session:
        first = session.scalars(select(Lecture.id).where(Lecture.place == "会议室")).one()
    records.save_lecture(db, lecture_draft([other], [unit_id], start=time(14), end=time(15)), first, 1)
    assert stored(db, Lecture, first).start_time == time(14)


def test_a_refused_booking_arrives_as_the_checks_own_message(booked, monkeypatch) -> None:
    db, expert_id, unit_id = booked
    # The other clerk's save came in between: the check before the write saw nothing.
    monkeypatch.setattr(lectures, "save_lecture", partial(lectures.save_lecture, check_double_booking=False))
    before = audit_count(db)
    with pytest.raises(ValidationError) as refusal:
        records.save_lecture(db, lecture_draft([expert_id], [unit_id], start=time(10), end=time(12)))
    assert refusal.value.message.startswith("授课专家：时间冲突：韦明在 2025-06-10 09:00已安排“2025-06-10 ")
    assert audit_count(db) == before


def test_a_duplicate_unit_refused_by_the_index_arrives_as_the_checks_own_message(db, monkeypatch) -> None:
    records.save_unit(db, unit_draft())
    monkeypatch.setattr(units, "_check_duplicate", lambda *_a, **_k: None)  # the other clerk's save came in between
    before = audit_count(db)
    with pytest.raises(ValidationError) as refusal:
        records.save_unit(db, unit_draft(" 柳州钢铁集团 "))
    assert refusal.value.message == "单位名称：本县区已有同名单位：柳州钢铁集团"
    assert audit_count(db) == before


def test_the_citys_package_import_is_not_held_to_the_booking_rule_and_leaves_no_waiver(booked) -> None:
    db, expert_id, unit_id = booked
    with db.transaction() as session:
        lectures.add_lectures(session, [lecture_draft([expert_id], [unit_id], place="另一县区的会场")])
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Lecture)) == 2
        assert session.get(Setting, lectures.DOUBLE_BOOKING_WAIVER) is None


def test_the_two_versions_side_by_side_mark_what_differs(db, db_target) -> None:
    unit_id = records.save_unit(db, unit_draft()).value
    expert_id = records.save_expert(db, expert_draft(bank_card="6222020200112233446")).value
    lecture_id = records.save_lecture(db, lecture_draft([expert_id], [unit_id], start=time(9))).value
    mine = records.open_lecture(db, lecture_id)
    records.save_lecture(db, lecture_draft([expert_id], [unit_id], start=time(14), topic="尘肺病"), lecture_id, 1)
    mine.draft.place = "礼堂<b>&"
    with pytest.raises(RecordChanged) as refusal:
        records.save_lecture(db, mine.draft, lecture_id, mine.version)
    rows = {row.label: row for row in conflicts.compare(db, refusal.value)}
    assert {label for label, row in rows.items() if row.differs} == {"开始时间", "地点", "主题"}
    assert (rows["开始时间"].mine, rows["开始时间"].theirs) == ("09:00", "14:00")
    assert (rows["地点"].mine, rows["地点"].theirs) == ("礼堂<b>&", "会议室")
    assert (rows["主题"].mine, rows["主题"].theirs) == (conflicts.EMPTY, "尘肺病")
    assert rows["授课专家"].mine == rows["授课专家"].theirs == "韦明"
    assert rows["覆盖单位"].theirs == "柳州钢铁集团" and rows["状态"].theirs == "已开展"

    opened = records.open_expert(db, expert_id)
    records.delete_expert(db, expert_id)
    with pytest.raises(RecordChanged) as gone:
        records.save_expert(db, opened.draft, expert_id, opened.version)
    rows = {row.label: row for row in conflicts.compare(db, gone.value)}
    assert rows["姓名"].mine == "韦明" and rows["姓名"].theirs == conflicts.DELETED
    assert "2233446" not in rows["个人银行卡号"].mine and rows["个人银行卡号"].mine.endswith("3446")


def test_a_restore_that_loses_a_race_to_a_twin_is_a_sentence(db, monkeypatch) -> None:
    """The check before the write passed, then another clerk's twin reached the unique index first."""
    old = records.save_unit(db, unit_draft()).value
    records.delete_unit(db, old)
    twin = records.save_unit(db, unit_draft()).value
    monkeypatch.setattr(units, "_check_duplicate", lambda *args, **kwargs: None)  # the race: both passed
    with pytest.raises(AppError, match="同事刚刚保存了同名单位，这条记录不能从回收站恢复"):
        records.restore_unit(db, old)
    assert stored(db, Unit, old).deleted_at is not None
    assert stored(db, Unit, twin).deleted_at is None
