"""Reference rows by their Chinese names, and the campaign of a year."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import NotFoundError, UsageError
from ..domain.reference import find_district
from .models import Campaign, Category, District, Setting, UnitKind

T = TypeVar("T")


def _cached(session: Session, key: str, load: Callable[[], T]) -> T:
    """Reference rows never change while the app runs: load them once per session (imports save
    thousands of records in one session)."""
    if key not in session.info:
        session.info[key] = load()
    loaded: T = session.info[key]  # what load() returned for this key
    return loaded


def district_by_name(session: Session, name: str) -> District:
    """Full (柳南区), short (柳南) or bureau name; a UsageError names the valid ones."""
    info = find_district(name)
    if info is None:
        choices = "、".join(d.short_name for d in districts(session))
        shown = name[:20] + ("…" if len(name) > 20 else "")
        raise UsageError(f"没有名为“{shown}”的县区。可用的县区：{choices}")
    return next(d for d in districts(session) if d.code == info.code)


def districts(session: Session) -> list[District]:
    return _cached(session, "districts", lambda: list(session.scalars(select(District).order_by(District.plan_order))))


def categories(session: Session) -> list[Category]:
    return _cached(session, "categories", lambda: list(session.scalars(select(Category).order_by(Category.sort_order))))


def category_by_name(session: Session) -> dict[str, Category]:
    return {c.name: c for c in categories(session)}


def unit_kind_by_name(session: Session) -> dict[str, UnitKind]:
    kinds = _cached(
        session, "unit_kinds", lambda: list(session.scalars(select(UnitKind).order_by(UnitKind.sort_order)))
    )
    return {k.name: k for k in kinds}


def campaign_years(session: Session) -> list[int]:
    return list(session.scalars(select(Campaign.year).order_by(Campaign.year)))


def campaign_for_year(session: Session, year: int | None = None) -> Campaign:
    """The campaign of `year`, or the latest one when no year is given."""
    if year is None:
        campaign = session.scalars(select(Campaign).order_by(Campaign.year.desc()).limit(1)).first()
    else:
        campaign = session.scalars(select(Campaign).where(Campaign.year == year)).first()
    if campaign is None and year is None:
        raise NotFoundError("数据库里还没有任何活动年度。请在“设置”的“活动年度”中新增年度。")
    if campaign is None:
        years = "、".join(str(y) for y in campaign_years(session)) or "无"
        raise NotFoundError(f"没有 {year} 年度的活动。已有年度：{years}。可在“设置”的“活动年度”中新增 {year} 年度。")
    return campaign


INSTALLATION_BUREAU_KEY = "installation.bureau"  # set through services.installation (first-start dialog)


def installation_bureau(session: Session) -> str | None:
    """The bureau this copy of the app belongs to, once the first-start dialog has been completed."""
    row = session.get(Setting, INSTALLATION_BUREAU_KEY)
    return row.value if row else None
