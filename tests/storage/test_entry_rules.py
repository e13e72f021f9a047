"""Rules that need the database: duplicates, double booking, other districts' units; a refusal writes nothing."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, time

import pytest
from sqlalchemy import func, select

from liuzhou_gui.domain.drafts import ExpertDraft, LectureDraft, UnitDraft
from liuzhou_gui.domain.errors import AppError, ValidationError
from liuzhou_gui.storage import experts, lectures, units
from liuzhou_gui.storage.models import AuditEntry, Expert, Lecture, Unit, lecture_expert, lecture_unit

DAY = date(2025, 6, 10)


def counts(db) -> dict[str, int]:
    with db.session() as session:
        return {
            model.__name__ if hasattr(model, "__name__") else model.name: session.scalar(
                select(func.count()).select_from(model)
            )
            for model in (Expert, Unit, Lecture, AuditEntry, lecture_unit, lecture_expert)
        }


@contextmanager
def refused(db, phrase: str):
    """The block must raise ValidationError naming `phrase`, and leave every table as it was."""
    before = counts(db)
    with pytest.raises(ValidationError) as exc:
        yield
    assert phrase in exc.value.message
    assert counts(db) == before


def add_unit(db, name: str, district: str = "柳北") -> int:
    with db.transaction() as session:
        return units.save_unit(session, UnitDraft(district=district, name=name, kind="企业",
                                                  categories=["职业健康"])).id


def add_expert(db, name: str = "韦明", unit: str = "柳州市职业病防治院") -> int:
    with db.transaction() as session:
        return experts.save_expert(session, ExpertDraft(name=name, level="市级", category="职业健康", unit=unit,
                                                        district="柳北")).id


def add_lecture(db, expert_ids, unit_ids, start=None, end=None, status="held", day=DAY, district="柳北") -> int:
    with db.transaction() as session:
        return lectures.save_lecture(session, LectureDraft(
            year=2025, district=district, held_on=day, start_time=start, end_time=end, place="会议室",
            unit_ids=unit_ids, categories=["职业健康"], expert_ids=expert_ids,
            attendance=40 if status == "held" else None, status=status,
        )).id


def test_duplicate_unit_name_in_the_same_district_is_refused(db):
    add_unit(db, "柳州钢铁集团")
    with refused(db, "本县区已有同名单位"):
        add_unit(db, "柳州钢铁集团", "柳北区")
    with refused(db, "本县区已有同名单位"):
        add_unit(db, " 柳州钢铁集团 ")  # trimmed before the comparison


def test_same_unit_name_in_another_district_is_allowed(db):
    add_unit(db, "第一中学", "柳北")
    add_unit(db, "第一中学", "柳南")


def test_unit_name_is_free_again_after_the_first_is_deleted(db):
    first = add_unit(db, "柳州钢铁集团")
    with db.transaction() as session:
        units.delete_unit(session, first)
    second = add_unit(db, "柳州钢铁集团")
    assert second != first
    # Restoring the first would make two live units of the same name: refused, nothing changes.
    with refused(db, "本县区已有同名单位"), db.transaction() as session:
        units.restore_unit(session, first)
    with db.session() as session:
        assert session.get(Unit, first).deleted_at is not None


def test_renaming_a_unit_onto_another_is_refused(db):
    add_unit(db, "甲厂")
    second = add_unit(db, "乙厂")
    with refused(db, "本县区已有同名单位"), db.transaction() as session:
        units.save_unit(session, UnitDraft(district="柳北", name="甲厂", kind="企业", categories=["职业健康"]), second)
    # Saving a unit under its own name is no duplicate.
    with db.transaction() as session:
        units.save_unit(session, UnitDraft(district="柳北", name="乙厂", kind="学校", categories=["职业健康"]), second)


def test_duplicate_expert_is_refused(db):
    add_expert(db)
    with refused(db, "已有同名同单位的专家"):
        add_expert(db)
    add_expert(db, unit="柳州市人民医院")  # same name, another unit: another person
    add_expert(db, name="韦明明")


def test_a_lecturer_booked_twice_at_overlapping_times_is_refused(db):
    unit = add_unit(db, "柳州钢铁集团")
    expert = add_expert(db)
    add_lecture(db, [expert], [unit], time(9), time(11))
    with refused(db, "时间冲突"):
        add_lecture(db, [expert], [unit], time(10), time(12))
    with refused(db, "时间冲突"):
        add_lecture(db, [expert], [unit])  # no times: the whole day
    with refused(db, "时间冲突"):
        add_lecture(db, [expert], [unit], time(10), None, status="planned")  # planned sessions count too


def test_non_overlapping_times_on_the_same_day_and_other_days_are_allowed(db):
    unit = add_unit(db, "柳州钢铁集团")
    expert = add_expert(db)
    add_lecture(db, [expert], [unit], time(9), time(11))
    add_lecture(db, [expert], [unit], time(11), time(12))
    add_lecture(db, [expert], [unit], time(14), time(16))
    add_lecture(db, [expert], [unit], time(9), time(11), day=date(2025, 6, 11))


def test_cancelled_and_deleted_sessions_do_not_block_a_lecturer(db):
    unit = add_unit(db, "柳州钢铁集团")
    expert = add_expert(db)
    add_lecture(db, [expert], [unit], time(9), time(11), status="cancelled")
    deleted = add_lecture(db, [expert], [unit], time(9), time(11), day=date(2025, 6, 12))
    with db.transaction() as session:
        lectures.delete_lecture(session, deleted)
    add_lecture(db, [expert], [unit], time(9), time(11))
    add_lecture(db, [expert], [unit], time(9), time(11), day=date(2025, 6, 12))


def test_editing_a_session_does_not_clash_with_itself(db):
    unit = add_unit(db, "柳州钢铁集团")
    expert = add_expert(db)
    lecture_id = add_lecture(db, [expert], [unit], time(9), time(11))
    with db.transaction() as session:
        draft = lectures.draft_of(session.get(Lecture, lecture_id))
        draft.end_time = time(11, 30)
        lectures.save_lecture(session, draft, lecture_id)


def test_units_of_another_district_are_refused(db):
    mine = add_unit(db, "柳北厂")
    theirs = add_unit(db, "柳南厂", "柳南")
    with refused(db, "不属于本县区"):
        add_lecture(db, [], [mine, theirs])


def test_deleted_or_missing_units_and_experts_are_refused(db):
    unit = add_unit(db, "柳北厂")
    expert = add_expert(db)
    with db.transaction() as session:
        experts.delete_expert(session, expert)
    with refused(db, "有专家不存在或已删除"):
        add_lecture(db, [expert], [unit])
    with refused(db, "有单位不存在或已删除"):
        add_lecture(db, [], [unit, 99_999])


def test_invalid_entries_write_nothing(db):
    add_unit(db, "柳北厂")
    with refused(db, "不能超过"):
        add_unit(db, "厂" * 10_000)
    with refused(db, "校验位"), db.transaction() as session:
        experts.save_expert(session, ExpertDraft(name="韦明", level="市级", category="职业健康", unit="某医院",
                                                 district="柳北", bank_card="6222020200112233445"))
    with refused(db, "2025 年内"):
        add_lecture(db, [], [1], day=date(2026, 1, 3))


def test_an_update_that_is_refused_leaves_the_record_as_it_was(db):
    unit = add_unit(db, "柳北厂")
    with refused(db, "统一社会信用代码"), db.transaction() as session:
        units.save_unit(session, UnitDraft(district="柳北", name="新名字", kind="企业", categories=["职业健康"],
                                           credit_code="91450200198230476X"), unit)
    with db.session() as session:
        assert session.get(Unit, unit).name == "柳北厂"


@pytest.mark.parametrize("text", ["<b>&", "=1+1", "𠮷野家", "A&B<br>", "@SUM(A1)"])
def test_awkward_text_is_stored_exactly(db, text):
    unit = add_unit(db, text)
    expert = add_expert(db, name=text, unit=text)
    with db.session() as session:
        assert session.get(Unit, unit).name == text
        assert session.get(Expert, expert).name == text
        assert session.get(Expert, expert).unit == text


def test_full_width_phone_is_stored_normalised(db):
    with db.transaction() as session:
        unit = units.save_unit(session, UnitDraft(district="柳北", name="柳北厂", kind="企业", categories=["职业健康"],
                                                  phone="０７７２－２８６８５１７", credit_code="91450200ma5l8f2q3t"))
    with db.session() as session:
        stored = session.get(Unit, unit.id)
        assert stored.phone == "0772-2868517"
        assert stored.credit_code == "91450200MA5L8F2Q3T"


def test_restoring_an_expert_whose_twin_was_added_meanwhile_is_refused(db):
    first = add_expert(db)
    with db.transaction() as session:
        experts.delete_expert(session, first)
    add_expert(db)
    with refused(db, "已有同名同单位的专家"), db.transaction() as session:
        experts.restore_expert(session, first)


def test_a_covered_unit_cannot_move_to_another_district(db):
    unit = add_unit(db, "柳北厂")
    add_lecture(db, [], [unit])
    moved = UnitDraft(district="柳南", name="柳北厂", kind="企业", categories=["职业健康"])
    with refused(db, "不能改到其他县区"), db.transaction() as session:
        units.save_unit(session, moved, unit)
    free = add_unit(db, "新厂")
    with db.transaction() as session:  # not covered by any session: may move
        units.save_unit(session, UnitDraft(district="柳南", name="新厂", kind="企业", categories=["职业健康"]), free)


def test_deleting_a_covered_unit_needs_consent(db):
    unit = add_unit(db, "柳北厂")
    add_lecture(db, [], [unit])
    with pytest.raises(AppError, match="仍被 1 场科普活动使用"), db.transaction() as session:
        units.delete_unit(session, unit)
    with db.transaction() as session:
        units.delete_unit(session, unit, even_if_used=True)
    with db.session() as session:
        assert session.get(Unit, unit).deleted_at is not None


def test_restoring_a_session_whose_lecturer_was_booked_meanwhile_is_refused(db):
    unit = add_unit(db, "柳北厂")
    expert = add_expert(db)
    first = add_lecture(db, [expert], [unit], time(9), time(11))
    with db.transaction() as session:
        lectures.delete_lecture(session, first)
    add_lecture(db, [expert], [unit], time(10), time(12))
    with refused(db, "时间冲突"), db.transaction() as session:
        lectures.restore_lecture(session, first)
    with db.session() as session:
        assert session.get(Lecture, first).deleted_at is not None


def test_a_name_padded_as_in_the_plan_is_a_duplicate_of_the_seeded_expert(db):
    with refused(db, "已有同名同单位的专家"), db.transaction() as session:
        experts.save_expert(session, ExpertDraft(name="刘  芸", level="自治区级", category="慢性病管理",
                                                 unit="柳州市疾病预防控制中心"))
