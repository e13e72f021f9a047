"""The database connection's settings, transactions, 回收站 and the audit trail."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from liuzhou_gui.domain.drafts import ExpertDraft, LectureDraft, UnitDraft
from liuzhou_gui.domain.errors import NotFoundError
from liuzhou_gui.storage import experts, lectures, trash, units
from liuzhou_gui.storage.models import AuditEntry, Expert, Lecture, Unit

CARD = "6222020200112233446"  # 19 digits, valid Luhn


def expert_draft(**changes) -> ExpertDraft:
    values = dict(name="韦明", level="市级", category="职业健康", unit="柳州市职业病防治院", title="主任医师",
                  district="柳北", phone="0772-3608170", bank_card=CARD)
    values.update(changes)
    return ExpertDraft(**values)


def unit_draft(**changes) -> UnitDraft:
    values = dict(district="柳北区", name="柳州钢铁集团", kind="企业", categories=["职业健康"])
    values.update(changes)
    return UnitDraft(**values)


def audit_rows(session, entity: str) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.id)))


@pytest.mark.sqlite_only
def test_connection_pragmas(db):
    with db.session() as session:
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert session.execute(text("PRAGMA busy_timeout")).scalar() >= 1000


def test_raw_insert_with_a_missing_foreign_key_is_refused(db):
    with pytest.raises(IntegrityError, match=r"(?i)foreign key"), db.transaction() as session:
        session.execute(text(
            "INSERT INTO unit (district_id, name, kind_id, credit_code, address, contact, phone, industry, note,"
            " search_key) VALUES (999, '不存在的县区的单位', 1, '', '', '', '', '', '', '')"
        ))
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Unit)) == 0


def test_an_exception_inside_a_transaction_leaves_nothing(db):
    with pytest.raises(RuntimeError), db.transaction() as session:
        units.save_unit(session, unit_draft())
        experts.save_expert(session, expert_draft())
        session.flush()
        raise RuntimeError("power cut")
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Unit)) == 0
        assert session.scalar(select(func.count()).select_from(Expert).where(Expert.level == "市级")) == 0
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 0


def test_a_committed_transaction_is_visible_to_a_new_session(db):
    with db.transaction() as session:
        unit_id = units.save_unit(session, unit_draft()).id
    with db.session() as session:
        assert session.get(Unit, unit_id).name == "柳州钢铁集团"


def test_expert_create_update_delete_restore_with_audit_and_masked_card(db):
    with db.transaction() as session:
        expert_id = experts.save_expert(session, expert_draft()).id
    with db.transaction() as session:
        experts.save_expert(session, expert_draft(title="副院长", bank_card="6222 0202 0011 2233 453"), expert_id)
    with db.transaction() as session:
        experts.delete_expert(session, expert_id)
    with db.session() as session:
        assert session.get(Expert, expert_id).deleted_at is not None
        live = session.scalars(select(Expert.id).where(Expert.deleted_at.is_(None))).all()
        assert expert_id not in live
        with pytest.raises(NotFoundError, match="找不到"):
            trash.get_live(session, Expert, expert_id)
    with db.transaction() as session:
        experts.restore_expert(session, expert_id)
    with db.session() as session:
        assert session.get(Expert, expert_id).deleted_at is None
        rows = audit_rows(session, "expert")
    assert [r.action for r in rows] == ["create", "update", "delete", "restore"]
    assert all(r.record_id == expert_id and r.label == "韦明" for r in rows)
    created = json.loads(rows[0].changes)
    assert created["bank_card"] == [None, "6222 **** **** 3446"]
    updated = json.loads(rows[1].changes)
    assert updated["title"] == ["主任医师", "副院长"]
    assert updated["bank_card"] == ["6222 **** **** 3446", "6222 **** **** 3453"]
    for row in rows:
        assert CARD not in (row.changes or "")
        assert "62220202001122334" not in (row.changes or "")


def test_restoring_what_is_not_in_the_trash_is_refused(db):
    with db.transaction() as session:
        unit_id = units.save_unit(session, unit_draft()).id
    with pytest.raises(NotFoundError, match="回收站里没有"), db.transaction() as session:
        units.restore_unit(session, unit_id)


def test_unit_delete_and_restore(db):
    with db.transaction() as session:
        unit_id = units.save_unit(session, unit_draft()).id
    with db.transaction() as session:
        units.delete_unit(session, unit_id)
    with db.session() as session:
        assert session.get(Unit, unit_id).deleted_at is not None
    with db.transaction() as session:
        units.restore_unit(session, unit_id)
    with db.session() as session:
        assert session.get(Unit, unit_id).deleted_at is None
        assert [r.action for r in audit_rows(session, "unit")] == ["create", "delete", "restore"]


def test_lecture_delete_and_restore(db):
    with db.transaction() as session:
        unit_id = units.save_unit(session, unit_draft()).id
        lecture_id = lectures.save_lecture(session, LectureDraft(
            year=2025, district="柳北", held_on=date(2025, 6, 3), place="柳钢会议室", unit_ids=[unit_id],
            categories=["职业健康"], attendance=80, status="held",
        )).id
    with db.transaction() as session:
        lectures.delete_lecture(session, lecture_id)
    with db.session() as session:
        assert session.get(Lecture, lecture_id).deleted_at is not None
    with db.transaction() as session:
        lectures.restore_lecture(session, lecture_id)
    with db.session() as session:
        lecture = session.get(Lecture, lecture_id)
        assert lecture.deleted_at is None
        assert [u.id for u in lecture.units] == [unit_id]
        assert [r.action for r in audit_rows(session, "lecture")] == ["create", "delete", "restore"]


def test_updates_of_units_and_lectures_are_audited_field_by_field(db):
    with db.transaction() as session:
        unit_id = units.save_unit(session, unit_draft()).id
        lecture_id = lectures.save_lecture(session, LectureDraft(
            year=2025, district="柳北", held_on=date(2025, 6, 3), place="柳钢会议室", unit_ids=[unit_id],
            categories=["职业健康"], attendance=80, status="held",
        )).id
    with db.transaction() as session:
        units.save_unit(session, unit_draft(categories=["职业健康", "心理健康"], worker_count=3000), unit_id)
        draft = lectures.draft_of(session.get(Lecture, lecture_id))
        draft.attendance = 90
        draft.held_on = date(2025, 6, 4)
        lectures.save_lecture(session, draft, lecture_id)
    with db.session() as session:
        unit_update = json.loads(audit_rows(session, "unit")[-1].changes)
        lecture_rows = audit_rows(session, "lecture")
    assert unit_update == {"categories": ["职业健康", "职业健康、心理健康"], "worker_count": [None, 3000]}
    assert [r.action for r in lecture_rows] == ["create", "update"]
    assert json.loads(lecture_rows[0].changes)["status"] == [None, "已开展"]
    assert json.loads(lecture_rows[1].changes) == {"attendance": [80, 90], "held_on": ["2025-06-03", "2025-06-04"]}
