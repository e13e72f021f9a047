"""What the 科普活动 form offers to tick: lecturers (regional ones first) and the district's units."""

from __future__ import annotations

from sqlalchemy import select

from ...domain.reference import LEVEL_REGIONAL
from ..collation import codepoint_order
from ..database import Database
from ..lookups import district_by_name
from ..models import Expert, Unit

REGIONAL_MARK = "【自治区级】"


def expert_choices(db: Database) -> list[tuple[int, str, str]]:
    """(id, shown text, search key) of every expert not in the 回收站."""
    with db.session() as session:
        rows = session.execute(
            select(Expert.id, Expert.name, Expert.unit, Expert.level, Expert.search_key)
            .where(Expert.deleted_at.is_(None))
            .order_by(Expert.level != LEVEL_REGIONAL, Expert.district_id, Expert.list_order, Expert.id)
        )
        return [
            (r.id, f"{REGIONAL_MARK if r.level == LEVEL_REGIONAL else ''}{r.name}（{r.unit}）", r.search_key)
            for r in rows
        ]


def unit_choices(db: Database, district: str) -> list[tuple[int, str, str]]:
    """(id, name, search key) of the district's units not in the 回收站."""
    with db.session() as session:
        district_id = district_by_name(session, district).id
        rows = session.execute(
            select(Unit.id, Unit.name, Unit.search_key)
            .where(Unit.district_id == district_id, Unit.deleted_at.is_(None)).order_by(codepoint_order(Unit.name))
        )
        return [(r.id, r.name, r.search_key) for r in rows]
