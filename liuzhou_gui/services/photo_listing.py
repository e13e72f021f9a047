"""Held sessions with their photos: the `photos list` overview and the 活动图片 appendix's content."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..domain.reference import STATUS_HELD
from ..storage.database import Database
from ..storage.lookups import campaign_for_year, district_by_name
from ..storage.models import District, Lecture
from ..storage.photos import PhotoInfo, photo_counts, photo_infos


@dataclass(frozen=True)
class SessionPhotos:
    id: int
    held_on: date
    district: str  # short name
    topic: str
    place: str
    units: list[str]
    photos: int
    infos: tuple[PhotoInfo, ...] = ()


def held_sessions(db: Database, district: str | None, year: int | None, *, with_infos: bool = False,
                  only_with_photos: bool = False) -> list[SessionPhotos]:
    """Live held sessions of the year, by district in plan order, then by date."""
    with db.session() as session:
        campaign = campaign_for_year(session, year)
        query = (
            select(Lecture).join(Lecture.district)
            .where(Lecture.campaign_id == campaign.id, Lecture.status == STATUS_HELD, Lecture.deleted_at.is_(None))
            .options(selectinload(Lecture.units), selectinload(Lecture.district))
            .order_by(District.plan_order, Lecture.held_on, Lecture.start_time, Lecture.id)
        )
        if district:
            query = query.where(Lecture.district_id == district_by_name(session, district).id)
        lectures = session.scalars(query).all()
        counts = photo_counts(session, [x.id for x in lectures])
        found = []
        for x in lectures:
            if only_with_photos and not counts.get(x.id):
                continue
            infos = tuple(photo_infos(session, x.id)) if with_infos and counts.get(x.id) else ()
            found.append(SessionPhotos(
                x.id, x.held_on, x.district.short_name, x.topic, x.place,
                [u.name for u in x.units if u.deleted_at is None], counts.get(x.id, 0), infos,
            ))
        return found
