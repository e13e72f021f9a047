"""The initial data of a new database, compared cell by cell with the plan's tables 附件1 and 附件4."""

from __future__ import annotations

from datetime import date

import pytest
from plan_tables import plan_table_1_rows, plan_table_4_rows
from sqlalchemy import select

from liuzhou_gui.domain.errors import AppError
from liuzhou_gui.domain.reference import DISTRICTS
from liuzhou_gui.storage import campaigns
from liuzhou_gui.storage.lookups import campaign_for_year, categories, districts
from liuzhou_gui.storage.models import Campaign, Expert, PlanTarget, SubsidyQuota, UnitKind


@pytest.fixture(scope="module")
def plan_table_1() -> list[list[str]]:
    return plan_table_1_rows()


@pytest.fixture(scope="module")
def plan_table_4() -> list[list[str]]:
    return plan_table_4_rows()


def test_plan_table_1_matches_the_database(db, plan_table_1):
    assert len(plan_table_1) == 11 and plan_table_1[-1][0] == "合计"
    with db.session() as session:
        campaign = campaign_for_year(session, 2025)
        targets = {(t.district.short_name, t.category.name): t.sessions for t in campaign.targets}
        ordered = [d.short_name for d in districts(session)]
        assert ordered == [row[0] for row in plan_table_1[:-1]]
        columns = ("职业健康", "心理健康", "慢性病管理")
        totals = dict.fromkeys(columns, 0)
        for short_name, total, *per_category in plan_table_1[:-1]:
            for category, cell in zip(columns, per_category, strict=True):
                assert targets[(short_name, category)] == int(cell), (short_name, category)
                totals[category] += targets[(short_name, category)]
            assert sum(targets[(short_name, c)] for c in columns) == int(total), short_name
        _, grand_total, *category_totals = plan_table_1[-1]
        assert [totals[c] for c in columns] == [int(cell) for cell in category_totals]
        assert sum(totals.values()) == int(grand_total) == 100
        assert len(campaign.targets) == 30  # nothing planned beyond the table


def test_plan_table_4_matches_the_database(db, plan_table_4):
    assert len(plan_table_4) == 17
    with db.session() as session:
        regional = list(session.scalars(
            select(Expert).where(Expert.level == "自治区级", Expert.deleted_at.is_(None))
            .order_by(Expert.list_order, Expert.id)
        ))
        stored = [["", e.category.name, e.name, e.unit, e.title] for e in regional]
        assert all(e.district is None for e in regional)
    assert stored == plan_table_4
    assert ["", "慢性病管理", "刘芸", "柳州市疾病预防控制中心", "副主任医师/慢病所副所长"] in stored


def test_districts_categories_and_kinds(db):
    with db.session() as session:
        stored = [(d.code, d.name, d.short_name, d.bureau_name, d.plan_order) for d in districts(session)]
        assert stored == [(d.code, d.name, d.short_name, d.bureau_name, d.plan_order) for d in DISTRICTS]
        names = {d.short_name: d for d in districts(session)}
        assert names["融水"].name == "融水苗族自治县"
        assert names["三江"].bureau_name == "三江侗族自治县卫生健康局"
        assert names["柳北"].bureau_name == "柳北区卫生健康局"
        assert [(c.name, c.planned) for c in categories(session)] == [
            ("职业健康", True), ("心理健康", True), ("慢性病管理", True), ("其他内容", False)
        ]
        kinds = session.scalars(select(UnitKind.name).order_by(UnitKind.sort_order)).all()
        assert kinds == ["机构", "企业", "学校", "乡村", "社区"]


def test_the_2025_campaign_calendar_and_targets(db):
    with db.session() as session:
        assert session.scalars(select(Campaign.year)).all() == [2025]
        c = campaign_for_year(session, 2025)
        assert c.experts_deadline == date(2025, 4, 18)
        assert c.units_deadline == date(2025, 5, 15)
        assert c.report_deadline == date(2025, 11, 20)
        assert (c.activity_start, c.activity_end) == (date(2025, 5, 1), date(2025, 10, 31))
        assert (c.city_min_experts, c.city_min_sessions, c.city_min_units) == (10, 100, 1000)
        assert (c.district_min_sessions, c.district_min_units) == (10, 100)
        assert c.regional_share_min_permille == 200


def test_subsidy_quota_2025(db):
    with db.session() as session:
        quotas = {q.district.short_name: q.lectures for q in campaign_for_year(session, 2025).quotas}
    assert sum(quotas.values()) == 18
    assert quotas == {d.short_name: (1 if d.short_name in ("城中", "三江") else 2) for d in DISTRICTS}


def test_a_2026_campaign_copies_the_targets_and_quotas(db):
    with db.transaction() as session:
        campaigns.add_campaign(session, 2026)
    with db.session() as session:
        old, new = campaign_for_year(session, 2025), campaign_for_year(session, 2026)
        assert campaign_for_year(session).year == 2026
        assert new.experts_deadline == date(2026, 4, 18)
        assert new.report_deadline == date(2026, 11, 20)
        assert (new.activity_start, new.activity_end) == (date(2026, 5, 1), date(2026, 10, 31))

        def targets(c):
            return sorted((t.district_id, t.category_id, t.sessions) for t in c.targets)

        def quotas(c):
            return sorted((q.district_id, q.lectures) for q in c.quotas)

        assert targets(new) == targets(old) and len(targets(new)) == 30
        assert quotas(new) == quotas(old) and sum(q for _, q in quotas(new)) == 18
        # Copies, not shared rows: the 2025 plan still has its own 30 rows.
        assert len(session.scalars(select(PlanTarget)).all()) == 60
        assert len(session.scalars(select(SubsidyQuota)).all()) == 20


def test_a_campaign_year_cannot_be_added_twice(db):
    with pytest.raises(AppError, match="已经存在"), db.transaction() as session:
        campaigns.add_campaign(session, 2025)


def test_a_missing_year_is_explained(db):
    from liuzhou_gui.domain.errors import NotFoundError

    with db.session() as session, pytest.raises(NotFoundError, match="没有 2030 年度的活动。已有年度：2025"):
        campaign_for_year(session, 2030)
