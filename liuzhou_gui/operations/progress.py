"""工作台: the campaign's progress for the city or one district (a read)."""

from __future__ import annotations

from datetime import date

from ..domain.progress import Progress
from ..storage.database import Database
from ..storage.statistics import campaign_progress
from .core import NO_JOB, Job


def campaign_progress_for(db: Database, year: int, district: str | None, _job: Job = NO_JOB, *,
                          today: date | None = None) -> Progress:
    """As of `today` (the stages' states count days against it; None: the real date)."""
    with db.session() as session:
        city = campaign_progress(session, year, today=today)
    if district is None:
        return city
    return next(p for p in city.districts if p.district == district)
