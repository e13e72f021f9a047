"""The evaluation of a held session: its rules, its storage, its upgrade and its import columns."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from liuzhou_gui.domain.drafts import LectureDraft, UnitDraft
from liuzhou_gui.domain.errors import ValidationError
from liuzhou_gui.domain.evaluation import satisfaction_rate
from liuzhou_gui.services.importing.apply import apply_import
from liuzhou_gui.services.importing.plan import plan_import
from liuzhou_gui.services.importing.template import write_template
from liuzhou_gui.storage import migrations
from liuzhou_gui.storage.database import Database, create_db_engine
from liuzhou_gui.storage.lectures import draft_of, save_lecture
from liuzhou_gui.storage.models import Lecture
from liuzhou_gui.storage.units import save_unit


def held(**changes) -> LectureDraft:
    values = dict(year=2025, district="柳北", held_on=date(2025, 6, 1), place="会议室", unit_ids=[1],
                  categories=["职业健康"], attendance=50, status="held")
    values.update(changes)
    return LectureDraft(**values)


def messages(exc: pytest.ExceptionInfo) -> dict[str, str]:
    return {e.field: e.message for e in exc.value.errors}


def test_rate_follows_from_the_counts_and_collected_from_their_sum():
    clean = held(questionnaires_out=45, very_satisfied=20, satisfied=15, neutral=4, dissatisfied=1).clean()
    assert clean.questionnaires == 40
    assert clean.satisfaction == 87.5  # (20 + 15) / 40
    # A typed rate is replaced by the one the counts give.
    assert held(questionnaires=40, very_satisfied=40, satisfied=0, neutral=0, dissatisfied=0,
                satisfaction=50.0).clean().satisfaction == 100.0
    # Blank counts beside a filled one are zeros.
    assert held(very_satisfied=3).clean().neutral == 0
    assert satisfaction_rate((0, 0, 0, 0)) is None
    assert satisfaction_rate((1, 1, 1, 0)) == 66.7


@pytest.mark.parametrize("changes, field, phrase", [
    (dict(questionnaires_out=60), "questionnaires_out", "不能多于覆盖人数（50）"),
    (dict(questionnaires_out=30, questionnaires=31), "questionnaires", "不能多于发放问卷数（30）"),
    (dict(questionnaires=51), "questionnaires", "不能多于覆盖人数"),
    (dict(questionnaires=40, very_satisfied=10, satisfied=10, neutral=10, dissatisfied=5), "questionnaires",
     "满意度四项之和（35）应等于回收问卷数（40）"),
    (dict(very_satisfied=-1), "very_satisfied", "负数"),
    (dict(neutral="三"), "neutral", "整数"),
    (dict(score_before=101), "score_before", "0 到 100"),
    (dict(score_after="好"), "score_after", "分数"),
    (dict(opinions="意" * 2001), "opinions", "2000"),
    (dict(status="planned", questionnaires=10), "questionnaires", "只有已开展的活动"),
    (dict(status="cancelled", opinions="很好"), "questionnaires", "只有已开展的活动"),
])
def test_bad_evaluations_are_refused_in_chinese(changes, field, phrase):
    with pytest.raises(ValidationError) as exc:
        held(**changes).clean()
    assert phrase in messages(exc)[field]


def test_opinions_keep_markup_and_rare_characters_as_typed():
    text = "<b>&讲得好</b> =1+1 𠮷"
    assert held(opinions=f"  {text}\x07 ").clean().opinions == text


def test_saved_evaluation_reads_back(db: Database):
    with db.transaction() as session:
        unit = save_unit(session, UnitDraft(district="柳北", name="柳北机械厂", kind="企业", categories=["职业健康"]))
        lecture = save_lecture(session, held(unit_ids=[unit.id], questionnaires_out=50, very_satisfied=30,
                                             satisfied=15, neutral=3, dissatisfied=2, opinions="希望多讲尘肺",
                                             score_before=62.5, score_after=88))
        lecture_id = lecture.id
    with db.session() as session:
        draft = draft_of(session.get(Lecture, lecture_id))
    assert (draft.questionnaires_out, draft.questionnaires, draft.satisfaction) == (50, 50, 90.0)
    assert (draft.very_satisfied, draft.satisfied, draft.neutral, draft.dissatisfied) == (30, 15, 3, 2)
    assert (draft.opinions, draft.score_before, draft.score_after) == ("希望多讲尘肺", 62.5, 88)


def test_upgrade_keeps_sessions_and_adds_an_empty_evaluation(tmp_path: Path):
    path = tmp_path / "old.sqlite3"
    engine = create_db_engine(path)
    try:
        migrations.upgrade(engine, "0010")
    finally:
        engine.dispose()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO lecture (campaign_id, district_id, held_on, place, topic, organiser, status, questionnaires,"
        " satisfaction, subsidised, note, search_key, category_mask)"
        " SELECT c.id, d.id, '2025-06-01', '老会议室', '旧主题', '', 'held', 30, 95.0, 0, '', '', 0"
        " FROM campaign c, district d WHERE c.year = 2025 AND d.short_name = '柳北'"
    )
    conn.commit()
    conn.close()
    db = Database.open(path)
    try:
        assert migrations.current_revision(db.engine) == migrations.head_revision()
        with db.session() as session:
            old = session.scalars(select(Lecture)).one()
            assert (old.place, old.questionnaires, old.satisfaction) == ("老会议室", 30, 95.0)
            assert (old.questionnaires_out, old.very_satisfied, old.opinions) == (None, None, "")
    finally:
        db.close()


def _book(path: Path, rows: list[list]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_sessions_import_reads_the_evaluation_columns(db: Database, tmp_path: Path):
    with db.transaction() as session:
        save_unit(session, UnitDraft(district="柳南", name="柳南化工厂", kind="企业", categories=["职业健康"]))
    header = ["日期", "县区", "单位名称", "活动分类", "地点", "覆盖人数", "发放问卷数", "回收问卷数", "非常满意",
              "满意", "一般", "不满意", "主要意见和建议", "活动前知识得分", "活动后知识得分"]
    good = _book(tmp_path / "good.xlsx", [header, [
        "2025-06-18", "柳南", "柳南化工厂", "职业健康", "车间", 80, 70, 60, 40, 15, 5, 0, "多讲噪声防护", "61.5", 90,
    ]])
    plan = plan_import(db, "sessions", good)
    assert not plan.errors, plan.error_text()
    apply_import(db, plan)
    with db.session() as session:
        lecture = session.scalars(select(Lecture)).one()
        assert (lecture.questionnaires_out, lecture.questionnaires, lecture.very_satisfied) == (70, 60, 40)
        assert lecture.satisfaction == round(55 * 100 / 60, 1)
        assert (lecture.opinions, lecture.score_before, lecture.score_after) == ("多讲噪声防护", 61.5, 90)
    bad = _book(tmp_path / "bad.xlsx", [header, [
        "2025-06-19", "柳南", "柳南化工厂", "职业健康", "车间", 80, 90, 60, 40, 15, 5, 0, "", "", "",
    ], [
        "2025-06-20", "柳南", "柳南化工厂", "职业健康", "车间", 80, 60, 60, 40, 15, 5, "一", "", "", "",
    ]])
    text = plan_import(db, "sessions", bad).error_text()
    assert "发放问卷数" in text and "不能多于覆盖人数（80）" in text and "不满意" in text


def test_template_has_the_evaluation_columns(db: Database, tmp_path: Path):
    from openpyxl import load_workbook

    path = write_template("sessions", tmp_path / "t.xlsx")
    headers = [c.value for c in load_workbook(path).active[1]]
    for title in ("发放问卷数", "回收问卷数", "非常满意", "满意", "一般", "不满意", "主要意见和建议"):
        assert title in headers


def test_updating_from_a_ledger_without_evaluation_columns_keeps_the_evaluation(db: Database, tmp_path: Path):
    with db.transaction() as session:
        unit = save_unit(session, UnitDraft(district="柳南", name="柳南化工厂", kind="企业", categories=["职业健康"]))
        save_lecture(session, held(district="柳南", held_on=date(2025, 6, 18), place="车间", unit_ids=[unit.id],
                                   attendance=80, questionnaires_out=70, very_satisfied=40, satisfied=15,
                                   neutral=5, dissatisfied=0, opinions="多讲噪声防护"))
    ledger = _book(tmp_path / "ledger.xlsx", [
        ["日期", "县区", "单位名称", "活动分类", "地点", "覆盖人数", "备注"],
        ["2025-06-18", "柳南", "柳南化工厂", "职业健康", "车间", 90, "人数更正"],
    ])
    apply_import(db, plan_import(db, "sessions", ledger), update_duplicates=True)
    with db.session() as session:
        lecture = session.scalars(select(Lecture)).one()
        assert (lecture.attendance, lecture.note) == (90, "人数更正")
        assert (lecture.questionnaires_out, lecture.questionnaires, lecture.very_satisfied) == (70, 60, 40)
        assert (lecture.opinions, lecture.satisfaction) == ("多讲噪声防护", round(55 * 100 / 60, 1))
    # A file with the columns says what the evaluation is now.
    with_columns = _book(tmp_path / "new.xlsx", [
        ["日期", "县区", "单位名称", "活动分类", "地点", "覆盖人数", "回收问卷数", "主要意见和建议"],
        ["2025-06-18", "柳南", "柳南化工厂", "职业健康", "车间", 90, 50, ""],
    ])
    apply_import(db, plan_import(db, "sessions", with_columns), update_duplicates=True)
    with db.session() as session:
        lecture = session.scalars(select(Lecture)).one()
        assert (lecture.questionnaires, lecture.very_satisfied, lecture.opinions) == (50, None, "")
