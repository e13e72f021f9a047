"""The city's tables of the reporting cycle: the 报送情况 matrix, the city-wide 附件6 of subsidised
regional-expert lectures for the region, and the settlement list of the held ones for payment."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ...domain.cards import card_text, is_unreadable
from ...domain.reference import LEVEL_REGIONAL, SESSION_STATUSES, STATUS_CANCELLED, STATUS_HELD
from ...domain.stages import STAGE_BY_CODE
from ...storage.lookups import campaign_for_year, districts
from ...storage.models import Lecture, SubsidyQuota
from ...storage.statistics import campaign_progress
from .document import SEAL_MARK, Cell, TableDocument

CITY_BUREAU = "柳州市卫生健康委员会"
OVER_QUOTA = "超出补助名额"


def submissions_table(session: Session, year: int | None, today: date) -> TableDocument:
    """District × stage, then the city's completeness and timeliness per stage (as DHIS2 reports them)."""
    city = campaign_progress(session, year, today=today)
    header = ["县区", *(f"{STAGE_BY_CODE[d.stage].short}（{d.due.month}月{d.due.day}日前）" for d in city.deadlines)]
    rows: list[list[Cell | None]] = [
        [Cell(p.district), *(Cell(d.cell_text) for d in p.deadlines)] for p in city.districts
    ]
    rows.append([Cell("完整率（已收到/应报）"),
                 *(Cell(f"{d.received}/{d.expected}（{d.completeness:.0%}）") for d in city.deadlines)])
    rows.append([Cell("及时率（按时/应报）"),
                 *(Cell(f"{d.on_time}/{d.expected}（{d.timeliness:.0%}）") for d in city.deadlines)])
    return TableDocument(
        label="报送情况", title_lines=[f"{city.year}年“十百千”职业健康科普宣传活动各县区报送情况"],
        header=header, widths=[1.2] + [2] * len(city.deadlines), rows=rows, landscape=True,
        notes=[f"统计日期：{today.year}年{today.month}月{today.day}日。已退回的报送不计入已收到；"
               "按时指最近一次报送在截止日期当天或之前生成。"],
        file_stem=f"报送情况_全市_{city.year}",
    )


def _subsidised(session: Session, campaign_id: int) -> list[Lecture]:
    return list(session.scalars(
        select(Lecture).where(Lecture.campaign_id == campaign_id, Lecture.subsidised.is_(True),
                              Lecture.deleted_at.is_(None), Lecture.status != STATUS_CANCELLED)
        .options(selectinload(Lecture.experts), selectinload(Lecture.district))
        .order_by(Lecture.held_on, Lecture.start_time, Lecture.id)
    ))


def _full_cards(experts, masked: bool) -> int:
    """Full card numbers printed (audited by the export, as for a district's 附件6)."""
    return 0 if masked else sum(bool(e.bank_card) and not is_unreadable(e.bank_card) for e in experts)


def _when(lecture: Lecture) -> str:
    text = f"{lecture.held_on.year}年{lecture.held_on.month}月{lecture.held_on.day}日"
    return text + (f" {lecture.start_time:%H:%M}" if lecture.start_time else "")


def over_quota_ids(session: Session, year: int | None) -> tuple[set[int], dict[str, tuple[int, int]]]:
    """Lectures beyond their district's quota (the later ones by date), and {district: (lectures, quota)}
    of every district over it."""
    campaign = campaign_for_year(session, year)
    quotas = dict(session.execute(select(SubsidyQuota.district_id, SubsidyQuota.lectures)
                                  .where(SubsidyQuota.campaign_id == campaign.id)).all())
    per_district: dict[int, list[Lecture]] = defaultdict(list)
    for lecture in _subsidised(session, campaign.id):
        per_district[lecture.district_id].append(lecture)
    over: set[int] = set()
    summary: dict[str, tuple[int, int]] = {}
    for district_id, lectures in per_district.items():
        quota = quotas.get(district_id, 0)
        if len(lectures) > quota:
            over.update(x.id for x in lectures[quota:])
            summary[lectures[0].district.name] = (len(lectures), quota)
    return over, summary


