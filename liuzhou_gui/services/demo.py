"""Realistic sample data for all ten districts, the same for the same seed.

Everything goes through the storage write functions, so every rule of a real entry holds.
Districts differ on purpose: some meet every target, some fall short, so that every table and
every target has something to show.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from stdnum import luhn
from stdnum.cn import uscc

from ..domain.drafts import ExpertDraft, LectureDraft, UnitDraft
from ..domain.errors import AppError, ValidationError
from ..domain.reference import (
    CATEGORIES,
    DISTRICTS,
    LEVEL_CITY,
    LEVEL_DISTRICT,
    LEVEL_REGIONAL,
    PLANNED_CATEGORIES,
    STATUS_CANCELLED,
    STATUS_HELD,
    STATUS_PLANNED,
    UNIT_KINDS,
    DistrictInfo,
)
from ..storage.database import Database
from ..storage.experts import draft_of, save_expert
from ..storage.lectures import save_lecture
from ..storage.lookups import campaign_for_year, district_by_name
from ..storage.models import Expert, Lecture, Unit
from ..storage.units import add_units
from . import demo_names as names

UNITS_PER_DISTRICT = 125
GROUP_NAMES = ("第一组", "第二组", "第三组", "第四组", "第五组", "第六组", "第七组", "第八组", "第九组", "第十组")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐韦覃蒙莫黎廖"
GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英",
         "华", "慧", "建国", "海燕", "志强", "晓华", "丽萍", "春梅", "文", "斌", "宁", "婷")
TOPICS = {
    "职业健康": ("《职业病防治法》宣传", "噪声与听力保护", "粉尘危害与防护", "职业健康检查知多少", "化学毒物防护"),
    "心理健康": ("职场压力与情绪管理", "青少年心理健康", "睡眠与心理健康", "心理危机识别与干预"),
    "慢性病管理": ("高血压防治", "糖尿病自我管理", "颈腰椎病预防", "健康饮食与体重管理"),
    "其他内容": ("疫苗接种知识", "急救技能培训", "控烟宣传"),
}
CITY_EXPERT_UNITS = (
    "柳州市职业病防治院", "柳州市疾病预防控制中心", "柳州市工人医院", "柳州市人民医院", "柳州市中医医院",
)
TITLES = ("主任医师", "副主任医师", "主治医师", "主管护师", "副主任护师", "心理治疗师", "工程师")


@dataclass(frozen=True)
class DistrictProfile:
    """How far along a district is: share of its plan held, and whether it invites regional experts."""

    held_share: float
    regional: bool


def _profile(district: DistrictInfo) -> DistrictProfile:
    # Fixed by district so the picture is the same for every seed: four ahead, three behind.
    if district.plan_order in (1, 3, 4, 9):
        return DistrictProfile(1.3, True)
    if district.plan_order in (2, 5, 10):
        return DistrictProfile(0.9, True)
    return DistrictProfile(0.6, False)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _mobile(rng: random.Random) -> str:
    return rng.choice(("139", "138", "135", "186", "177", "152")) + f"{rng.randrange(10**8):08d}"


def _bank_card(rng: random.Random) -> str:
    body = "622202" + "".join(str(rng.randrange(10)) for _ in range(12))
    return body + luhn.calc_check_digit(body)


def _credit_code(rng: random.Random) -> str:
    # 8 digits (registration authority, kind, region code of Liuzhou), then the organisation code.
    body = "91450200" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
    return body + uscc.calc_check_digit(body)


def _unit_drafts(rng: random.Random, district: DistrictInfo, taken: set[str]) -> list[UnitDraft]:
    """The district's 125 units: three in five enterprises, the rest schools, communities, villages, clinics."""
    drafts = []
    for i in range(UNITS_PER_DISTRICT):
        kind = UNIT_KINDS[[1, 1, 1, 1, 1, 0, 2, 3, 4, 1][i % 10]]
        industry = ""
        if kind == "企业":
            name, industry = names.enterprise(rng, taken)
        elif kind == "机构":
            name = names.institution(rng, district.name, taken)
        elif kind == "学校":
            name = names.school(rng, district.name, taken)
        elif kind == "乡村":
            name = names.village(rng, taken)
        else:
            name = names.community(rng, district.short_name, taken)
        categories = rng.sample(PLANNED_CATEGORIES, rng.choice((1, 1, 2))) if kind != "学校" else ["心理健康"]
        enterprise = kind == "企业"
        drafts.append(UnitDraft(
            district=district.name, name=name, kind=kind, categories=categories,
            credit_code=_credit_code(rng) if enterprise and rng.random() < 0.6 else "",
            address=f"柳州市{district.name}{rng.choice('东西南北')}环路{rng.randrange(1, 400)}号",
            contact=_name(rng), phone=_mobile(rng) if rng.random() < 0.7 else f"0772-{rng.randrange(2000000, 3999999)}",
            industry=industry,
            worker_count=rng.randrange(30, 3000) if enterprise else None,
        ))
    return drafts


