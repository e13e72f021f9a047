"""The statistics queries: a handful of GROUP BY queries for the whole city at once.

Every district's figures come from the same queries; the city's are their sums (units belong
to one district and a session only covers units of its own district, so distinct units add up).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from sqlalchemy import and_, distinct, func, select
from sqlalchemy.orm import Session

from ..domain.progress import Deadline, Figures, Progress
from ..domain.reference import CATEGORIES, LEVEL_CITY, LEVEL_REGIONAL, STATUS_CANCELLED, STATUS_HELD, STATUS_PLANNED
from .lookups import campaign_for_year, district_by_name, districts
from .models import (
    Campaign,
    Category,
    Expert,
    Lecture,
    PlanTarget,
    SubsidyQuota,
    Unit,
    lecture_category,
    lecture_expert,
)


def _live_lectures(campaign_id: int, *statuses: str):
    return and_(Lecture.campaign_id == campaign_id, Lecture.deleted_at.is_(None), Lecture.status.in_(statuses))


# The one query whose result is large (a row per session, category and unit): read through the
# driver's cursor, as plain tuples, which is several times faster than building ORM rows.
_COVERAGE_SQL = """
SELECT l.district_id, lc.category_id, lu.unit_id
FROM lecture AS l
JOIN lecture_category AS lc ON lc.lecture_id = l.id
JOIN lecture_unit AS lu ON lu.lecture_id = l.id
WHERE l.campaign_id = ? AND l.status = ? AND l.deleted_at IS NULL
"""


def _units_covered(session: Session, campaign_id: int) -> tuple[Counter, Counter]:
    """Distinct live units reached by held sessions: per (district, category name) and per district.

    One pass over the (district, category, unit) rows with the de-duplication done in sets: two
    COUNT(DISTINCT) queries would each walk the same join and sort it again.
    """
    cursor = session.connection().connection.driver_connection.cursor()
    try:
        triples = set(cursor.execute(_COVERAGE_SQL, (campaign_id, STATUS_HELD)))
    finally:
        cursor.close()
    deleted = set(session.scalars(select(Unit.id).where(Unit.deleted_at.is_not(None))))
    if deleted:
        triples = {row for row in triples if row[2] not in deleted}
    names = dict(session.execute(select(Category.id, Category.name)).all())
    per_category = Counter((district, names[category]) for district, category, _ in triples)
    per_district = Counter(district for district, _ in {(district, unit) for district, _, unit in triples})
    return per_category, per_district


def _per_district_category(session: Session, campaign_id: int, units: Counter) -> dict[tuple[int, str], Figures]:
    figures: dict[tuple[int, str], Figures] = defaultdict(Figures)
    rows = session.execute(
        select(Lecture.district_id, Category.name, func.count(), func.coalesce(func.sum(Lecture.attendance), 0))
        .join(lecture_category, lecture_category.c.lecture_id == Lecture.id)
        .join(Category, Category.id == lecture_category.c.category_id)
        .where(_live_lectures(campaign_id, STATUS_HELD))
        .group_by(Lecture.district_id, Category.name)
    )
    for district_id, category, sessions, people in rows:
        figures[(district_id, category)] = Figures(sessions, units[(district_id, category)], people)
    return figures


def _per_district_distinct(session: Session, campaign_id: int, units: Counter) -> dict[int, Figures]:
    rows = session.execute(
        select(Lecture.district_id, func.count(), func.coalesce(func.sum(Lecture.attendance), 0))
        .where(_live_lectures(campaign_id, STATUS_HELD)).group_by(Lecture.district_id)
    )
    return {district_id: Figures(sessions, units[district_id], people) for district_id, sessions, people in rows}


def _planned_per_district_category(session: Session, campaign_id: int) -> dict[tuple[int, str], int]:
    rows = session.execute(
        select(Lecture.district_id, Category.name, func.count())
        .join(lecture_category, lecture_category.c.lecture_id == Lecture.id)
        .join(Category, Category.id == lecture_category.c.category_id)
        .where(_live_lectures(campaign_id, STATUS_PLANNED))
        .group_by(Lecture.district_id, Category.name)
    )
    return {(d, c): n for d, c, n in rows}


def _regional_per_district(session: Session, campaign_id: int) -> dict[int, int]:
    rows = session.execute(
        select(Lecture.district_id, func.count(distinct(Lecture.id)))
        .join(lecture_expert, lecture_expert.c.lecture_id == Lecture.id)
        .join(Expert, Expert.id == lecture_expert.c.expert_id)
        .where(_live_lectures(campaign_id, STATUS_HELD), Expert.level == LEVEL_REGIONAL)
        .group_by(Lecture.district_id)
    )
    return dict(rows.all())


def _subsidised_per_district(session: Session, campaign_id: int) -> dict[tuple[int, str], int]:
    rows = session.execute(
        select(Lecture.district_id, Lecture.status, func.count())
        .where(
            Lecture.campaign_id == campaign_id, Lecture.deleted_at.is_(None),
            Lecture.subsidised.is_(True), Lecture.status != STATUS_CANCELLED,
        )
        .group_by(Lecture.district_id, Lecture.status)
    )
    return {(d, s): n for d, s, n in rows}


def _experts_per_district(session: Session) -> tuple[dict[int, int], int]:
    rows = session.execute(
        select(Expert.district_id, func.count())
        .where(Expert.deleted_at.is_(None), Expert.level != LEVEL_REGIONAL)
        .group_by(Expert.district_id)
    )
    per_district = {d: n for d, n in rows if d is not None}
    city_level = session.scalar(
        select(func.count()).select_from(Expert).where(Expert.deleted_at.is_(None), Expert.level == LEVEL_CITY)
    ) or 0
    return per_district, city_level


def _data_present(session: Session, campaign: Campaign) -> dict[int, set[str]]:
    """Which deadlines' data each district has: experts, units, regional plan, held sessions."""
    present: dict[int, set[str]] = defaultdict(set)
    for (district_id,) in session.execute(
        select(Expert.district_id).where(Expert.deleted_at.is_(None)).group_by(Expert.district_id)
    ):
        present[district_id].add("experts")
    for (district_id,) in session.execute(
        select(Unit.district_id).where(Unit.deleted_at.is_(None)).group_by(Unit.district_id)
    ):
        present[district_id].add("units")
    for (district_id,) in session.execute(
        select(Lecture.district_id)
        .join(lecture_expert, lecture_expert.c.lecture_id == Lecture.id)
        .join(Expert, Expert.id == lecture_expert.c.expert_id)
        .where(Lecture.campaign_id == campaign.id, Lecture.deleted_at.is_(None), Expert.level == LEVEL_REGIONAL)
        .group_by(Lecture.district_id)
    ):
        present[district_id].add("regional_plan")
    for (district_id,) in session.execute(
        select(Lecture.district_id).where(_live_lectures(campaign.id, STATUS_HELD)).group_by(Lecture.district_id)
    ):
        present[district_id].add("held")
    return present


