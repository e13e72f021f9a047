"""Campaign years: a new year copies the previous year's targets and quotas."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import AppError
from ..domain.reference import CampaignDefaults
from . import audit
from .lookups import campaign_for_year
from .models import Campaign, PlanTarget, SubsidyQuota


def add_campaign(session: Session, year: int, copy_from: int | None = None) -> Campaign:
    """Create the campaign of `year` with the plan of `copy_from` (default: the latest year)."""
    if not 2000 <= year <= 2100:
        raise AppError(f"年度 {year} 不合理，应在 2000 到 2100 之间。")
    if session.scalars(select(Campaign).where(Campaign.year == year)).first():
        raise AppError(f"{year} 年度的活动已经存在。")
    source = campaign_for_year(session, copy_from)
    dates = CampaignDefaults.for_year(year)
    campaign = Campaign(
        year=year,
        activity_start=dates.activity_start, activity_end=dates.activity_end,
        experts_deadline=dates.experts_deadline, units_deadline=dates.units_deadline,
        report_deadline=dates.report_deadline,
        city_min_experts=source.city_min_experts, city_min_sessions=source.city_min_sessions,
        city_min_units=source.city_min_units, district_min_sessions=source.district_min_sessions,
        district_min_units=source.district_min_units,
        regional_share_min_permille=source.regional_share_min_permille,
        targets=[
            PlanTarget(district_id=t.district_id, category_id=t.category_id, sessions=t.sessions)
            for t in source.targets
        ],
        quotas=[SubsidyQuota(district_id=q.district_id, lectures=q.lectures) for q in source.quotas],
    )
    session.add(campaign)
    session.flush()
    audit.record(session, "create", "campaign", campaign.id, f"{year} 年度", {"copied_from": [None, source.year]})
    return campaign


def set_deadlines(session: Session, year: int, deadlines: dict[str, date]) -> dict[str, list]:
    """Move stage deadlines of a year ({stage code: date}); a later year's plan may move them. Audited.
    Returns the changes {field: [old, new]}."""
    from ..domain.stages import STAGE_BY_CODE

    campaign = campaign_for_year(session, year)
    changes: dict[str, list] = {}
    for code, due in deadlines.items():
        stage = STAGE_BY_CODE[code]
        if not year <= due.year <= year + 1:
            raise AppError(f"{stage.short}的截止日期 {due:%Y-%m-%d} 不在 {year} 年度内。")
        old = getattr(campaign, stage.deadline_field)
        if old != due:
            setattr(campaign, stage.deadline_field, due)
            changes[stage.deadline_field] = [old.isoformat(), due.isoformat()]
    order = [getattr(campaign, s.deadline_field) for s in STAGE_BY_CODE.values()]
    if order != sorted(order):
        raise AppError("截止日期的先后应为：专家名单、单位名单与授课计划、开展情况与工作总结。")
    if changes:
        audit.record(session, "update", "campaign", campaign.id, f"{year} 年度截止日期", changes)
    return changes


NEW_YEAR_OFFERED_KEY = "cycle.new_year_offered"


def pending_new_year(session: Session, today: date) -> int | None:
    """The calendar year to offer starting, once: today's year when it has no campaign, is later than every
    campaign, and the offer was not made before (started, or chosen to wait for the city's 下发包)."""
    from .models import Setting

    years = list(session.scalars(select(Campaign.year)))
    if today.year in years or (years and today.year < max(years)):
        return None
    offered = session.get(Setting, NEW_YEAR_OFFERED_KEY)
    if offered is not None and offered.value == str(today.year):
        return None
    return today.year


def mark_new_year_offered(session: Session, year: int) -> None:
    from .models import Setting

    row = session.get(Setting, NEW_YEAR_OFFERED_KEY)
    if row is None:
        session.add(Setting(key=NEW_YEAR_OFFERED_KEY, value=str(year)))
    else:
        row.value = str(year)
