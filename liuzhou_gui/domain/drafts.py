"""What a user enters for an expert, a unit or a lecture session, and its validation.

A draft names reference data by its Chinese name (district short or full name, category,
unit kind, level) so that forms, Excel imports and the command line all speak the same
language. `clean()` returns a normalised copy or raises ValidationError listing every fault.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, time

from . import validation as v
from .errors import FieldError, ValidationError
from .evaluation import EvaluationInput, check_evaluation
from .reference import (
    CATEGORIES,
    EXPERT_LEVELS,
    LEVEL_REGIONAL,
    SESSION_STATUSES,
    STATUS_HELD,
    STATUS_PLANNED,
    UNIT_KINDS,
    find_district,
)
from .validation import Count, Percent


def cleaned_day(value: date | None) -> date:
    """A lecture's date after clean(), which refuses a lecture without one."""
    if value is None:
        raise TypeError("lecture date not cleaned")
    return value


class _Collector:
    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def add(self, name: str, label: str, message: str | None) -> None:
        if message:
            self.errors.append(FieldError(name, label, message))

    def text(self, name: str, label: str, value: str, limit: int, *, required: bool = False) -> None:
        if required and not value:
            self.add(name, label, "不能为空")
        else:
            self.add(name, label, v.check_length(value, limit))

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def _district(errors: _Collector, value: str | None, *, required: bool) -> str | None:
    """Return the district's full name, or None."""
    text = v.clean_text(value)
    if not text:
        if required:
            errors.add("district", "县区", "不能为空")
        return None
    found = find_district(text)
    if found is None:
        errors.add("district", "县区", f"“{text[:20]}”不是柳州市的县区")
        return None
    return found.name


def _categories(errors: _Collector, values: list[str], *, required: bool = True) -> list[str]:
    cleaned: list[str] = []
    for raw in values:
        text = v.clean_text(raw)
        if not text:
            continue
        if text == "慢病管理":  # the plan itself uses both spellings
            text = "慢性病管理"
        if text not in CATEGORIES:
            errors.add("categories", "活动分类", f"“{text[:20]}”不是活动分类，应为：{'、'.join(CATEGORIES)}")
        elif text not in cleaned:
            cleaned.append(text)
    if required and not cleaned and not any(e.field == "categories" for e in errors.errors):
        errors.add("categories", "活动分类", "至少选择一个")
    # Keep the plan's order so the tables print categories consistently.
    return sorted(cleaned, key=CATEGORIES.index)


@dataclass
class ExpertDraft:
    name: str = ""
    level: str = ""
    category: str = ""
    unit: str = ""
    title: str = ""
    district: str | None = None  # required unless the expert is 自治区级
    phone: str = ""
    bank_card: str = ""
    group: str = ""
    note: str = ""

    def clean(self) -> ExpertDraft:
        errors = _Collector()
        name = v.clean_person_name(self.name)
        unit = v.clean_text(self.unit)
        title = v.clean_text(self.title)
        errors.text("name", "姓名", name, v.MAX_PERSON_NAME, required=True)
        level = v.clean_text(self.level)
        if level not in EXPERT_LEVELS:
            errors.add("level", "专家级别", f"应为：{'、'.join(EXPERT_LEVELS)}")
        cats = _categories(errors, [self.category])
        errors.text("unit", "所在单位", unit, v.MAX_UNIT_NAME, required=True)
        errors.text("title", "职称/职务", title, v.MAX_TITLE)
        district = _district(errors, self.district, required=level != LEVEL_REGIONAL)
        phone = v.normalize_phone(self.phone)
        errors.add("phone", "联系电话", v.check_length(phone, v.MAX_PHONE) or v.check_phone(phone))
        card = v.normalize_bank_card(self.bank_card)
        errors.add("bank_card", "个人银行卡号", v.check_bank_card(card))
        group = v.clean_text(self.group)
        errors.text("group", "分组", group, v.MAX_GROUP)
        note = v.clean_text(self.note)
        errors.text("note", "备注", note, v.MAX_NOTE)
        errors.raise_if_any()
        return ExpertDraft(
            name=name, level=level, category=cats[0], unit=unit, title=title,
            district=district, phone=phone, bank_card=card, group=group, note=note,
        )


@dataclass
class UnitDraft:
    district: str = ""
    name: str = ""
    kind: str = ""
    categories: list[str] = field(default_factory=list)
    credit_code: str = ""
    address: str = ""
    contact: str = ""
    phone: str = ""
    industry: str = ""
    worker_count: Count = None
    note: str = ""

    def clean(self) -> CleanUnitDraft:
        errors = _Collector()
        district = _district(errors, self.district, required=True)
        name = v.clean_text(self.name)
        errors.text("name", "单位名称", name, v.MAX_UNIT_NAME, required=True)
        kind = v.clean_text(self.kind)
        if kind not in UNIT_KINDS:
            errors.add("kind", "单位性质", f"应为：{'、'.join(UNIT_KINDS)}")
        cats = _categories(errors, self.categories)
        code = v.normalize_credit_code(self.credit_code)
        errors.add("credit_code", "统一社会信用代码", v.check_credit_code(code))
        address = v.clean_text(self.address)
        errors.text("address", "地址", address, v.MAX_ADDRESS)
        contact = v.clean_person_name(self.contact)
        errors.text("contact", "联系人", contact, v.MAX_PERSON_NAME)
        phone = v.normalize_phone(self.phone)
        errors.add("phone", "联系电话", v.check_length(phone, v.MAX_PHONE) or v.check_phone(phone))
        industry = v.clean_text(self.industry)
        errors.text("industry", "行业", industry, v.MAX_INDUSTRY)
        errors.add("worker_count", "职工人数", v.check_count(self.worker_count, v.MAX_WORKERS))
        note = v.clean_text(self.note)
        errors.text("note", "备注", note, v.MAX_NOTE)
        errors.raise_if_any()
        return CleanUnitDraft(
            district=district or "", name=name, kind=kind, categories=cats, credit_code=code,
            address=address, contact=contact, phone=phone, industry=industry, worker_count=self.worker_count,
            note=note,
        )._seal()