def city_lecture_plan_table(session: Session, year: int | None, mask_cards: bool = False) -> TableDocument:
    """附件6 for the region: every planned or held subsidised lecture of every district, in plan order."""
    campaign = campaign_for_year(session, year)
    over, summary = over_quota_ids(session, campaign.year)
    order = {d.id: d.plan_order for d in districts(session)}
    lectures = sorted(_subsidised(session, campaign.id), key=lambda x: (order[x.district_id], x.held_on, x.id))
    rows = []
    full_cards = 0
    for x in lectures:
        regional = [e for e in x.experts if e.level == LEVEL_REGIONAL]
        cards = "、".join(card_text(e.bank_card, masked=mask_cards) for e in regional)
        full_cards += _full_cards(regional, mask_cards)
        flag = f"{OVER_QUOTA}（名额 {summary[x.district.name][1]} 场）" if x.id in over else ""
        rows.append([Cell(x.district.short_name), Cell("、".join(e.name for e in regional)),
                     Cell("、".join(dict.fromkeys(e.unit for e in regional))), Cell(_when(x)), Cell(x.place),
                     Cell(x.topic), Cell(SESSION_STATUSES[x.status]), Cell(cards), Cell(flag)])
    notes = [f"共 {len(lectures)} 场（已开展 {sum(x.status == STATUS_HELD for x in lectures)} 场）。"]
    notes += [f"{name}：补助授课 {count} 场，名额 {quota} 场，超出 {count - quota} 场。"
              for name, (count, quota) in summary.items()]
    return TableDocument(
        label="附件6", title_lines=["柳州市“十百千”职业健康科普宣传活动", "自治区级专家授课计划表（全市汇总）"],
        header=["县区", "授课人姓名", "单位", "授课时间", "授课地点", "授课内容", "状态", "个人银行卡号", "备注"],
        widths=[0.7, 1.1, 2, 1.5, 1.6, 1.8, 0.8, 2.1, 1.4], rows=rows,
        bureau_line=f"{CITY_BUREAU}{SEAL_MARK}", notes=notes, landscape=True,
        file_stem=f"附件6_全市汇总_{campaign.year}", full_card_count=full_cards,
    )


def settlement_table(session: Session, year: int | None, mask_cards: bool = False) -> TableDocument:
    """Held subsidised lectures, one row per regional lecturer, for the region's payment."""
    campaign = campaign_for_year(session, year)
    over, _ = over_quota_ids(session, campaign.year)
    order = {d.id: d.plan_order for d in districts(session)}
    held = [x for x in _subsidised(session, campaign.id) if x.status == STATUS_HELD]
    rows = []
    full_cards = 0
    for x in sorted(held, key=lambda x: (order[x.district_id], x.held_on, x.id)):
        for e in x.experts:
            if e.level != LEVEL_REGIONAL:
                continue
            full_cards += _full_cards([e], mask_cards)
            rows.append([Cell(str(len(rows) + 1)), Cell(x.district.short_name), Cell(e.name), Cell(e.unit),
                         Cell(_when(x)), Cell(x.place), Cell(card_text(e.bank_card, masked=mask_cards)),
                         Cell(OVER_QUOTA if x.id in over else "")])
    return TableDocument(
        label="结算清单", title_lines=[f"{campaign.year}年自治区级专家授课补助结算清单"],
        header=["序号", "县区", "授课人姓名", "单位", "授课时间", "授课地点", "个人银行卡号", "备注"],
        widths=[0.5, 0.7, 1.1, 2.2, 1.5, 1.8, 2.2, 1.1], rows=rows,
        bureau_line=f"{CITY_BUREAU}{SEAL_MARK}", landscape=True,
        notes=[f"共 {len(rows)} 人次，{len(held)} 场已开展的补助授课。"],
        file_stem=f"结算清单_全市_{campaign.year}", full_card_count=full_cards,
    )
