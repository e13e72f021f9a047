"""The three importable kinds: their columns (with the names people write) and row → draft."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from ...domain.drafts import ExpertDraft, UnitDraft
from ...domain.reference import LEVEL_DISTRICT, LEVEL_REGIONAL, SESSION_STATUSES, STATUS_HELD
from ...domain.validation import clean_text, parse_count
from .workbook import FormulaWithoutValue, header_key

CATEGORY_SEPARATORS = re.compile(r"[、,，;；/\s]+")


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # the template's header
    aliases: tuple[str, ...] = ()
    required: bool = False
    example: str = ""


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    columns: tuple[Column, ...]
    carried_down: tuple[str, ...] = ()  # merged cells (县区, 分类) apply to the rows below them

    @property
    def aliases(self) -> dict[str, str]:
        mapping = {}
        for column in self.columns:
            for text in (column.title, *column.aliases):
                mapping[header_key(text)] = column.key
        return mapping

    @property
    def required(self) -> set[str]:
        return {c.key for c in self.columns if c.required}

    def title_of(self, key: str) -> str:
        return next(c.title for c in self.columns if c.key == key)


EXPERTS = Kind("experts", "专家", (
    Column("district", "县区", ("区县", "所属县区"), example="柳南区"),
    Column("category", "分类", ("专家分类", "类别", "活动分类"), True, "职业健康"),
    Column("name", "姓名", ("专家姓名",), True, "张三"),
    Column("unit", "所在单位", ("单位", "工作单位"), True, "柳州市职业病防治院"),
    Column("title", "职称/职务", ("职称", "职务", "职称职务"), example="副主任医师"),
    Column("level", "级别", ("专家级别",), example="县区级"),
    Column("phone", "联系电话", ("电话", "手机"), example="0772-3608170"),
    Column("bank_card", "个人银行卡号", ("银行卡号", "卡号"), example=""),
    Column("group", "分组", ("组别",), example="第一组"),
    Column("note", "备注"),
), carried_down=("district", "category"))

UNITS = Kind("units", "五进单位", (
    Column("district", "县区", ("区县", "所属县区"), example="柳南区"),
    Column("name", "单位名称", ("名称", "单位"), True, "柳州某某机械有限公司"),
    Column("kind", "单位性质", ("性质", "单位类型", "类型"), True, "企业"),
    Column("categories", "活动分类", ("分类",), True, "职业健康、心理健康"),
    Column("credit_code", "统一社会信用代码", ("信用代码", "社会信用代码")),
    Column("address", "地址", ("单位地址",)),
    Column("contact", "联系人"),
    Column("phone", "联系电话", ("电话",)),
    Column("industry", "行业", ("所属行业",)),
    Column("worker_count", "职工人数", ("员工人数", "人数")),
    Column("note", "备注"),
), carried_down=("district",))

SESSIONS = Kind("sessions", "科普活动", (
    Column("held_on", "日期", ("活动日期", "授课时间", "时间"), True, "2025-06-18"),
    Column("district", "县区", ("区县",), example="柳南区"),
    Column("units", "单位名称", ("覆盖单位", "五进单位", "单位"), example="柳州某某机械有限公司"),
    Column("categories", "活动分类", ("分类",), True, "职业健康"),
    Column("topic", "主题", ("授课内容", "活动主题", "内容"), example="职业病防治法宣传"),
    Column("experts", "授课专家", ("授课人", "授课人姓名", "专家"), example="杨静"),
    Column("place", "地点", ("授课地点", "活动地点"), True, "公司会议室"),
    Column("attendance", "覆盖人数", ("参加人数", "人数"), example="80"),
    Column("status", "状态", ("活动状态",), example="已开展"),
    Column("subsidised", "自治区补助", ("补助", "是否补助")),
    Column("note", "备注"),
    # The evaluation (plan 四（四）); the four counts add up to the questionnaires collected.
    Column("questionnaires_out", "发放问卷数", ("发放问卷", "问卷发放数")),
    Column("questionnaires", "回收问卷数", ("回收问卷", "问卷回收数", "问卷数")),
    Column("very_satisfied", "非常满意", ("非常满意数",)),
    Column("satisfied", "满意", ("满意数",)),
    Column("neutral", "一般", ("一般数", "基本满意")),
    Column("dissatisfied", "不满意", ("不满意数",)),
    Column("satisfaction", "满意度(%)", ("满意度", "满意率", "满意度（%）", "满意率(%)")),
    Column("opinions", "主要意见和建议", ("意见和建议", "意见建议", "主要意见", "意见")),
    Column("score_before", "活动前知识得分", ("前测得分", "活动前得分")),
    Column("score_after", "活动后知识得分", ("后测得分", "活动后得分")),
), carried_down=("district",))

# Session columns that go to the draft as counts, and as decimal numbers.
EVALUATION_COUNTS = ("questionnaires_out", "questionnaires", "very_satisfied", "satisfied", "neutral", "dissatisfied")
EVALUATION_NUMBERS = ("satisfaction", "score_before", "score_after")

KINDS = {kind.name: kind for kind in (EXPERTS, UNITS, SESSIONS)}

STATUS_WORDS = {label: code for code, label in SESSION_STATUSES.items()} | {
    "已完成": STATUS_HELD, "完成": STATUS_HELD, "开展": STATUS_HELD, "已举办": STATUS_HELD,
    "计划中": "planned", "未开展": "planned", "取消": "cancelled",
}


YES_WORDS = {"是", "有", "Y", "y", "√", "✓", "1"}


class CellError(ValueError):
    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def text(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    if isinstance(value, FormulaWithoutValue):
        raise CellError(key, "公式没有计算结果，请在 Excel 中打开并保存后再导入，或改为填写数值")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(value)


def split_list(value: str) -> list[str]:
    return [part for part in CATEGORY_SEPARATORS.split(value) if part]


def split_names(value: str) -> list[str]:
    """Person names: 、 , ; / between names; spaces inside a name (刘  芸) are padding."""
    return [re.sub(r"\s+", "", part) for part in re.split(r"[、,，;；/\n]+", value) if part.strip()]


def expert_draft(record: dict[str, Any], default_district: str | None) -> ExpertDraft:
    district = text(record, "district") or default_district or ""
    level = text(record, "level") or (LEVEL_DISTRICT if district else LEVEL_REGIONAL)
    names = split_names(text(record, "name"))
    return ExpertDraft(
        name=names[0] if len(names) == 1 else text(record, "name"), level=level,
        category=text(record, "category"), unit=text(record, "unit"),
        title=text(record, "title"), district=district or None, phone=text(record, "phone"),
        bank_card=text(record, "bank_card"), group=text(record, "group"), note=text(record, "note"),
    )


def unit_draft(record: dict[str, Any], default_district: str | None) -> UnitDraft:
    # A wrong count goes on to clean(), which reports it beside the row's other faults.
    count = parse_count(text(record, "worker_count"))
    return UnitDraft(
        district=text(record, "district") or default_district or "", name=text(record, "name"),
        kind=text(record, "kind"), categories=split_list(text(record, "categories")),
        credit_code=text(record, "credit_code"), address=text(record, "address"), contact=text(record, "contact"),
        phone=text(record, "phone"), industry=text(record, "industry"), worker_count=count, note=text(record, "note"),
    )


def parse_day(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = clean_text(value)
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+.*)?", raw)
    if not match:
        raise CellError("held_on", f"“{raw[:20]}”不是日期，应写成 2025-06-18 或 2025年6月18日")
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        raise CellError("held_on", f"“{raw[:20]}”不是有效日期") from None


@dataclass
class SessionRow:
    """A ledger row before its units and lecturers are looked up by name."""

    held_on: date
    start_time: time | None
    district: str
    unit_names: list[str]
    categories: list[str]
    topic: str
    expert_names: list[str]
    place: str
    attendance: int | str | None  # a str is what was typed when it is not a number
    status: str
    note: str
    subsidised: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    evaluation: dict[str, Any] = field(default_factory=dict)  # LectureDraft field → value


def parse_number(value: str) -> float | str | None:
    """A score or a percentage as typed ("95", "95.5", "95%"); a str result is what was typed, left for
    the draft's check to report."""
    raw = value.strip().rstrip("%％").strip()
    if not raw:
        return None
    try:
        number = float(raw)
    except ValueError:
        return value
    return number if number == number else value  # NaN stays text


