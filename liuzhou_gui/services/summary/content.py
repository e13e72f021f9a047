"""The 工作总结's words, as blocks for the writer: each figure from SummaryFacts, each judgement derived
from a figure and its target, and 【请填写：…】 wherever only a person can say what happened.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from ...domain.evaluation import RATINGS
from ...domain.reference import CATEGORIES, PLANNED_CATEGORIES
from ..evaluation_summary import EvaluationFigures, percent
from .facts import SummaryFacts

PROMPT_OPEN, PROMPT_CLOSE = "【请填写：", "】"
NUMERALS = "一二三四五六七八九十"
MAX_OPINIONS_LISTED = 10


def prompt(what: str) -> str:
    return f"{PROMPT_OPEN}{what}{PROMPT_CLOSE}"


@dataclass
class Block:
    kind: str  # title, addressee, para, h1, h2, chart, table, signature, page_break, attachment_label
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)  # table: the first row is the header
    image: bytes = b""
    extra: str = ""  # signature: the date; chart: its caption


def _share(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%" if whole else "—"


def _met(done: int | float, target: int | float) -> str:
    return "已完成" if done >= target else "未完成"


def _figures_paragraph(f: SummaryFacts) -> list[Block]:
    p = f.progress
    total = p.distinct
    target = p.sessions_target
    lines = [
        f"{f.year}年，{f.who}共开展“十百千”职业健康科普宣传活动{total.sessions}场，目标不少于{target}场，"
        f"完成率{_share(total.sessions, target)}（{_met(total.sessions, target)}）；覆盖“五进”单位{total.units}家，"
        f"目标不少于{p.units_target}家（{_met(total.units, p.units_target)}）；覆盖{total.people}人次。",
    ]
    by_category = "；".join(
        f"{c}{p.categories[c].sessions}场（计划{p.plan.get(c, 0)}场）、覆盖单位{p.categories[c].units}家、"
        f"{p.categories[c].people}人次" if c in PLANNED_CATEGORIES else
        f"{c}{p.categories[c].sessions}场、覆盖单位{p.categories[c].units}家、{p.categories[c].people}人次"
        for c in CATEGORIES
    )
    lines.append(f"按活动分类：{by_category}。同一场活动包含多个分类的，在各分类中分别计算。")
    lines.append(
        f"自治区级专家授课{p.regional_sessions}场，占已开展场次的{p.regional_share * 100:.1f}%"
        f"（要求不低于{p.regional_share_min * 100:.0f}%，{_met(p.regional_share, p.regional_share_min)}）；"
        f"自治区补助的专家授课已开展{p.subsidised_held}场"
        + (f"，另有{p.subsidised_planned}场尚在计划中" if p.subsidised_planned else "")
        + f"，补助名额{p.subsidy_quota}场。"
    )
    return [Block("para", line) for line in lines]


def _ways(f: SummaryFacts) -> list[Block]:
    blocks = [Block("h2", "（一）深入“五进”单位开展宣传")]
    reached = [f"{kind}{count}家" for kind, count in f.kinds_reached.items() if count]
    missing = [kind for kind, count in f.kinds_reached.items() if not count]
    text = (f"活动覆盖的“五进”单位中，{'、'.join(reached)}。" if reached else "本年度已开展的活动尚未覆盖“五进”单位。")
    if reached and missing:
        text += f"尚未覆盖{'、'.join(missing)}类单位。"
    blocks.append(Block("para", text))
    blocks.append(Block("h2", "（二）利用关键时间节点"))
    used = [f"{k.label}（{k.span}）开展{k.sessions}场" for k in f.key_dates if k.sessions]
    unused = [f"{k.label}（{k.span}）" for k in f.key_dates if not k.sessions]
    text = f"{'；'.join(used)}。" if used else "本年度未在关键时间节点开展活动。"
    if used and unused:
        text += f"{'、'.join(unused)}期间未开展活动。"
    blocks.append(Block("para", text))
    blocks.append(Block("h2", "（三）专家队伍与部门协作"))
    lecturers = "、".join(f"{level}{n}名" for level, n in f.lecturers.items() if n)
    text = (f"共有{sum(f.lecturers.values())}名专家参与授课（{lecturers}）" if lecturers else "活动尚未登记授课专家")
    if f.lecturer_units:
        text += f"，来自{'、'.join(f.lecturer_units[:8])}" + ("等单位" if len(f.lecturer_units) > 8 else "")
    text += "。"
    if f.organisers:
        more = "等" if len(f.organisers) > 10 else ""
        text += f"参与组织活动的单位有：{'、'.join(f.organisers[:10])}{more}。"
    text += prompt("与教育、人社、应急管理、工会等部门协作的具体做法，宣传形式和媒体报道情况")
    blocks.append(Block("para", text))
    return blocks


def _rates(figures: dict[str, EvaluationFigures]) -> str:
    return "、".join(f"{c}{percent(figures[c].rate)}" for c in CATEGORIES if figures[c].answers)


def _evaluation(f: SummaryFacts) -> list[Block]:
    total = f.evaluation.total
    if not total.evaluated:
        return [Block("para", f"已开展的{total.held}场活动尚未录入效果评估（问卷、满意度、意见建议）。"
                              + prompt("采取问卷调查、现场反馈等方式评估活动效果的情况"))]
    answers = "、".join(f"{label}{n}份" for (_, label), n in zip(RATINGS, total.counts, strict=True))
    text = (f"已开展的{total.held}场活动中，{total.evaluated}场开展了效果评估，发放问卷{total.handed_out}份，"
            f"回收{total.collected}份（回收率{_share(total.collected, total.handed_out)}）。")
    if total.answers:
        text += (f"其中{answers}，满意率（非常满意和满意）{percent(total.rate)}；"
                 f"按活动分类，满意率分别为{_rates(f.evaluation.by_category)}。")
    blocks = [Block("para", text)]
    if total.scored:
        blocks.append(Block("para", f"{total.scored}场活动开展了知识测试，活动前平均得分{total.score_before:g}分，"
                                    f"活动后平均得分{total.score_after:g}分。"))
    # The same words from several sessions are listed once, with how many sessions gave them.
    opinions = Counter(o.text.rstrip("。.；;！!") for o in f.evaluation.opinions)
    if opinions:
        listed = "；".join(f"{n}.{text}" + (f"（{count}场）" if count > 1 else "")
                          for n, (text, count) in enumerate(opinions.most_common(MAX_OPINIONS_LISTED), start=1))
        more = f"（共{len(opinions)}条，详见效果评估汇总表）" if len(opinions) > MAX_OPINIONS_LISTED else ""
        blocks.append(Block("para", f"参会人员提出的主要意见和建议：{listed}{more}。"))
    blocks.append(Block("para", prompt("对意见和建议的分析，以及据此改进科普内容和方式的措施")))
    return blocks


def _shortfalls(f: SummaryFacts) -> list[str]:
    p = f.progress
    lines = []
    for category in PLANNED_CATEGORIES:
        done, target = p.categories[category].sessions, p.plan.get(category, 0)
        if done < target:
            lines.append(f"{category}活动开展{done}场，比计划少{target - done}场。")
    if p.distinct.sessions < p.sessions_target:
        lines.append(f"全年开展{p.distinct.sessions}场，未达到不少于{p.sessions_target}场的目标。")
    if p.distinct.units < p.units_target:
        lines.append(f"覆盖“五进”单位{p.distinct.units}家，未达到不少于{p.units_target}家的目标。")
    if p.regional_share < p.regional_share_min:
        lines.append(f"自治区级专家授课占比{p.regional_share * 100:.1f}%，"
                     f"低于{p.regional_share_min * 100:.0f}%的要求。")
    if p.subsidised_held < p.subsidy_quota:
        lines.append(f"自治区补助的专家授课已开展{p.subsidised_held}场，名额{p.subsidy_quota}场尚未用完。")
    missing = [kind for kind, count in f.kinds_reached.items() if not count]
    if missing:
        lines.append(f"尚未覆盖{'、'.join(missing)}类“五进”单位。")
    unused = [k.label for k in f.key_dates if not k.sessions]
    if unused:
        lines.append(f"未利用{'、'.join(unused)}开展活动。")
    total = f.evaluation.total
    if total.held > total.evaluated:
        lines.append(f"{total.held - total.evaluated}场已开展的活动没有效果评估记录。")
    if total.held > f.sessions_with_photos:
        lines.append(f"{total.held - f.sessions_with_photos}场已开展的活动没有活动图片（佐证材料）。")
    return lines


def _ranking(f: SummaryFacts) -> list[Block]:
    header = ["排名", "县区", "开展场次", "目标场次", "覆盖单位数", "覆盖人数", "满意率", "自治区专家占比"]
    rows = [[str(r.rank), r.short_name, str(r.sessions), str(r.target), str(r.units), str(r.people),
             percent(r.rate), f"{r.regional_share * 100:.1f}%"] for r in f.ranking]
    most = max((r.sessions for r in f.ranking), default=0)
    first = [r.short_name for r in f.ranking if r.sessions == most and most]
    text = ("按开展场次、活动效果（满意率）和覆盖单位数排序，各县区情况如下表。"
            + (f"{'、'.join(first)}开展场次最多（{most}场）。" if first else "各县区尚未开展活动。")
            + prompt("拟通报表扬的先进集体和个人"))
    return [Block("para", text), Block("table", rows=[header, *rows])]


def summary_blocks(f: SummaryFacts, table2: list[list[str]], chart_png: bytes, today: date,
                   signer: str = "") -> list[Block]:
    city = f.district is None
    numeral = iter(NUMERALS)
    blocks = [
        Block("title", f"{f.office}{f.year}年“十百千”职业健康科普宣传活动工作总结"),
    ]
    if not city:
        blocks.append(Block("addressee", "柳州市卫生健康委员会："))
    blocks.append(Block("para", (
        f"按照《柳州市落实自治区“百千万”职业健康科普宣传活动实施方案》要求，{'我委' if city else '我局'}组织开展了"
        f"{f.year}年“十百千”职业健康科普宣传活动。现将工作情况总结如下：")))
    blocks.append(Block("h1", f"{next(numeral)}、工作完成情况"))
    blocks += _figures_paragraph(f)
    blocks.append(Block("chart", image=chart_png, extra=f"图1　{f.who}{f.year}年各月开展活动场次（按活动分类）"))
    if city:
        blocks.append(Block("h1", f"{next(numeral)}、各县区开展情况"))
        blocks += _ranking(f)
    blocks.append(Block("h1", f"{next(numeral)}、主要做法"))
    blocks += _ways(f)
    blocks.append(Block("para", prompt("其他做法和特色亮点")))
    blocks.append(Block("h1", f"{next(numeral)}、活动效果评估"))
    blocks += _evaluation(f)
    blocks.append(Block("h1", f"{next(numeral)}、存在的问题和不足"))
    shortfalls = _shortfalls(f)
    if shortfalls:
        blocks += [Block("para", f"{n}.{line}") for n, line in enumerate(shortfalls, start=1)]
    else:
        blocks.append(Block("para", "从录入的数据看，计划的各项指标均已完成。"))
    blocks.append(Block("para", prompt("数据之外的其他问题和不足")))
    blocks.append(Block("h1", f"{next(numeral)}、工作经验"))
    blocks.append(Block("para", prompt("本年度工作的主要经验和体会")))
    blocks.append(Block("h1", f"{next(numeral)}、下一步工作计划"))
    blocks.append(Block("para", prompt("下一年度的工作打算")))
    blocks.append(Block("para", f"附件：{f.year}年{'全市' if city else f.who}“十百千”职业健康科普宣传开展情况表"))
    blocks.append(Block("signature", f.office, extra=f"{today.year}年{today.month}月{today.day}日"))
    blocks.append(Block("page_break"))
    blocks.append(Block("attachment_label", "附件"))
    blocks.append(Block("title", "各县区“十百千”职业健康科普宣传开展情况表"))
    blocks.append(Block("para", f"{f.office}（盖章）"))
    blocks.append(Block("table", rows=table2))
    if signer:
        blocks.append(Block("para", signer))
    return blocks

