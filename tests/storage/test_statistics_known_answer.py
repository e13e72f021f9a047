"""Statistics on a small hand-built data set whose every figure is worked out by hand."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import insert, select

from liuzhou_gui.domain.drafts import ExpertDraft, LectureDraft, UnitDraft
from liuzhou_gui.domain.errors import NotFoundError, UsageError
from liuzhou_gui.domain.progress import Figures
from liuzhou_gui.storage import campaigns, experts, lectures, units
from liuzhou_gui.storage.lookups import district_by_name
from liuzhou_gui.storage.models import Expert, Lecture, lecture_category
from liuzhou_gui.storage.statistics import campaign_progress, district_progress
from liuzhou_gui.storage.submissions import record_submission


def _unit(session, district, name):
    return units.save_unit(session, UnitDraft(district=district, name=name, kind="企业", categories=["职业健康"])).id


def _expert(session, name, level, district):
    return experts.save_expert(session, ExpertDraft(name=name, level=level, category="职业健康", unit="某医院",
                                                    district=district)).id


def _lecture(session, district, day, categories, unit_ids, expert_ids, attendance, status="held", subsidised=False):
    return lectures.save_lecture(session, LectureDraft(
        year=2025, district=district, held_on=date(2025, 6, day), place="会议室", categories=categories,
        unit_ids=unit_ids, expert_ids=expert_ids, attendance=attendance, status=status, subsidised=subsidised,
    )).id


@pytest.fixture
def stats_db(db):
    """柳北: 3 held sessions (one with two categories, one at a unit deleted later), a planned, a cancelled
    and a deleted one. 柳南: 2 held sessions. A regional expert lectures in both districts."""
    with db.transaction() as session:
        regional = session.scalars(select(Expert.id).where(Expert.name == "杨静")).one()
        city_expert = _expert(session, "韦明", "市级", "柳北")
        county_expert = _expert(session, "覃亮", "县区级", "柳南")
        deleted_expert = _expert(session, "黄旧", "市级", "柳北")
        u1, u2, u3 = (_unit(session, "柳北", n) for n in ("甲厂", "乙厂", "丙厂"))
        u4, u5 = (_unit(session, "柳南", n) for n in ("丁校", "戊村"))
        _lecture(session, "柳北", 1, ["职业健康"], [u1, u2], [regional], 100, subsidised=True)
        _lecture(session, "柳北", 2, ["职业健康", "心理健康"], [u2], [city_expert], 50)
        _lecture(session, "柳北", 3, ["慢性病管理"], [u3], [city_expert], 30)
        _lecture(session, "柳北", 20, ["心理健康"], [], [regional], None, status="planned", subsidised=True)
        _lecture(session, "柳北", 5, ["职业健康"], [u1], [regional], 10, status="cancelled", subsidised=True)
        gone = _lecture(session, "柳北", 6, ["职业健康"], [u1], [regional], 999, subsidised=True)
        _lecture(session, "柳南", 10, ["其他内容"], [u4, u5], [regional, county_expert], 200, subsidised=True)
        _lecture(session, "柳南", 11, ["职业健康"], [u4], [county_expert], 20)
    with db.transaction() as session:
        lectures.delete_lecture(session, gone)
        units.delete_unit(session, u3, even_if_used=True)
        experts.delete_expert(session, deleted_expert)
    return db


def figures(progress) -> dict[str, tuple[int, int, int]]:
    return {c: (f.sessions, f.units, f.people) for c, f in progress.categories.items()}


def test_district_figures(stats_db):
    with stats_db.session() as session:
        liubei = district_progress(session, "柳北", 2025, today=date(2025, 7, 1))
        liunan = district_progress(session, "柳南区", 2025, today=date(2025, 7, 1))
    assert liubei.district == "柳北区"
    assert figures(liubei) == {
        "职业健康": (2, 2, 150), "心理健康": (1, 1, 50), "慢性病管理": (1, 0, 30), "其他内容": (0, 0, 0),
    }
    assert liubei.total == Figures(4, 3, 230)  # 附件2 合计: the sum of the rows
    assert liubei.distinct == Figures(3, 2, 180)
    assert liubei.planned == {"职业健康": 0, "心理健康": 1, "慢性病管理": 0, "其他内容": 0}
    assert liubei.plan == {"职业健康": 5, "心理健康": 2, "慢性病管理": 3}
    assert liubei.completion("职业健康") == pytest.approx(0.4)
    assert liubei.completion("心理健康") == pytest.approx(0.5)
    assert liubei.completion("慢性病管理") == pytest.approx(1 / 3)
    assert liubei.completion("其他内容") is None
    assert liubei.sessions_target == 10
    assert liubei.regional_sessions == 1
    assert liubei.regional_share == pytest.approx(1 / 3)
    assert (liubei.subsidy_quota, liubei.subsidised_held, liubei.subsidised_planned) == (2, 1, 1)
    assert liubei.units_target == 100
    assert liubei.experts == 1  # 韦明; the deleted one does not count

    assert figures(liunan) == {
        "职业健康": (1, 1, 20), "心理健康": (0, 0, 0), "慢性病管理": (0, 0, 0), "其他内容": (1, 2, 200),
    }
    assert liunan.total == Figures(2, 3, 220)
    assert liunan.distinct == Figures(2, 2, 220)
    assert liunan.regional_share == pytest.approx(0.5)
    assert (liunan.subsidy_quota, liunan.subsidised_held, liunan.subsidised_planned) == (2, 1, 0)


def test_city_figures(stats_db):
    with stats_db.session() as session:
        city = campaign_progress(session, 2025, today=date(2025, 7, 1))
    assert city.district is None
    assert [p.district for p in city.districts][:4] == ["柳北区", "城中区", "鱼峰区", "柳南区"]
    assert len(city.districts) == 10
    assert figures(city) == {
        "职业健康": (3, 3, 170), "心理健康": (1, 1, 50), "慢性病管理": (1, 0, 30), "其他内容": (1, 2, 200),
    }
    assert city.total == Figures(6, 6, 450)
    assert city.distinct == Figures(5, 4, 400)
    assert city.plan == {"职业健康": 50, "心理健康": 20, "慢性病管理": 30}
    assert city.plan_total == 100 and city.sessions_target == 100
    assert city.completion("职业健康") == pytest.approx(0.06)
    assert city.regional_sessions == 2
    assert city.regional_share == pytest.approx(0.4)
    assert (city.subsidy_quota, city.subsidised_held, city.subsidised_planned) == (18, 2, 1)
    assert city.units_target == 1000
    assert city.experts == 1 and city.min_experts == 10  # city-level experts only
    empty = city.districts[2]
    assert empty.total == Figures() and empty.distinct == Figures() and empty.regional_share == 0.0


def test_as_json_shape_and_values(stats_db):
    with stats_db.session() as session:
        data = district_progress(session, "柳北", 2025, today=date(2025, 7, 1)).as_json()
        city = campaign_progress(session, 2025, today=date(2025, 7, 1)).as_json()
    json.dumps(data, ensure_ascii=False)  # serialisable as it stands
    for required in ("year", "district", "categories", "total", "plan", "regional_share", "units_target"):
        assert required in data
    assert data["year"] == 2025 and data["district"] == "柳北区"
    assert list(data["categories"]) == ["职业健康", "心理健康", "慢性病管理", "其他内容"]
    assert data["categories"]["职业健康"] == {"sessions": 2, "units": 2, "people": 150}
    assert data["total"] == {"sessions": 4, "units": 3, "people": 230}
    assert data["distinct"] == {"sessions": 3, "units": 2, "people": 180}
    assert data["plan"] == {"职业健康": 5, "心理健康": 2, "慢性病管理": 3, "合计": 10}
    assert data["regional_share"] == pytest.approx(0.3333)
    assert data["units_target"] == 100
    assert data["subsidy"] == {"quota": 2, "held": 1, "planned": 1}
    assert "districts" not in data
    assert city["district"] is None and len(city["districts"]) == 10
    assert city["total"] == {"sessions": 6, "units": 6, "people": 450}


@pytest.mark.parametrize("today, states", [
    (date(2025, 4, 1), ["未报送（还剩 17 天）", "未报送（还剩 44 天）", "未报送（还剩 233 天）"]),
    (date(2025, 4, 18), ["未报送（今天截止）", "未报送（还剩 27 天）", "未报送（还剩 216 天）"]),
    (date(2025, 5, 16), ["逾期未报（逾期 28 天）", "逾期未报（逾期 1 天）", "未报送（还剩 188 天）"]),
])
def test_deadline_states_of_a_district_with_no_data(db, today, states):
    with db.session() as session:
        progress = district_progress(session, "鱼峰", 2025, today=today)
    assert [d.due for d in progress.deadlines] == [date(2025, 4, 18), date(2025, 5, 15), date(2025, 11, 20)]
    assert [d.state for d in progress.deadlines] == states
    assert not any(d.done for d in progress.deadlines)


def test_data_present_is_not_a_submission(stats_db):
    """柳北 has experts, units and held sessions, but sent nothing: nothing is 已完成 or 已报送 (issue 13)."""
    with stats_db.session() as session:
        liubei = district_progress(session, "柳北", 2025, today=date(2025, 12, 1))
        yufeng = district_progress(session, "鱼峰", 2025, today=date(2025, 12, 1))
    assert [d.state for d in liubei.deadlines] == ["逾期未报（逾期 227 天）", "逾期未报（逾期 200 天）",
                                                    "逾期未报（逾期 11 天）"]
    assert [d.state for d in yufeng.deadlines] == [d.state for d in liubei.deadlines]
    assert not any(d.done for d in liubei.deadlines)
    assert not any("已完成" in d.state or "已报送" in d.state for d in liubei.deadlines)


def test_a_recorded_submission_is_what_completes_a_stage(stats_db):
    with stats_db.transaction() as session:
        liubei = district_by_name(session, "柳北")
        record_submission(session, district_id=liubei.id, year=2025, stage="experts",
                          created_at=datetime(2025, 4, 20, 9, 30), digest="a" * 64, counts={}, file_name="x.lzbs")
    with stats_db.session() as session:
        progress = district_progress(session, "柳北", 2025, today=date(2025, 5, 1))
    assert [d.state for d in progress.deadlines] == ["已报送（4月20日，逾期 2 天）", "未报送（还剩 14 天）",
                                                      "未报送（还剩 203 天）"]
    assert [d.done for d in progress.deadlines] == [True, False, False]


def test_shortfalls_name_what_is_missing(stats_db):
    with stats_db.session() as session:
        liubei = district_progress(session, "柳北", 2025, today=date(2025, 7, 1))
    lines = liubei.shortfalls()
    assert "柳北区：职业健康已开展 2 场，计划 5 场，差 3 场" in lines
    assert any("覆盖“五进”单位 2 家" in line for line in lines)
    assert not any("自治区级专家授课占比" in line for line in lines)  # 33% ≥ 20%


def test_another_year_is_counted_separately(stats_db):
    with stats_db.transaction() as session:
        campaigns.add_campaign(session, 2026)
    with stats_db.session() as session:
        city_2026 = campaign_progress(session, 2026, today=date(2026, 7, 1))
        latest = campaign_progress(session, today=date(2026, 7, 1))
    assert city_2026.total == Figures() and city_2026.plan_total == 100
    assert latest.year == 2026


def test_city_stage_is_complete_only_when_every_district_has_submitted(db):
    """Completeness and timeliness per stage: received / expected, on time / expected."""
    from liuzhou_gui.domain.reference import DISTRICTS

    with db.transaction() as session:
        for number, district in enumerate(DISTRICTS):
            found = district_by_name(session, district.short_name)
            record_submission(session, district_id=found.id, year=2025, stage="experts",
                              created_at=datetime(2025, 4, 17 + number % 3, 10), digest=f"{number:064d}",
                              counts={}, file_name="")
    with db.session() as session:
        city = campaign_progress(session, 2025, today=date(2025, 4, 25))
    experts = city.deadlines[0]
    assert [d.done for d in city.deadlines] == [True, False, False]
    assert (experts.received, experts.on_time, experts.expected) == (10, 7, 10)  # the 19th is late
    assert experts.completeness == 1.0 and experts.timeliness == 0.7
    assert experts.state == "已收到 10/10 个县区，按时 7 个（逾期 7 天）"
    assert city.deadlines[1].state == "已收到 0/10 个县区，按时 0 个（还剩 20 天）"


def _mask(session, lecture_id: int) -> int:
    session.expire_all()
    return session.get(Lecture, lecture_id).category_mask


def test_category_bits_follow_every_change_of_a_session_s_categories(stats_db):
    """The statistics read lecture.category_mask; the database's triggers keep it, however categories change."""
    with stats_db.transaction() as session:
        unit = _unit(session, "柳北", "己厂")
        lecture = _lecture(session, "柳北", 12, ["职业健康", "慢性病管理"], [unit], [], 40)
    with stats_db.session() as session:
        assert _mask(session, lecture) == 0b0101  # 职业健康 (id 1) and 慢性病管理 (id 3)
    with stats_db.transaction() as session:
        draft = lectures.draft_of(session.get(Lecture, lecture))
        draft.categories = ["心理健康"]
        lectures.save_lecture(session, draft, lecture)
    with stats_db.session() as session:
        assert _mask(session, lecture) == 0b0010
        by_category = figures(district_progress(session, "柳北"))
    assert by_category["心理健康"] == (2, 2, 90)  # the edited session now counts as 心理健康 only
    with stats_db.transaction() as session:  # a bulk insert that bypasses the ORM
        session.execute(insert(lecture_category).values(lecture_id=lecture, category_id=4))
    with stats_db.session() as session:
        assert _mask(session, lecture) == 0b1010


def test_the_same_figures_on_a_core_connection_as_on_a_session(stats_db):
    """`stats` reads on a Core connection (no ORM imported), the window on a Session: one set of queries."""
    with stats_db.transaction() as session:
        record_submission(session, district_id=district_by_name(session, "柳南").id, year=2025, stage="experts",
                          created_at=datetime(2025, 4, 10, 8, 0), digest="b" * 64, counts={}, file_name="y.lzbs")
    today = date(2025, 5, 1)
    with stats_db.session() as session:
        on_session = campaign_progress(session, 2025, today=today), district_progress(session, "柳南区", today=today)
    with stats_db.connection() as connection:
        on_core = campaign_progress(connection, 2025, today=today), district_progress(connection, "柳南区", today=today)
        with pytest.raises(UsageError, match="没有名为“柳东”的县区。可用的县区：柳北、"):
            district_progress(connection, "柳东")
        with pytest.raises(NotFoundError, match="没有 1999 年度的活动。已有年度：2025"):
            campaign_progress(connection, 1999)
    assert on_core == on_session
    assert on_core[1].deadlines[0].latest.submitted_on == date(2025, 4, 10)
    assert on_core[0].regional_share_min == pytest.approx(0.2)
