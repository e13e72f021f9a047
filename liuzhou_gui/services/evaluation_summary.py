"""The year's evaluation in figures: per district and category, the city's sums, the opinions given.

One definition for the 效果评估汇总表 (PDF and Excel), the 工作总结 draft and the tests. Only held,
live sessions count. A session counts in each of its categories (as in 附件2); the totals count each
session once, so they are not the sums of the category rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..domain.evaluation import RATINGS, satisfaction_rate
from ..domain.reference import CATEGORIES, STATUS_HELD
from ..storage.lookups import campaign_for_year, district_by_name, districts
from ..storage.models import Lecture


@dataclass
class EvaluationFigures:
    held: int = 0
    evaluated: int = 0  # sessions with questionnaires collected, answers or opinions
    handed_out: int = 0
    collected: int = 0
    counts: list[int] = field(default_factory=lambda: [0] * len(RATINGS))
    scored: int = 0  # sessions with a knowledge score before and after
    score_before_sum: float = 0.0
    score_after_sum: float = 0.0

    @property
    def rate(self) -> float | None:
        """Satisfaction rate in percent (非常满意 + 满意 among all answers); None without answers."""
        return satisfaction_rate(tuple(self.counts))

    @property
    def answers(self) -> int:
        return sum(self.counts)

    @property
    def score_before(self) -> float | None:
        return round(self.score_before_sum / self.scored, 1) if self.scored else None

    @property
    def score_after(self) -> float | None:
        return round(self.score_after_sum / self.scored, 1) if self.scored else None

    def add(self, lecture: Lecture) -> None:
        self.held += 1
        counts = (lecture.very_satisfied, lecture.satisfied, lecture.neutral, lecture.dissatisfied)
        if lecture.questionnaires or any(counts) or lecture.opinions:
            self.evaluated += 1
        self.handed_out += lecture.questionnaires_out or 0
        self.collected += lecture.questionnaires or 0
        self.counts = [total + (c or 0) for total, c in zip(self.counts, counts, strict=True)]
        if lecture.score_before is not None and lecture.score_after is not None:
            self.scored += 1
            self.score_before_sum += lecture.score_before
            self.score_after_sum += lecture.score_after

    def merge(self, other: EvaluationFigures) -> None:
        for name in ("held", "evaluated", "handed_out", "collected", "scored", "score_before_sum",
                     "score_after_sum"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.counts = [a + b for a, b in zip(self.counts, other.counts, strict=True)]


@dataclass(frozen=True)
class Opinion:
    district: str  # short name
    held_on: date
    title: str  # the topic, or the place when there is none
    text: str


@dataclass
class DistrictEvaluation:
    district: str  # full name
    short_name: str
    bureau_name: str
    by_category: dict[str, EvaluationFigures] = field(default_factory=lambda: {c: EvaluationFigures()
                                                                               for c in CATEGORIES})
    total: EvaluationFigures = field(default_factory=EvaluationFigures)
    opinions: list[Opinion] = field(default_factory=list)


@dataclass
class CityEvaluation:
    year: int
    districts: list[DistrictEvaluation]

    @property
    def by_category(self) -> dict[str, EvaluationFigures]:
        sums = {c: EvaluationFigures() for c in CATEGORIES}
        for part in self.districts:
            for category, figures in part.by_category.items():
                sums[category].merge(figures)
        return sums

    @property
    def total(self) -> EvaluationFigures:
        sums = EvaluationFigures()
        for part in self.districts:
            sums.merge(part.total)
        return sums

    @property
    def opinions(self) -> list[Opinion]:
        return [o for part in self.districts for o in part.opinions]


def city_evaluation(session: Session, year: int | None, district: str | None = None) -> CityEvaluation:
    """Every district in plan order, or only `district`."""
    campaign = campaign_for_year(session, year)
    chosen = [district_by_name(session, district)] if district else districts(session)
    parts = {d.id: DistrictEvaluation(d.name, d.short_name, d.bureau_name) for d in chosen}
    lectures = session.scalars(
        select(Lecture).where(
            Lecture.campaign_id == campaign.id, Lecture.status == STATUS_HELD, Lecture.deleted_at.is_(None),
            Lecture.district_id.in_(parts),
        ).options(selectinload(Lecture.categories)).order_by(Lecture.held_on, Lecture.id)
    )
    for lecture in lectures:
        part = parts[lecture.district_id]
        part.total.add(lecture)
        for category in lecture.categories:
            part.by_category[category.name].add(lecture)
        if lecture.opinions:
            part.opinions.append(Opinion(part.short_name, lecture.held_on, lecture.topic or lecture.place,
                                         lecture.opinions))
    return CityEvaluation(campaign.year, list(parts.values()))


def percent(value: float | None) -> str:
    """A rate as the tables print it: 87.5%, or — when nothing was answered."""
    return "—" if value is None else f"{value:g}%"
