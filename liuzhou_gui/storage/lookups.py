"""Reference rows by their Chinese names, and the campaign of a year."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.reference import find_district
from .models import Campaign, Category, District, Setting, UnitKind
from .plain_reads import campaign_row, unknown_district
from .plain_reads import campaign_years as campaign_years  # still importable from here

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
        raise unknown_district(name, [d.short_name for d in districts(session)])
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


def campaign_for_year(session: Session, year: int | None = None) -> Campaign:
    """The campaign of `year`, or the latest one when no year is given (NotFoundError says which exist)."""
    return session.get_one(Campaign, campaign_row(session, year).id)


INSTALLATION_BUREAU_KEY = "installation.bureau"  # set through services.installation (first-start dialog)


def installation_bureau(session: Session) -> str | None:
    """The bureau this copy of the app belongs to, once the first-start dialog has been completed."""
    row = session.get(Setting, INSTALLATION_BUREAU_KEY)
    return row.value if row else None
