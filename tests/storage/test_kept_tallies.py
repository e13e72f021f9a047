"""The statistics tables kept by triggers (unit_coverage, lecture_tally) always equal a count made from
scratch, whatever happens to sessions."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import delete, text

from liuzhou_gui.domain.drafts import LectureDraft, UnitDraft
from liuzhou_gui.domain.reference import CATEGORIES
from liuzhou_gui.storage import campaigns, lectures, units
from liuzhou_gui.storage.db_copy import kept_statistics, statistics_from_scratch
from liuzhou_gui.storage.models import Lecture


def _assert_consistent(db) -> None:
    """Both kept tables (unit_coverage, lecture_tally) against the count from scratch that db copy checks too."""
    with db.connection() as connection:
        assert kept_statistics(connection) == statistics_from_scratch(connection)


def _draft(rng: random.Random, year: int, unit_ids: list[int]) -> LectureDraft:
    status = rng.choice(["held", "held", "planned", "cancelled"])
    return LectureDraft(
        subsidised=rng.random() < 0.3,
        year=year, district="柳南", held_on=date(year, rng.randint(5, 10), rng.randint(1, 28)), place="会议室",
        unit_ids=rng.sample(unit_ids, rng.randint(1, 3)), categories=rng.sample(CATEGORIES, rng.randint(1, 3)),
        attendance=rng.randint(10, 200) if status == "held" else None, status=status,
    )


def test_coverage_follows_every_kind_of_change(db):
    rng = random.Random(11)
    with db.transaction() as session:
        campaigns.add_campaign(session, 2026)
        unit_ids = [units.save_unit(session, UnitDraft(district="柳南", name=f"单位{i}", kind="企业",
                                                       categories=["职业健康"])).id for i in range(8)]
    live: list[int] = []
    for step in range(120):
        with db.transaction() as session:
            action = rng.choice(["create", "create", "bulk", "edit", "edit", "trash", "restore", "purge"])
            if action == "bulk":  # as a 报送包 brings them
                live.extend(lectures.add_lectures(session, [_draft(rng, 2025, unit_ids) for _ in range(3)]))
            elif action == "create" or not live:
                live.append(lectures.save_lecture(session, _draft(rng, 2025, unit_ids),
                                                  check_double_booking=False).id)
            elif action == "edit":  # new units, categories, status, and sometimes another year
                year = 2026 if rng.random() < 0.2 else 2025
                lectures.save_lecture(session, _draft(rng, year, unit_ids), rng.choice(live),
                                      check_double_booking=False)
            elif action == "trash":
                lectures.delete_lecture(session, live.pop(rng.randrange(len(live))))
            elif action == "restore":
                gone = session.scalars(text("SELECT id FROM lecture WHERE deleted_at IS NOT NULL")).all()
                if gone:
                    restored = rng.choice(gone)
                    lectures.restore_lecture(session, restored)
                    live.append(restored)
            else:  # removed for good, as a package import replaces a district's sessions
                session.execute(delete(Lecture).where(Lecture.id == live.pop(rng.randrange(len(live)))))
        if step % 10 == 0:
            _assert_consistent(db)
    _assert_consistent(db)
    with db.session() as session:
        assert session.scalar(text("SELECT count(*) FROM unit_coverage WHERE sessions > 0")) > 0
        assert session.scalar(text("SELECT count(*) FROM unit_coverage WHERE sessions < 0")) == 0


def test_bulk_sessions_are_checked_like_single_ones(db):
    import pytest

    from liuzhou_gui.domain.errors import ValidationError

    with db.transaction() as session:
        ours = units.save_unit(session, UnitDraft(district="柳南", name="甲厂", kind="企业",
                                                  categories=["职业健康"])).id
        theirs = units.save_unit(session, UnitDraft(district="柳北", name="乙厂", kind="企业",
                                                    categories=["职业健康"])).id
    good = LectureDraft(year=2025, district="柳南", held_on=date(2025, 6, 1), place="会议室", unit_ids=[ours],
                        categories=["职业健康"], attendance=30, status="held")
    wrong_district = LectureDraft(year=2025, district="柳南", held_on=date(2025, 6, 2), place="会议室",
                                  unit_ids=[theirs], categories=["职业健康"], attendance=30, status="held")
    missing_expert = LectureDraft(year=2025, district="柳南", held_on=date(2025, 6, 3), place="会议室",
                                  unit_ids=[ours], categories=["职业健康"], expert_ids=[99_999], status="planned")
    for bad, message in ((wrong_district, "不属于本县区：乙厂"), (missing_expert, "有专家不存在")):
        with pytest.raises(ValidationError, match=message), db.transaction() as session:
            lectures.add_lectures(session, [good, bad])
        with db.session() as session:
            assert session.scalar(text("SELECT count(*) FROM lecture")) == 0  # all or nothing
    with db.transaction() as session:
        [new_id] = lectures.add_lectures(session, [good])
    with db.session() as session:
        assert session.scalar(text("SELECT count(*) FROM audit_log WHERE entity = 'lecture' AND record_id = :i"),
                              {"i": new_id}) == 1
    _assert_consistent(db)
