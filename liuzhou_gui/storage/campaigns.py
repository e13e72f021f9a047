"""Campaign years: a new year copies the previous year's targets and quotas."""

from __future__ import annotations

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
