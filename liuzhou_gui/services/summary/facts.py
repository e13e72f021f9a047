"""Everything the 工作总结 says, read from the database: figures against the plan, how the work was done,
the evaluation, the shortfalls. Nothing here is written by hand; what only a person knows is left to
the draft's prompts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, distinct, func, select
from sqlalchemy.orm import Session, selectinload

from ...domain.progress import Progress
from ...domain.reference import CATEGORIES, EXPERT_LEVELS, STATUS_HELD, UNIT_KINDS
from ...storage.lookups import campaign_for_year, district_by_name, districts
from ...storage.models import Expert, Lecture, LecturePhoto, Unit, UnitKind, lecture_expert, lecture_unit
from ...storage.statistics import campaign_progress
from ..evaluation_summary import CityEvaluation, city_evaluation

CITY_OFFICE = "柳州市卫生健康委员会"


@dataclass(frozen=True)
class KeyDate:
    label: str
    span: str  # as printed: 4月25日至5月1日
    start: date
    end: date
    sessions: int = 0


def key_dates(year: int) -> list[KeyDate]:
    """The dates the plan asks to use (四（三）): 《职业病防治法》宣传周 (the last week of April, 25 April to
    1 May), 安全生产月 (June), 世界精神卫生日 (10 October)."""
    return [
        KeyDate("《职业病防治法》宣传周", "4月25日至5月1日", date(year, 4, 25), date(year, 5, 1)),
        KeyDate("安全生产月", "6月", date(year, 6, 1), date(year, 6, 30)),
        KeyDate("世界精神卫生日", "10月10日", date(year, 10, 10), date(year, 10, 10)),
    ]


@dataclass(frozen=True)
class RankRow:
    rank: int
    short_name: str
    sessions: int
    target: int
    units: int
    people: int
    rate: float | None  # satisfaction, percent
    regional_share: float


@dataclass
class SummaryFacts:
    year: int
    district: str | None  # full name; None for the city's summary
    office: str  # who writes it: the bureau, or the city's commission
    progress: Progress
    evaluation: CityEvaluation
    kinds_reached: dict[str, int]  # unit kind → distinct units reached by held sessions
    key_dates: list[KeyDate]
    organisers: list[str]  # partners named as organisers of sessions (not the office itself)
    lecturers: dict[str, int]  # expert level → distinct experts who lectured at held sessions
    lecturer_units: list[str]
    by_month: dict[int, dict[str, int]]  # month → category → held sessions (counted in each category)
    sessions_with_photos: int
    ranking: list[RankRow] = field(default_factory=list)  # city only

    @property
    def who(self) -> str:
        return self.district or "全市"


def _held(campaign_id: int, district_ids: list[int]) -> tuple[ColumnElement[bool], ...]:
    return (Lecture.campaign_id == campaign_id, Lecture.status == STATUS_HELD, Lecture.deleted_at.is_(None),
            Lecture.district_id.in_(district_ids))


def _kinds_reached(session: Session, campaign_id: int, district_ids: list[int]) -> dict[str, int]:
    rows = session.execute(
        select(UnitKind.name, func.count(distinct(Unit.id)))
        .select_from(Lecture).join(lecture_unit, lecture_unit.c.lecture_id == Lecture.id)
        .join(Unit, Unit.id == lecture_unit.c.unit_id).join(UnitKind, UnitKind.id == Unit.kind_id)
        .where(*_held(campaign_id, district_ids), Unit.deleted_at.is_(None)).group_by(UnitKind.name)
    ).all()
    found = dict(rows)
    return {kind: found.get(kind, 0) for kind in UNIT_KINDS}


def _lecturers(session: Session, campaign_id: int, district_ids: list[int]) -> tuple[dict[str, int], list[str]]:
    experts = session.execute(
        select(Expert.id, Expert.level, Expert.unit).distinct()
        .select_from(Lecture).join(lecture_expert, lecture_expert.c.lecture_id == Lecture.id)
        .join(Expert, Expert.id == lecture_expert.c.expert_id)
        .where(*_held(campaign_id, district_ids), Expert.deleted_at.is_(None))
    ).all()
    levels = Counter(level for _, level, _ in experts)
    units = Counter(unit for _, _, unit in experts if unit)
    return {level: levels.get(level, 0) for level in EXPERT_LEVELS}, [u for u, _ in units.most_common()]


def _sessions(session: Session, campaign_id: int, district_ids: list[int]) -> list[Lecture]:
    return list(session.scalars(
        select(Lecture).where(*_held(campaign_id, district_ids)).options(selectinload(Lecture.categories))
        .order_by(Lecture.held_on, Lecture.id)
    ))


def _ranking(progress: Progress, evaluation: CityEvaluation, shorts: dict[str, str]) -> list[RankRow]:
    """By sessions held, then satisfaction, then units reached: the plan's 场次 and 活动效果."""
    rates = {part.district: part.total.rate for part in evaluation.districts}
    rows = sorted(progress.districts, key=lambda p: (
        -p.distinct.sessions, -(rates.get(p.district or "") or 0), -p.distinct.units, shorts[p.district or ""]))
    ranked, previous, rank = [], None, 0
    for index, p in enumerate(rows, start=1):
        name = p.district or ""  # a district's progress always names it (None only for the city's)
        key = (p.distinct.sessions, rates.get(name), p.distinct.units)
        rank = rank if key == previous else index
        previous = key
        ranked.append(RankRow(rank, shorts[name], p.distinct.sessions, p.sessions_target, p.distinct.units,
                              p.distinct.people, rates.get(name), p.regional_share))
    return ranked


def summary_facts(session: Session, district: str | None, year: int | None) -> SummaryFacts:
    campaign = campaign_for_year(session, year)
    city = campaign_progress(session, campaign.year)
    all_districts = districts(session)
    chosen_name: str | None = None  # the city's summary
    if district:
        chosen = district_by_name(session, district)
        ids, office, chosen_name = [chosen.id], chosen.bureau_name, chosen.name
        progress = next(p for p in city.districts if p.district == chosen.name)
    else:
        ids, office, progress = [d.id for d in all_districts], CITY_OFFICE, city
    evaluation = city_evaluation(session, campaign.year, chosen_name)
    lectures = _sessions(session, campaign.id, ids)
    by_month: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(CATEGORIES, 0))
    for lecture in lectures:
        for category in lecture.categories:
            by_month[lecture.held_on.month][category.name] += 1
    dates = [KeyDate(k.label, k.span, k.start, k.end, sum(k.start <= x.held_on <= k.end for x in lectures))
             for k in key_dates(campaign.year)]
    bureaus = {d.bureau_name for d in all_districts} | {CITY_OFFICE, office}
    organisers = list(dict.fromkeys(x.organiser for x in lectures if x.organiser and x.organiser not in bureaus))
    lecturers, lecturer_units = _lecturers(session, campaign.id, ids)
    with_photos = session.scalar(
        select(func.count(distinct(LecturePhoto.lecture_id))).join(Lecture, Lecture.id == LecturePhoto.lecture_id)
        .where(*_held(campaign.id, ids))
    ) or 0
    facts = SummaryFacts(
        year=campaign.year, district=chosen_name, office=office, progress=progress,
        evaluation=evaluation, kinds_reached=_kinds_reached(session, campaign.id, ids), key_dates=dates,
        organisers=organisers, lecturers=lecturers, lecturer_units=lecturer_units, by_month=dict(by_month),
        sessions_with_photos=with_photos,
    )
    if not district:
        facts.ranking = _ranking(city, evaluation, {d.name: d.short_name for d in all_districts})
    return facts
