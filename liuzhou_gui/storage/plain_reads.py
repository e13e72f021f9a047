"""Reads on SQLAlchemy Core, without the ORM: the campaign of a year, the districts, the standing
submissions. The statistics are built on them, so that `liuzhou-gui stats` answers without importing
and configuring the ORM and the models (about half of its start). Each runs on a Connection or on an
ORM Session alike; lookups and submissions use them too, so each read is written once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Date, DateTime, Integer, Row, column, text

from ..domain.errors import NotFoundError, UsageError
from ..domain.progress import StageRecord
from ..domain.reference import find_district
from ..domain.stages import STAGES

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# The campaign's figures the statistics use; its deadlines (domain.stages) are read as dates.
_CAMPAIGN_NUMBERS = (
    "id", "year", "city_min_experts", "city_min_sessions", "city_min_units", "district_min_sessions",
    "district_min_units", "regional_share_min_permille",
)


def campaign_years(reader: Connection | Session) -> list[int]:
    return [int(year) for year in reader.execute(text("SELECT year FROM campaign ORDER BY year")).scalars()]


def campaign_row(reader: Connection | Session, year: int | None = None) -> Row[Any]:
    """The campaign of `year`, or the latest one when no year is given: its id, year, minima and
    deadlines (by the names of domain.stages' deadline_field)."""
    deadlines = [stage.deadline_field for stage in STAGES]
    where = "" if year is None else "WHERE year = :year"
    query = text(
        f"SELECT {', '.join((*_CAMPAIGN_NUMBERS, *deadlines))} FROM campaign {where} ORDER BY year DESC LIMIT 1"
    ).columns(*(column(name, Integer) for name in _CAMPAIGN_NUMBERS), *(column(name, Date) for name in deadlines))
    campaign = reader.execute(query, {"year": year}).first()
    if campaign is None and year is None:
        raise NotFoundError("数据库里还没有任何活动年度。请在“设置”的“活动年度”中新增年度。")
    if campaign is None:
        years = "、".join(str(y) for y in campaign_years(reader)) or "无"
        raise NotFoundError(f"没有 {year} 年度的活动。已有年度：{years}。可在“设置”的“活动年度”中新增 {year} 年度。")
    return campaign


def district_rows(reader: Connection | Session) -> list[Row[Any]]:
    """Every district's id, code, name and short name, in the plan's order."""
    return list(reader.execute(text("SELECT id, code, name, short_name FROM district ORDER BY plan_order")))


def unknown_district(name: str, short_names: list[str]) -> UsageError:
    choices = "、".join(short_names)
    shown = name[:20] + ("…" if len(name) > 20 else "")
    return UsageError(f"没有名为“{shown}”的县区。可用的县区：{choices}")


def district_row(reader: Connection | Session, name: str) -> Row[Any]:
    """A district by its full (柳南区), short (柳南) or bureau name; a UsageError names the valid ones."""
    rows = district_rows(reader)
    info = find_district(name)
    found = next((row for row in rows if info is not None and row.code == info.code), None)
    if found is None:
        raise unknown_district(name, [row.short_name for row in rows])
    return found


def latest_by_stage(reader: Connection | Session, year: int) -> dict[tuple[int, str], StageRecord]:
    """(district id, stage) → the standing submission's record, for the 工作台 and 报送情况."""
    query = text(
        "SELECT district_id, stage, created_at, decision, reason FROM submission WHERE year = :year"
        " ORDER BY created_at, id"
    ).columns(column("district_id", Integer), column("stage"), column("created_at", DateTime), column("decision"),
              column("reason"))
    result: dict[tuple[int, str], StageRecord] = {}
    for district_id, stage, created_at, decision, reason in reader.execute(query, {"year": year}):
        result[(district_id, stage)] = StageRecord(created_at.date(), decision, reason or "")
    return result