def _is_empty(db: Database) -> bool:
    with db.session() as session:
        units = session.scalar(select(func.count()).select_from(Unit))
        lectures = session.scalar(select(func.count()).select_from(Lecture))
        added_experts = session.scalar(select(func.count()).select_from(Expert).where(Expert.level != LEVEL_REGIONAL))
    return not (units or lectures or added_experts)


def fill_demo(
    db: Database, seed: int = 2025, year: int | None = None, *,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Fill an empty database; returns counts. Refuses a database that already holds work."""
    if not _is_empty(db):
        raise AppError("数据库中已有单位、活动或新增的专家，演示数据只能填入新的空数据库（可用 --db 指定一个新文件）。")
    rng = random.Random(seed)
    counts = {"units": 0, "experts": 0, "sessions": 0}
    with db.transaction() as session:
        campaign = campaign_for_year(session, year)
        regional = list(session.scalars(select(Expert).where(Expert.level == LEVEL_REGIONAL).order_by(Expert.id)))
        taken = {(e.name, e.unit) for e in regional}
        unit_names: set[str] = set()  # unique across the city, not only within a district
        for n, district in enumerate(DISTRICTS, start=1):
            record = district_by_name(session, district.name)
            record.reporter = _name(rng)
            record.reporter_phone = f"0772-{rng.randrange(2000000, 3999999)}"
            unit_ids = add_units(session, _unit_drafts(rng, district, unit_names))
            counts["units"] += len(unit_ids)
            local = []
            for i in range(6):  # five city-level experts of the district's group, one district-level
                level = LEVEL_CITY if i < 5 else LEVEL_DISTRICT
                unit = CITY_EXPERT_UNITS[i % 5] if level == LEVEL_CITY else f"{district.name}疾病预防控制中心"
                name = _name(rng)
                while (name, unit) in taken:  # two experts of one hospital never share a name
                    name = _name(rng)
                taken.add((name, unit))
                local.append(save_expert(session, ExpertDraft(
                    name=name, level=level, category=PLANNED_CATEGORIES[i % 3], unit=unit,
                    title=rng.choice(TITLES), district=district.name, phone=_mobile(rng),
                    bank_card=_bank_card(rng) if rng.random() < 0.5 else "",
                    group=GROUP_NAMES[n - 1] if level == LEVEL_CITY else "",
                )).id)
            counts["experts"] += len(local)
            counts["sessions"] += _district_sessions(
                session, rng, district, campaign.year, unit_ids, local, regional, _profile(district)
            )
            if progress:
                progress(n, len(DISTRICTS))
        # 附件6 carries the regional lecturers' bank cards for the subsidy; its own generator keeps the
        # rest of the demo exactly as before.
        card_rng = random.Random(seed * 7 + 1)
        for expert in regional:
            save_expert(session, replace(draft_of(expert), bank_card=_bank_card(card_rng)), expert.id)
    return counts


def _district_sessions(session: Session, rng: random.Random, district: DistrictInfo, year: int, unit_ids: list[int],
                       local: list[int], regional: list[Expert], profile: DistrictProfile) -> int:
    plan = {"职业健康": 5, "心理健康": 2, "慢性病管理": 3}
    day = date(year, 5, 6) + timedelta(days=district.plan_order)
    created = 0
    covered = itertools.cycle(rng.sample(unit_ids, len(unit_ids)))
    # Districts ahead hold big trainings that reach many units at once (and pass 100 units).
    units_per_session = (7, 12) if profile.held_share > 1 else (1, 3)
    subsidised_left = 2 if district.short_name not in ("城中", "三江") else 1
    if district.plan_order == 1:
        subsidised_left += 1  # one district books a subsidised lecture beyond its quota, for `check` to show
    for category, target in plan.items():
        held = round(target * profile.held_share)
        for k in range(held + 2):  # the rest of the plan, and a little more, still to come
            status = STATUS_HELD if k < held else STATUS_PLANNED
            if k == held + 1 and rng.random() < 0.3:
                status = STATUS_CANCELLED
            categories = [category] + (["其他内容"] if rng.random() < 0.15 else [])
            if category != "心理健康" and rng.random() < 0.2:
                categories.append("心理健康")
            lecturers = [rng.choice(local)]
            uses_regional = profile.regional and k % 3 == 0
            if uses_regional:
                expert = rng.choice([e for e in regional if e.category.name == category] or regional)
                lecturers.insert(0, expert.id)
            start = time(rng.choice((9, 14, 15)), rng.choice((0, 30)))
            reach = rng.randint(*units_per_session) if status == STATUS_HELD else 1
            units = list(dict.fromkeys(next(covered) for _ in range(reach)))
            people = rng.randrange(40, 400) if status == STATUS_HELD else None
            draft = LectureDraft(
                year=year, district=district.name, held_on=day, start_time=start,
                end_time=time(start.hour + 2, start.minute),
                place=f"{district.short_name}{rng.choice(('会议室', '礼堂', '车间', '活动室'))}",
                unit_ids=units, categories=[c for c in CATEGORIES if c in categories], expert_ids=lecturers,
                topic=rng.choice(TOPICS[category]), attendance=people,
                organiser=f"{district.name}卫生健康局", status=status,
                subsidised=uses_regional and subsidised_left > 0 and status != STATUS_CANCELLED,
                **(_demo_evaluation(people, rng.uniform(0.5, 0.9), rng.uniform(85, 99), created) if people else {}),
            )
            saved_on = _save_on_a_free_day(session, draft, day)
            if draft.subsidised:
                subsidised_left -= 1
            created += 1
            day = _next_day(saved_on + timedelta(days=rng.randrange(4, 9)), year, rng)
    return created


DEMO_OPINIONS = (
    "希望多讲一些岗位上常见的职业病危害和防护方法。", "讲解通俗易懂，建议每年都来。", "时间有点短，互动可以再多一些。",
    "希望增加心理减压的实操练习。", "资料很实用，建议发放电子版。", "",
)


def _demo_evaluation(people: int, share: float, rate: float, seed: int) -> dict[str, Any]:  # LectureDraft keywords
    """Questionnaires and answers that add up; drawn from their own generator so the main one, and with
    it every other demo figure, stays as it was before the evaluation existed."""
    local = random.Random(seed)
    collected = int(people * share)
    pleased = round(collected * rate / 100)
    very = round(pleased * local.uniform(0.4, 0.7))
    dissatisfied = min(collected - pleased, local.randint(0, 2))
    return {
        "questionnaires_out": min(people, collected + local.randint(0, 15)), "very_satisfied": very,
        "satisfied": pleased - very, "neutral": collected - pleased - dissatisfied, "dissatisfied": dissatisfied,
        "opinions": local.choice(DEMO_OPINIONS),
        **({"score_before": round(local.uniform(50, 70), 1), "score_after": round(local.uniform(80, 95), 1)}
           if local.random() < 0.3 else {}),
    }


def _next_day(day: date, year: int, rng: random.Random) -> date:
    """Stay inside the activity window (May–October)."""
    return day if day.month <= 10 else date(year, 5, 2) + timedelta(days=rng.randrange(150))


def _save_on_a_free_day(session: Session, draft: LectureDraft, day: date) -> date:
    """A regional expert lecturing in several districts: move to the next day until they are free.
    Returns the day it was saved on."""
    for _ in range(60):
        draft.held_on = day
        try:
            save_lecture(session, draft)
            return day
        except ValidationError as exc:
            if not any(e.field == "expert_ids" for e in exc.errors):
                raise
            day += timedelta(days=1)
            if day.month > 10:
                day = date(draft.year, 5, 2)
    raise AppError("演示数据生成失败：找不到专家有空的日期。")
