"""The fast statistics queries give exactly what a plain recount of the records gives.

storage/statistics.py answers with a few hand-tuned GROUP BY queries; here the same figures are
counted the slow, obvious way from the ORM objects, on the demo data with awkward cases planted
(deleted units and sessions, cancelled sessions, several categories, deleted regional lecturers).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from liuzhou_gui.domain.progress import Figures
from liuzhou_gui.domain.reference import CATEGORIES, LEVEL_REGIONAL, STATUS_HELD, STATUS_PLANNED
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.lookups import campaign_for_year
from liuzhou_gui.storage.models import Lecture
from liuzhou_gui.storage.statistics import campaign_progress


def _plant_awkward_cases(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.executescript("""
            UPDATE unit SET deleted_at = '2025-08-01 00:00:00' WHERE id % 23 = 0;
            UPDATE lecture SET deleted_at = '2025-08-01 00:00:00' WHERE id % 19 = 0;
            UPDATE lecture SET status = 'cancelled' WHERE id % 17 = 0;
            UPDATE lecture SET subsidised = 1 WHERE id % 11 = 0;
            UPDATE lecture SET attendance = NULL WHERE id % 13 = 0 AND status = 'planned';
            INSERT OR IGNORE INTO lecture_category (lecture_id, category_id)
                SELECT id, (id % 4) + 1 FROM lecture WHERE id % 3 = 0;
            UPDATE expert SET deleted_at = '2025-08-01 00:00:00'
                WHERE id = (SELECT min(id) FROM expert WHERE level = '自治区级');
        """)
        conn.commit()
    finally:
        conn.close()


def _recount(db: Database) -> dict[str, dict]:
    """{district name: figures} counted record by record."""
    result: dict[str, dict] = {}
    with db.session() as session:
        campaign = campaign_for_year(session, 2025)
        lectures = session.scalars(
            select(Lecture).where(Lecture.campaign_id == campaign.id, Lecture.deleted_at.is_(None))
            .options(selectinload(Lecture.units), selectinload(Lecture.categories),
                     selectinload(Lecture.experts), selectinload(Lecture.district))
        ).all()
        by_district: dict[str, list[Lecture]] = defaultdict(list)
        for lecture in lectures:
            by_district[lecture.district.name].append(lecture)
        for name, mine in by_district.items():
            held = [lec for lec in mine if lec.status == STATUS_HELD]
            categories = {}
            for category in CATEGORIES:
                in_category = [lec for lec in held if category in {c.name for c in lec.categories}]
                units = {u.id for lec in in_category for u in lec.units if u.deleted_at is None}
                categories[category] = Figures(
                    len(in_category), len(units), sum(lec.attendance or 0 for lec in in_category)
                )
            covered = {u.id for lec in held if lec.categories for u in lec.units if u.deleted_at is None}
            result[name] = {
                "categories": categories,
                "distinct": Figures(len(held), len(covered), sum(lec.attendance or 0 for lec in held)),
                "planned": {
                    c: sum(1 for lec in mine if lec.status == STATUS_PLANNED and c in {x.name for x in lec.categories})
                    for c in CATEGORIES
                },
                "regional": sum(1 for lec in held if any(e.level == LEVEL_REGIONAL for e in lec.experts)),
                "subsidised_held": sum(1 for lec in held if lec.subsidised),
                "subsidised_planned": sum(1 for lec in mine if lec.subsidised and lec.status == STATUS_PLANNED),
            }
    return result


def test_statistics_equal_a_plain_recount(demo_path: Path) -> None:
    _plant_awkward_cases(demo_path)
    db = Database.open(demo_path)
    try:
        expected = _recount(db)
        with db.session() as session:
            city = campaign_progress(session, 2025, today=date(2025, 9, 1))
    finally:
        db.close()
    assert {p.district for p in city.districts} == set(expected)
    for part in city.districts:
        want = expected[part.district]
        assert part.categories == want["categories"], part.district
        assert part.distinct == want["distinct"], part.district
        assert part.planned == want["planned"], part.district
        assert part.regional_sessions == want["regional"], part.district
        assert (part.subsidised_held, part.subsidised_planned) == (
            want["subsidised_held"], want["subsidised_planned"]
        ), part.district
    for category in CATEGORIES:
        assert city.categories[category] == sum(
            (want["categories"][category] for want in expected.values()), Figures()
        )
    assert city.distinct == sum((want["distinct"] for want in expected.values()), Figures())
    assert city.regional_sessions == sum(want["regional"] for want in expected.values())
