"""The statistics queries: a handful of GROUP BY queries for the whole city at once.

Every district's figures come from the same queries; the city's are their sums (units belong
to one district and a session only covers units of its own district, so distinct units add up).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Row, text

from ..domain.progress import Deadline, Figures, Progress, StageRecord
from ..domain.reference import CATEGORIES, LEVEL_CITY, LEVEL_REGIONAL, STATUS_HELD, STATUS_PLANNED
from ..domain.stages import RETURNED, STAGES
from .plain_reads import campaign_row, district_row, district_rows, latest_by_stage

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Every query here is SQLAlchemy Core on plain SQL, run on a Connection (the command line's `stats`,
# which then never imports the ORM) or on an ORM Session (the window, the reports) alike.

# The figures come from tables the database's triggers keep in step with every change (migrations
# 0007–0009), so reading them does not grow with the number of sessions; only the regional share
# walks sessions, those of the handful of regional experts.
# Sessions, people and subsidised lectures per (status, district, category); category 0 counts
# each session once.
_SESSIONS_SQL = """
SELECT status, district_id, category_id, sessions, people, subsidised
FROM lecture_tally
WHERE campaign_id = :campaign AND status IN (:held, :planned) AND sessions != 0
"""

# Distinct live units reached by held sessions, from unit_coverage (kept by triggers, migration
# 0008): each unit's categories as bits, so one pass gives both the per-category and the
# per-district distinct counts: (district, mask) -> number of units.
_UNITS_SQL = """
SELECT u.district_id, covered.mask, count(*)
FROM (
    SELECT unit_id, sum(1 << (category_id - 1)) AS mask
    FROM unit_coverage
    WHERE campaign_id = :campaign AND sessions > 0
    GROUP BY unit_id
) AS covered
JOIN unit AS u ON u.id = covered.unit_id
WHERE u.deleted_at IS NULL
GROUP BY u.district_id, covered.mask
"""

# Sessions (any status, cancelled too) with at least one 自治区级 lecturer, reached from the handful
# of regional experts rather than from the sessions.
_REGIONAL_SQL = """
SELECT l.district_id, l.status, count(DISTINCT l.id)
FROM expert AS e
CROSS JOIN lecture_expert AS le ON le.expert_id = e.id
CROSS JOIN lecture AS l ON l.id = le.lecture_id
WHERE e.level = :regional AND l.campaign_id = :campaign AND l.deleted_at IS NULL
GROUP BY l.district_id, l.status
"""
# CROSS JOIN … ON is SQLite's way of fixing the join order; PostgreSQL plans it itself and wants JOIN.
_REGIONAL_SQL_SERVER = _REGIONAL_SQL.replace("CROSS JOIN", "JOIN")


@dataclass
class _Tallies:
    """Everything campaign_progress needs from the sessions, keyed by district id."""

    held: dict[int, Figures] = field(default_factory=dict)  # distinct figures
    by_category: dict[tuple[int, str], Figures] = field(default_factory=dict)
    planned: dict[tuple[int, str], int] = field(default_factory=dict)
    subsidised: dict[tuple[int, str], int] = field(default_factory=dict)
    regional_held: dict[int, int] = field(default_factory=dict)
    with_regional: set[int] = field(default_factory=set)  # districts with any regional lecture


def _dialect_name(reader: Connection | Session) -> str:
    return reader.dialect.name if isinstance(reader, Connection) else reader.get_bind().dialect.name


def _tally(session: Connection | Session, campaign_id: int) -> _Tallies:
    params = {"campaign": campaign_id, "held": STATUS_HELD, "planned": STATUS_PLANNED, "regional": LEVEL_REGIONAL}
    names: dict[int, str] = {
        category_id: name for category_id, name in session.execute(text("SELECT id, name FROM category ORDER BY id"))
    }
    bits = {category_id: 1 << (int(category_id) - 1) for category_id in names}  # as the triggers set them

    units_per_category: Counter[tuple[int, str]] = Counter()
    units_per_district: Counter[int] = Counter()
    for district_id, covered, count in session.execute(text(_UNITS_SQL), params):
        units_per_district[district_id] += count
        for category_id, bit in bits.items():
            if covered & bit:
                units_per_category[(district_id, names[category_id])] += count

    tallies = _Tallies()
    for status, district_id, category_id, sessions, people, subsidised in session.execute(text(_SESSIONS_SQL), params):
        if category_id == 0:  # every session once
            if status == STATUS_HELD:
                tallies.held[district_id] = Figures(sessions, units_per_district[district_id], people)
            if subsidised:
                tallies.subsidised[(district_id, status)] = subsidised
            continue
        key = (district_id, names[category_id])
        if status == STATUS_HELD:
            tallies.by_category[key] = Figures(sessions, units_per_category[key], people)
        else:
            tallies.planned[key] = sessions
    for district_id, status, sessions in session.execute(text(
            _REGIONAL_SQL if _dialect_name(session) == "sqlite" else _REGIONAL_SQL_SERVER), params):
        tallies.with_regional.add(district_id)
        if status == STATUS_HELD:
            tallies.regional_held[district_id] = sessions
    return tallies


_EXPERTS_SQL = """
SELECT district_id, count(*) FROM expert
WHERE deleted_at IS NULL AND level != :regional AND district_id IS NOT NULL
GROUP BY district_id
"""
_CITY_EXPERTS_SQL = "SELECT count(*) FROM expert WHERE deleted_at IS NULL AND level = :city"
_TARGETS_SQL = """
SELECT t.district_id, c.name, t.sessions
FROM plan_target AS t JOIN category AS c ON c.id = t.category_id
WHERE t.campaign_id = :campaign
"""
_QUOTAS_SQL = "SELECT district_id, lectures FROM subsidy_quota WHERE campaign_id = :campaign"


def _experts_per_district(session: Connection | Session) -> tuple[dict[int, int], int]:
    per_district = {d: n for d, n in session.execute(text(_EXPERTS_SQL), {"regional": LEVEL_REGIONAL})}
    city_level = session.execute(text(_CITY_EXPERTS_SQL), {"city": LEVEL_CITY}).scalar() or 0
    return per_district, city_level


def _deadlines(campaign: Row[Any], latest: dict[str, StageRecord], today: date) -> list[Deadline]:
    """A stage is as its submissions say (domain.progress.Deadline), never as the data present suggests."""
    return [
        Deadline(stage.label, getattr(campaign, stage.deadline_field),
                 (getattr(campaign, stage.deadline_field) - today).days, stage.code, latest.get(stage.code))
        for stage in STAGES
    ]


def _city_deadlines(campaign: Row[Any], parts: list[Progress], today: date) -> list[Deadline]:
    """Completeness and timeliness per stage, as DHIS2 reports them: received (standing, not returned)
    and received on time, out of the districts expected."""
    result = []
    for index, stage in enumerate(STAGES):
        due = getattr(campaign, stage.deadline_field)
        cells = [p.deadlines[index] for p in parts]
        standing = [c for c in cells if c.latest is not None and c.latest.decision != RETURNED]
        on_time = sum(1 for c in standing if c.days_late == 0)
        result.append(Deadline(stage.label, due, (due - today).days, stage.code, received=len(standing),
                               on_time=on_time, expected=len(parts)))
    return result


def campaign_progress(session: Connection | Session, year: int | None = None, *,
                      today: date | None = None) -> Progress:
    """The city's Progress, with one Progress per district in `districts`."""
    today = today or date.today()
    campaign = campaign_row(session, year)
    tallies = _tally(session, campaign.id)
    experts, city_experts = _experts_per_district(session)
    submitted = latest_by_stage(session, campaign.year)
    targets = {
        (district_id, category): sessions
        for district_id, category, sessions in session.execute(text(_TARGETS_SQL), {"campaign": campaign.id})
    }
    quotas = {
        district_id: lectures
        for district_id, lectures in session.execute(text(_QUOTAS_SQL), {"campaign": campaign.id})
    }
    share_min = campaign.regional_share_min_permille / 1000  # as Campaign.regional_share_min
    city = Progress(
        year=campaign.year, district=None, min_sessions=campaign.city_min_sessions,
        units_target=campaign.city_min_units, regional_share_min=share_min,
        experts=city_experts, min_experts=campaign.city_min_experts,
    )
    for district in district_rows(session):
        part = Progress(
            year=campaign.year, district=district.name, min_sessions=campaign.district_min_sessions,
            units_target=campaign.district_min_units, regional_share_min=share_min,
            experts=experts.get(district.id, 0),
        )
        for category in CATEGORIES:
            part.categories[category] = tallies.by_category.get((district.id, category), Figures())
            part.planned[category] = tallies.planned.get((district.id, category), 0)
            city.categories[category] = city.categories[category] + part.categories[category]
            city.planned[category] += part.planned[category]
        for category in part.plan:
            part.plan[category] = targets.get((district.id, category), 0)
            city.plan[category] += part.plan[category]
        part.distinct = tallies.held.get(district.id, Figures())
        part.regional_sessions = tallies.regional_held.get(district.id, 0)
        part.subsidised_held = tallies.subsidised.get((district.id, STATUS_HELD), 0)
        part.subsidised_planned = tallies.subsidised.get((district.id, STATUS_PLANNED), 0)
        part.subsidy_quota = quotas.get(district.id, 0)
        part.deadlines = _deadlines(
            campaign, {stage.code: submitted[(district.id, stage.code)] for stage in STAGES
                       if (district.id, stage.code) in submitted}, today)
        city.distinct = city.distinct + part.distinct
        city.regional_sessions += part.regional_sessions
        city.subsidised_held += part.subsidised_held
        city.subsidised_planned += part.subsidised_planned
        city.subsidy_quota += part.subsidy_quota
        city.districts.append(part)
    city.deadlines = _city_deadlines(campaign, city.districts, today)
    return city


def district_progress(session: Connection | Session, district_name: str, year: int | None = None, *,
                      today: date | None = None) -> Progress:
    """One district's Progress (computed with the city's, which costs the same queries)."""
    wanted = district_row(session, district_name).name
    city = campaign_progress(session, year, today=today)
    return next(p for p in city.districts if p.district == wanted)
