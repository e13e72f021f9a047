"""`check`: the database's integrity, every rule on every live record, and what falls short of the plan.

Records normally pass the rules when saved; this finds what arrived otherwise (an old version,
an import from another installation, a hand-edited file) and what the plan still asks for.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session, selectinload

from ..domain.drafts import slot_of
from ..domain.errors import ValidationError
from ..domain.reference import LEVEL_REGIONAL, STATUS_CANCELLED
from ..storage import experts as expert_store
from ..storage import lectures as lecture_store
from ..storage import units as unit_store
from ..storage.database import Database
from ..storage.models import Expert, Lecture, Unit
from ..storage.statistics import campaign_progress

ERROR, SHORTFALL, REMINDER = "错误", "未达标", "提醒"
SEVERITIES = (ERROR, SHORTFALL, REMINDER)
SOON_DAYS = 14


@dataclass(frozen=True)
class Finding:
    severity: str
    message: str


def _integrity(session: Session) -> list[Finding]:
    found: list[Finding] = []
    if session.get_bind().dialect.name != "sqlite":
        return found  # a server checks its own pages and always enforces the foreign keys
    result = [row[0] for row in session.execute(text("PRAGMA integrity_check"))]
    if result != ["ok"]:
        found += [Finding(ERROR, f"数据库文件损坏：{line}") for line in result[:10]]
    for table, rowid, parent, _ in session.execute(text("PRAGMA foreign_key_check")):
        found.append(Finding(ERROR, f"数据表 {table} 第 {rowid} 行引用了不存在的 {parent} 记录"))
    return found


def _revalidate(session: Session) -> list[Finding]:
    found = []
    # Each model with how to read it back as a draft, name it, and load it: records are Any below.
    checks: tuple[tuple[Any, Callable[[Any], Any], Callable[[Any], str], tuple[Any, ...]], ...] = (
        (Unit, unit_store.draft_of, lambda u: f"五进单位“{u.name}”（{u.district.short_name}）", ()),
        (Expert, expert_store.draft_of, lambda e: f"专家“{e.name}”（{e.unit}）", ()),
        (Lecture, lecture_store.draft_of, lecture_store.label_of,
         (selectinload(Lecture.units), selectinload(Lecture.experts), selectinload(Lecture.categories))),
    )
    # Names as clean() normalises them: two records that differ only in full-width letters or
    # padding spaces are the same unit (or expert) and slipped past the database's unique index.
    twins: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for model, draft_of, label, options in checks:
        for record in session.scalars(select(model).where(model.deleted_at.is_(None)).options(*options)):
            try:
                clean = draft_of(record).clean()
            except ValidationError as exc:
                found.append(Finding(ERROR, f"{label(record)}：{exc.message}"))
                clean = None
            if model is Lecture:
                found += _lecture_references(record)
            elif clean is not None:
                key = (model.__name__, clean.district, clean.name) if model is Unit else (
                    model.__name__, clean.name, clean.unit)
                twins[key].append(label(record))
    for labels in twins.values():
        if len(labels) > 1:
            found.append(Finding(ERROR, f"重复的记录：{'、'.join(labels)}"))
    return found


def _lecture_references(lecture: Lecture) -> list[Finding]:
    found = []
    label = lecture_store.label_of(lecture)
    gone = [u.name for u in lecture.units if u.deleted_at is not None]
    gone += [e.name for e in lecture.experts if e.deleted_at is not None]
    if gone:
        found.append(Finding(ERROR, f"科普活动“{label}”引用了已删除的记录：{'、'.join(gone)}"))
    foreign = [u.name for u in lecture.units if u.district_id != lecture.district_id]
    if foreign:
        found.append(Finding(ERROR, f"科普活动“{label}”覆盖了其他县区的单位：{'、'.join(foreign)}"))
    if lecture.subsidised and not any(e.level == LEVEL_REGIONAL for e in lecture.experts):
        found.append(Finding(ERROR, f"科普活动“{label}”计入补助名额，但没有自治区级专家授课"))
    return found


def _double_bookings(session: Session) -> list[Finding]:
    busy: dict[tuple[int, date], list[Lecture]] = defaultdict(list)
    lectures = session.scalars(
        select(Lecture).where(Lecture.deleted_at.is_(None), Lecture.status != STATUS_CANCELLED)
        .options(selectinload(Lecture.experts), selectinload(Lecture.district))
    )
    for lecture in lectures:
        for expert in lecture.experts:
            busy[(expert.id, lecture.held_on)].append(lecture)
    found = []
    for (_, _day), same_day in busy.items():
        for i, first in enumerate(same_day):
            for second in same_day[i + 1:]:
                a = slot_of(first.held_on, first.start_time, first.end_time)
                b = slot_of(second.held_on, second.start_time, second.end_time)
                if a.overlaps(b):
                    name = next(e.name for e in first.experts if e in second.experts)
                    found.append(Finding(ERROR, (
                        f"专家“{name}”同一时间有两场活动：“{lecture_store.label_of(first)}”"
                        f"和“{lecture_store.label_of(second)}”"
                    )))
    return found


def _plan(session: Session, year: int | None, today: date) -> list[Finding]:
    city = campaign_progress(session, year, today=today)
    found = [Finding(SHORTFALL, line) for part in (*city.districts, city) for line in part.shortfalls()]
    for part in city.districts:
        for deadline in part.deadlines:
            if deadline.kind == "returned" and deadline.latest is not None:
                found.append(Finding(REMINDER, f"{part.district}：{deadline.label}被退回（{deadline.latest.reason}），"
                                               "请修改后重新报送"))
            if deadline.done:
                continue
            if deadline.days_left < 0 and deadline.latest is None:
                found.append(Finding(REMINDER, f"{part.district}：{deadline.label}已过截止日期，尚未报送"))
            elif deadline.days_left <= SOON_DAYS:
                found.append(Finding(REMINDER, f"{part.district}：{deadline.label}将于 {deadline.days_left} 天后截止"))
    return found


def run_checks(db: Database, year: int | None = None, today: date | None = None) -> list[Finding]:
    with db.session() as session:
        return [
            *_integrity(session), *_revalidate(session), *_double_bookings(session),
            *_plan(session, year, today or date.today()),
        ]