def session_row(record: dict[str, Any], default_district: str | None) -> SessionRow:
    raw_day = record.get("held_on")
    if isinstance(raw_day, FormulaWithoutValue):
        text(record, "held_on")
    day = parse_day(raw_day)
    start = raw_day.time() if isinstance(raw_day, datetime) and raw_day.time() != time(0) else None
    typed_time = re.search(r"\s(\d{1,2})\s*[:：]\s*(\d{2})\s*$", raw_day) if isinstance(raw_day, str) else None
    if typed_time and int(typed_time[1]) < 24 and int(typed_time[2]) < 60:
        start = time(int(typed_time[1]), int(typed_time[2]))  # "2025-06-18 09:30", as the 活动台账 writes it
    attendance = parse_count(text(record, "attendance"))
    status_text = text(record, "status") or SESSION_STATUSES[STATUS_HELD]
    return SessionRow(
        held_on=day, start_time=start, district=text(record, "district") or default_district or "",
        unit_names=[n for n in re.split(r"[、;；\n]+", text(record, "units")) if n.strip()],
        categories=split_list(text(record, "categories")), topic=text(record, "topic"),
        expert_names=split_names(text(record, "experts")), place=text(record, "place"), attendance=attendance,
        status=STATUS_WORDS.get(status_text, status_text), note=text(record, "note"),
        subsidised=text(record, "subsidised") in YES_WORDS,
        evaluation={key: parse_count(text(record, key)) for key in EVALUATION_COUNTS}
        | {key: parse_number(text(record, key)) for key in EVALUATION_NUMBERS} | {"opinions": text(record, "opinions")},
    )