def _deadlines(campaign: Campaign, present: set[str], today: date) -> list[Deadline]:
    """Data present is a sign of work done; whether it was sent is not something the app can know."""
    spec = (
        ("报送专家名单（附件3）", campaign.experts_deadline, {"experts"}),
        ("报送“五进”单位名单（附件5）和自治区专家授课计划（附件6）", campaign.units_deadline,
         {"units", "regional_plan"}),
        ("报送开展情况（附件2）和工作总结", campaign.report_deadline, {"held"}),
    )
    return [
        Deadline(label, due, (due - today).days, needs <= present)
        for label, due, needs in spec
    ]


def campaign_progress(session: Session, year: int | None = None, *, today: date | None = None) -> Progress:
    """The city's Progress, with one Progress per district in `districts`."""
    today = today or date.today()
    campaign = campaign_for_year(session, year)
    units_per_category, units_per_district = _units_covered(session, campaign.id)
    by_category = _per_district_category(session, campaign.id, units_per_category)
    by_district = _per_district_distinct(session, campaign.id, units_per_district)
    planned = _planned_per_district_category(session, campaign.id)
    regional = _regional_per_district(session, campaign.id)
    subsidised = _subsidised_per_district(session, campaign.id)
    experts, city_experts = _experts_per_district(session)
    present = _data_present(session, campaign)
    targets = {
        (t.district_id, t.category.name): t.sessions
        for t in session.scalars(select(PlanTarget).where(PlanTarget.campaign_id == campaign.id))
    }
    quotas = dict(
        session.execute(
            select(SubsidyQuota.district_id, SubsidyQuota.lectures).where(SubsidyQuota.campaign_id == campaign.id)
        ).all()
    )
    share_min = campaign.regional_share_min
    city = Progress(
        year=campaign.year, district=None, min_sessions=campaign.city_min_sessions,
        units_target=campaign.city_min_units, regional_share_min=share_min,
        experts=city_experts, min_experts=campaign.city_min_experts,
    )
    # The city's deadlines are met when every district has the data, not when one has.
    present_everywhere: set[str] | None = None
    for district in districts(session):
        part = Progress(
            year=campaign.year, district=district.name, min_sessions=campaign.district_min_sessions,
            units_target=campaign.district_min_units, regional_share_min=share_min,
            experts=experts.get(district.id, 0),
        )
        for category in CATEGORIES:
            part.categories[category] = by_category.get((district.id, category), Figures())
            part.planned[category] = planned.get((district.id, category), 0)
            city.categories[category] = city.categories[category] + part.categories[category]
            city.planned[category] += part.planned[category]
        for category in part.plan:
            part.plan[category] = targets.get((district.id, category), 0)
            city.plan[category] += part.plan[category]
        part.distinct = by_district.get(district.id, Figures())
        part.regional_sessions = regional.get(district.id, 0)
        part.subsidised_held = subsidised.get((district.id, STATUS_HELD), 0)
        part.subsidised_planned = subsidised.get((district.id, STATUS_PLANNED), 0)
        part.subsidy_quota = quotas.get(district.id, 0)
        part.deadlines = _deadlines(campaign, present.get(district.id, set()), today)
        mine = present.get(district.id, set())
        present_everywhere = set(mine) if present_everywhere is None else present_everywhere & mine
        city.distinct = city.distinct + part.distinct
        city.regional_sessions += part.regional_sessions
        city.subsidised_held += part.subsidised_held
        city.subsidised_planned += part.subsidised_planned
        city.subsidy_quota += part.subsidy_quota
        city.districts.append(part)
    city.deadlines = _deadlines(campaign, present_everywhere or set(), today)
    return city


def district_progress(session: Session, district_name: str, year: int | None = None, *,
                      today: date | None = None) -> Progress:
    """One district's Progress (computed with the city's, which costs the same queries)."""
    wanted = district_by_name(session, district_name).name
    city = campaign_progress(session, year, today=today)
    return next(p for p in city.districts if p.district == wanted)