class CleanUnitDraft(UnitDraft):
    """A unit draft as UnitDraft.clean() returned it: checked and normalised. Cleaning it again (storage
    does, before writing) returns it as it is while it holds what clean() left in it: an import of
    10,000 rows cleans each once, in its plan. One changed since, or a copy made otherwise
    (dataclasses.replace), is cleaned again in full."""

    # What clean() left, as a slot (not in __dict__, which is the audit trail's view of a draft).
    __slots__ = ("_cleaned",)

    def _values(self) -> tuple[object, ...]:
        return tuple(list(value) if isinstance(value, list) else value for value in self.__dict__.values())

    def _seal(self) -> CleanUnitDraft:
        self._cleaned = self._values()
        return self

    def clean(self) -> CleanUnitDraft:
        if getattr(self, "_cleaned", None) == self._values():
            return self
        return super().clean()


@dataclass
class LectureDraft:
    year: int
    district: str = ""
    held_on: date | None = None
    start_time: time | None = None
    end_time: time | None = None
    place: str = ""
    unit_ids: list[int] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    expert_ids: list[int] = field(default_factory=list)
    topic: str = ""
    attendance: Count = None
    organiser: str = ""
    status: str = STATUS_PLANNED
    questionnaires: Count = None
    satisfaction: Percent = None  # percent of satisfied answers, 0–100 (from the counts when given)
    subsidised: bool = False  # counted against the regional-expert subsidy quota
    note: str = ""
    # The evaluation (domain.evaluation): questionnaires handed out, answers per rating, opinions, scores.
    questionnaires_out: int | None = None
    very_satisfied: int | None = None
    satisfied: int | None = None
    neutral: int | None = None
    dissatisfied: int | None = None
    opinions: str = ""
    score_before: float | None = None
    score_after: float | None = None

    def clean(self) -> LectureDraft:
        errors = _Collector()
        district = _district(errors, self.district, required=True)
        errors.add("held_on", "日期", v.check_date_in_year(self.held_on, self.year))
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors.add("end_time", "结束时间", "应晚于开始时间")
        place = v.clean_text(self.place)
        errors.text("place", "地点", place, v.MAX_PLACE, required=True)
        cats = _categories(errors, self.categories)
        topic = v.clean_text(self.topic)
        errors.text("topic", "主题", topic, v.MAX_TOPIC)
        organiser = v.clean_text(self.organiser)
        errors.text("organiser", "组织单位", organiser, v.MAX_UNIT_NAME)
        status = self.status
        if status not in SESSION_STATUSES:
            errors.add("status", "状态", f"应为：{'、'.join(SESSION_STATUSES.values())}")
        held = status == STATUS_HELD
        errors.add("attendance", "覆盖人数", v.check_count(self.attendance, v.MAX_ATTENDANCE, required=held))
        if held and not self.unit_ids:
            errors.add("unit_ids", "覆盖单位", "已开展的活动至少选择一个覆盖单位")
        opinions = v.clean_text(self.opinions)
        evaluation = check_evaluation(EvaluationInput(
            held=held, attendance=self.attendance, handed_out=self.questionnaires_out,
            collected=self.questionnaires,
            counts=(self.very_satisfied, self.satisfied, self.neutral, self.dissatisfied),
            typed_rate=self.satisfaction, opinions=opinions,
            score_before=self.score_before, score_after=self.score_after,
        ))
        errors.errors.extend(evaluation.errors)
        note = v.clean_text(self.note)
        errors.text("note", "备注", note, v.MAX_NOTE)
        errors.raise_if_any()
        very, good, neutral, bad = evaluation.counts
        return replace(
            self, district=district or "", place=place, categories=cats, topic=topic,
            organiser=organiser, note=note, opinions=opinions, questionnaires=evaluation.collected,
            satisfaction=evaluation.rate, very_satisfied=very, satisfied=good, neutral=neutral, dissatisfied=bad,
            unit_ids=list(dict.fromkeys(self.unit_ids)), expert_ids=list(dict.fromkeys(self.expert_ids)),
        )


@dataclass(frozen=True)
class TimeSlot:
    """When a lecturer is busy. A session without times occupies the whole day."""

    day: date
    start: time | None = None
    end: time | None = None

    def overlaps(self, other: TimeSlot) -> bool:
        if self.day != other.day:
            return False
        if self.start is None or self.end is None or other.start is None or other.end is None:
            return True
        return self.start < other.end and other.start < self.end


def slot_of(held_on: date, start: time | None, end: time | None) -> TimeSlot:
    """A start without an end is taken as a two-hour lecture."""
    if start is not None and end is None:
        # Capped at 23:59, so a late start still occupies time (23:10 once gave an empty 23:10–23:10).
        minutes = min(start.hour * 60 + start.minute + 120, 23 * 60 + 59)
        end = time(minutes // 60, minutes % 60)
    return TimeSlot(held_on, start, end)
