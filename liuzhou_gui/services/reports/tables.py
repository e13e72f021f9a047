"""The six attachment tables of the plan, built from the database (titles and notes verbatim)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ...domain.cards import card_text, is_unreadable
from ...domain.errors import UsageError
from ...domain.reference import (
    CATEGORIES,
    LEVEL_REGIONAL,
    PLANNED_CATEGORIES,
    SESSION_STATUSES,
    STATUS_CANCELLED,
)
from ...storage.lookups import campaign_for_year, district_by_name, districts
from ...storage.models import Expert, Lecture, PlanTarget, Unit
from ...storage.statistics import campaign_progress
from .catalog import CITY_LECTURES, EVALUATION, LEDGER, PER_DISTRICT, SETTLEMENT, SUBMISSIONS
from .document import SEAL_MARK, Cell, TableDocument, count_cell, grouped_rows
from .evaluation_table import evaluation_table

NOTE_1 = (
    "说明：本计划表开展场数包含各县区、机构或企业日常工作中开展的、自行组织的培训宣讲活动，原则上自治区专家团授课比例"
    "不低于20%。广西预防医学会劳动卫生与职业病防治专业委员会在各县区开展的宣传科普活动可纳入县区本级开展数。"
)
NOTES_2 = [
    "注：1.由各县区卫生健康局、职业健康培训机构在本地组织开展的用人单位负责人、管理人员和劳动者职业健康培训可列入"
    "职业健康场次、覆盖单位数和覆盖人数的统计范围。",
    "2.在同1场职业健康科普宣传活动中包含职业健康、心理健康、慢病防治和疫苗免疫等多方面内容的，可以重复计算场次、"
    "覆盖单位数和人数。",
]
NOTE_3 = (
    "说明：分为职业健康、心理健康和慢性病管理3个类别，各县区可根据活动安排提前联系自治区级专家（专家联系方式另行通知）"
    "以及自行推荐专家，自治区级专家授课比例不应低于20%。"
)
NOTE_5 = "注：1.活动分类为职业健康、心理健康、慢性病管理、其他内容，可填写多个分类。"


def _signer(reporter: str, phone: str) -> str:
    return f"填报人：{reporter or ' ' * 12}        联系电话：{phone}"


def plan_table(session: Session, year: int | None, with_actuals: bool = False) -> TableDocument:
    campaign = campaign_for_year(session, year)
    targets = {
        (t.district_id, t.category.name): t.sessions
        for t in session.scalars(select(PlanTarget).where(PlanTarget.campaign_id == campaign.id))
    }
    header = ["县区", "总计划数", *PLANNED_CATEGORIES]
    actual = {}
    if with_actuals:
        header.append("完成")
        actual = {p.district: p.distinct.sessions for p in campaign_progress(session, campaign.year).districts}
    rows, totals = [], [0] * (len(PLANNED_CATEGORIES) + 1 + with_actuals)
    for district in districts(session):
        plan = [targets.get((district.id, c), 0) for c in PLANNED_CATEGORIES]
        figures = [sum(plan), *plan] + ([actual.get(district.name, 0)] if with_actuals else [])
        totals = [a + b for a, b in zip(totals, figures, strict=True)]
        rows.append([Cell(district.short_name), *(count_cell(n) for n in figures)])
    rows.append([Cell("合计"), *(count_cell(n) for n in totals)])
    return TableDocument(
        label="附件1", title_lines=["全市“十百千”职业健康科普宣传活动计划表"], header=header,
        widths=[1.4] + [1] * (len(header) - 1), rows=rows, notes=[NOTE_1], file_stem=f"附件1_全市_{campaign.year}",
    )


def report_table(session: Session, district_name: str, year: int | None) -> TableDocument:
    district = district_by_name(session, district_name)
    city = campaign_progress(session, year)
    progress = next(p for p in city.districts if p.district == district.name)
    rows = [
        [Cell(c), count_cell(f.sessions), count_cell(f.units), count_cell(f.people)]
        for c, f in ((c, progress.categories[c]) for c in CATEGORIES)
    ]
    total = progress.total
    rows.append([Cell("合计"), count_cell(total.sessions), count_cell(total.units), count_cell(total.people)])
    return TableDocument(
        label="附件2", title_lines=["各县区“十百千”职业健康科普宣传开展情况表"],
        header=["活动分类", "场次", "覆盖单位数", "覆盖人数"], widths=[1.4, 1, 1, 1], rows=rows,
        bureau_line=f"{district.bureau_name}{SEAL_MARK}",
        signer_line=_signer(district.reporter, district.reporter_phone), notes=NOTES_2,
        file_stem=f"附件2_{district.name}_{city.year}",
    )


def _expert_groups(experts: list[Expert]) -> list[tuple[str, list[list[str]]]]:
    groups = []
    for category in CATEGORIES:
        items = [[e.name, e.unit, e.title] for e in experts if e.category.name == category]
        if items:
            groups.append((category, items))
    return groups


def experts_table(session: Session, district_name: str, year: int | None) -> TableDocument:
    district = district_by_name(session, district_name)
    campaign = campaign_for_year(session, year)
    experts = list(session.scalars(
        select(Expert).where(Expert.district_id == district.id, Expert.deleted_at.is_(None))
        .order_by(Expert.list_order, Expert.id)
    ))
    return TableDocument(
        label="附件3", title_lines=["县区“十百千”职业健康科普宣传活动", "专家名单及分组"],
        header=["县区", "分类", "姓名", "所在单位", "职称/职务"], widths=[1, 1.2, 1, 2.6, 1.8],
        rows=grouped_rows(_expert_groups(experts), district.short_name), notes=[NOTE_3],
        file_stem=f"附件3_{district.name}_{campaign.year}",
    )


def regional_table(session: Session, year: int | None) -> TableDocument:
    campaign = campaign_for_year(session, year)
    experts = list(session.scalars(
        select(Expert).where(Expert.level == LEVEL_REGIONAL, Expert.deleted_at.is_(None))
        .order_by(Expert.list_order, Expert.id)
    ))
    return TableDocument(
        label="附件4", title_lines=["柳州市“十百千”职业健康科普宣传活动", "自治区级专家名单"],
        header=["县区", "分类", "姓名", "所在单位", "职称/职务"], widths=[0.8, 1.2, 1, 2.8, 2],
        rows=grouped_rows(_expert_groups(experts), ""), file_stem=f"附件4_自治区级专家_{campaign.year}",
    )


def units_table(session: Session, district_name: str, year: int | None) -> TableDocument:
    district = district_by_name(session, district_name)
    campaign = campaign_for_year(session, year)
    units = session.scalars(
        select(Unit).where(Unit.district_id == district.id, Unit.deleted_at.is_(None))
        .options(selectinload(Unit.kind), selectinload(Unit.categories)).order_by(Unit.id)
    )
    rows = [
        [Cell(district.short_name), Cell(u.name, align="left"), Cell(u.kind.name),
         Cell("、".join(c.name for c in u.categories))]
        for u in units
    ]
    return TableDocument(
        label="附件5", title_lines=["各县区“十百千”职业健康科普宣传活动", "“五进”单位名单"],
        header=["县区", "单位名称", "单位性质", "活动分类"], widths=[0.8, 3.2, 0.9, 2.2], rows=rows,
        signer_line=_signer(district.reporter, district.reporter_phone), notes=[NOTE_5],
        file_stem=f"附件5_{district.name}_{campaign.year}",
    )


def lecture_plan_table(session: Session, district_name: str, year: int | None, mask_cards: bool) -> TableDocument:
    district = district_by_name(session, district_name)
    campaign = campaign_for_year(session, year)
    lectures = session.scalars(
        select(Lecture).where(
            Lecture.district_id == district.id, Lecture.campaign_id == campaign.id,
            Lecture.deleted_at.is_(None), Lecture.status != STATUS_CANCELLED,
        ).options(selectinload(Lecture.experts)).order_by(Lecture.held_on, Lecture.start_time, Lecture.id)
    )
    rows = []
    full_cards = 0
    for lecture in lectures:
        when = f"{lecture.held_on.year}年{lecture.held_on.month}月{lecture.held_on.day}日"
        if lecture.start_time:
            when += f" {lecture.start_time:%H:%M}"
        note = "、".join(filter(None, [SESSION_STATUSES[lecture.status], "补助" if lecture.subsidised else "",
                                       lecture.note]))
        for expert in lecture.experts:
            if expert.level != LEVEL_REGIONAL:
                continue
            card = card_text(expert.bank_card, masked=mask_cards)
            full_cards += bool(expert.bank_card) and not mask_cards and not is_unreadable(expert.bank_card)
            rows.append([Cell(expert.name), Cell(expert.unit), Cell(when), Cell(lecture.place),
                         Cell(lecture.topic), Cell(card), Cell(note)])
    return TableDocument(
        label="附件6", title_lines=["柳州市“十百千”职业健康科普宣传活动", "自治区级专家授课计划表"],
        header=["授课人姓名", "单位", "授课时间", "授课地点", "授课内容", "个人银行卡号", "备注"],
        widths=[1.2, 2.2, 1.5, 1.7, 2, 2.1, 1.3], rows=rows, bureau_line=f"{district.bureau_name}{SEAL_MARK}",
        landscape=True, file_stem=f"附件6_{district.name}_{campaign.year}", full_card_count=full_cards,
    )


LEDGER_HEADER = ["日期", "县区", "单位名称", "活动分类", "主题", "授课专家", "地点", "覆盖人数", "状态", "自治区补助",
                 "备注"]


def _lecturer_names(session: Session) -> Callable[[Expert], str]:
    """A lecturer by name, with the unit in brackets where two live experts share the name."""
    shared = set(session.scalars(
        select(Expert.name).where(Expert.deleted_at.is_(None)).group_by(Expert.name).having(func.count() > 1)
    ))
    return lambda e: f"{e.name}（{e.unit}）" if e.name in shared else e.name


def ledger_table(session: Session, district_name: str, year: int | None) -> TableDocument:
    """Every live session of a district and year, in the ledger layout the sessions import reads."""
    district = district_by_name(session, district_name)
    campaign = campaign_for_year(session, year)
    lecturer = _lecturer_names(session)
    lectures = session.scalars(
        select(Lecture).where(
            Lecture.district_id == district.id, Lecture.campaign_id == campaign.id, Lecture.deleted_at.is_(None),
        ).options(selectinload(Lecture.units), selectinload(Lecture.categories), selectinload(Lecture.experts))
        .order_by(Lecture.held_on, Lecture.start_time, Lecture.id)
    )
    rows = []
    for x in lectures:
        when = f"{x.held_on:%Y-%m-%d}" + (f" {x.start_time:%H:%M}" if x.start_time else "")
        # Units and lecturers in the 回收站 are left out, as the statistics leave them out.
        units = "、".join(u.name for u in x.units if u.deleted_at is None)
        lecturers = "、".join(lecturer(e) for e in x.experts if e.deleted_at is None)
        rows.append([Cell(when), Cell(district.short_name), Cell(units, align="left"),
                     Cell("、".join(c.name for c in x.categories)), Cell(x.topic, align="left"),
                     Cell(lecturers), Cell(x.place, align="left"),
                     count_cell(x.attendance), Cell(SESSION_STATUSES[x.status]),
                     Cell("是" if x.subsidised else ""), Cell(x.note, align="left")])
    return TableDocument(
        label="活动台账", title_lines=[f"{district.name}“十百千”职业健康科普宣传活动台账（{campaign.year}年度）"],
        header=LEDGER_HEADER, widths=[1.5, 0.7, 4.4, 1.3, 1.6, 1.3, 1.3, 0.75, 0.9, 0.75, 1.0], rows=rows,
        signer_line=_signer(district.reporter, district.reporter_phone), landscape=True,
        file_stem=f"活动台账_{district.name}_{campaign.year}",
    )


def build_attachment(
    session: Session, number: int, district: str | None = None, year: int | None = None, *,
    mask_cards: bool = False, with_actuals: bool = False, today: date | None = None,
) -> TableDocument:
    if number in PER_DISTRICT and not district:
        table = "活动台账" if number == LEDGER else f"附件{number}"
        raise UsageError(f"{table}是县区的表，请用 --district 指定县区（或 all 表示全部县区）。")
    named = district or ""  # every per-district table has its district by now (checked just above)
    builders: dict[int, Callable[[], TableDocument]] = {
        1: lambda: plan_table(session, year, with_actuals),
        2: lambda: report_table(session, named, year),
        3: lambda: experts_table(session, named, year),
        4: lambda: regional_table(session, year),
        5: lambda: units_table(session, named, year),
        6: lambda: lecture_plan_table(session, named, year, mask_cards),
        LEDGER: lambda: ledger_table(session, named, year),
        EVALUATION: lambda: evaluation_table(session, district, year),  # None: the city's
    }
    if number in (CITY_LECTURES, SETTLEMENT, SUBMISSIONS):
        from . import cycle_tables

        if number == SUBMISSIONS:
            return cycle_tables.submissions_table(session, year, today or date.today())
        build = cycle_tables.city_lecture_plan_table if number == CITY_LECTURES else cycle_tables.settlement_table
        return build(session, year, mask_cards)
    if number not in builders:
        raise UsageError(f"没有附件{number}，应为 1 到 6。")
    return builders[number]()


def summary_table(year: int, rows: Sequence[Sequence[object]], headers: tuple[str, ...],
                  notes: tuple[str, ...] = ()) -> TableDocument:
    """The city's 汇总 of ten districts (rows from services.consolidation), landscape."""
    return TableDocument(
        label="汇总表", title_lines=[f"{year}年全市“十百千”职业健康科普宣传活动开展情况汇总表"],
        header=list(headers), widths=[1.1] + [1] * (len(headers) - 2) + [1.6],
        rows=[[count_cell(value) if isinstance(value, int) else Cell(str(value)) for value in row] for row in rows],
        landscape=True,
        bureau_line=f"柳州市卫生健康委员会{SEAL_MARK}", notes=list(notes), file_stem=f"汇总表_全市_{year}",
    )
