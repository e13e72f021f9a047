"""效果评估汇总表: a district's evaluation by category, or the city's by district, with the opinions.

Built from services.evaluation_summary, the same figures as the 工作总结; rendered by the same two
writers as the attachment tables, so the PDF and the Excel file cannot differ.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from ...domain.reference import CATEGORIES
from ..evaluation_summary import CityEvaluation, EvaluationFigures, Opinion, city_evaluation, percent
from .document import SEAL_MARK, Cell, TableDocument

TITLE = "“十百千”职业健康科普宣传活动效果评估汇总表"
DISTRICT_HEADER = ["活动分类", "已开展场次", "已评估场次", "发放问卷", "回收问卷", "非常满意", "满意", "一般", "不满意",
                   "满意率"]
CITY_HEADER = ["县区", "已开展场次", "已评估场次", "发放问卷", "回收问卷", "满意率",
               *(f"{c}满意率" for c in CATEGORIES)]
NOTES = [
    "注：1.满意率＝（非常满意＋满意）÷回收问卷中作答的份数；未回收问卷的活动不计入满意率。",
    "2.同一场活动包含多个分类的，在各分类中分别计算；合计按场次计算，不重复计算。",
]


def _figures(figures: EvaluationFigures) -> list[Cell]:
    return [Cell(str(figures.held)), Cell(str(figures.evaluated)), Cell(str(figures.handed_out)),
            Cell(str(figures.collected))]


def _district_row(label: str, figures: EvaluationFigures) -> list[Cell | None]:
    return [Cell(label), *_figures(figures), *(Cell(str(n)) for n in figures.counts), Cell(percent(figures.rate))]


def opinion_lines(opinions: list[Opinion], with_district: bool) -> list[str]:
    if not opinions:
        return ["主要意见和建议：（无记录）"]
    lines = ["主要意见和建议："]
    for number, o in enumerate(opinions, start=1):
        where = f"{o.district} " if with_district else ""
        lines.append(f"{number}.{where}{o.held_on.month}月{o.held_on.day}日“{o.title}”：{o.text}")
    return lines


def district_evaluation_table(evaluation: CityEvaluation) -> TableDocument:
    part = evaluation.districts[0]
    rows = [_district_row(c, part.by_category[c]) for c in CATEGORIES]
    rows.append(_district_row("合计", part.total))
    return TableDocument(
        label="效果评估", title_lines=[f"{part.district}{TITLE}（{evaluation.year}年度）"],
        header=DISTRICT_HEADER, widths=[1.4] + [1] * 9, rows=rows,
        bureau_line=f"{part.bureau_name}{SEAL_MARK}", notes=[*NOTES, *opinion_lines(part.opinions, False)],
        landscape=True, file_stem=f"效果评估汇总表_{part.district}_{evaluation.year}",
    )


def _city_row(label: str, total: EvaluationFigures, by_category: dict[str, EvaluationFigures]) -> list[Cell | None]:
    return [Cell(label), *_figures(total), Cell(percent(total.rate)),
            *(Cell(percent(by_category[c].rate)) for c in CATEGORIES)]


def city_evaluation_table(evaluation: CityEvaluation) -> TableDocument:
    rows = [_city_row(p.short_name, p.total, p.by_category) for p in evaluation.districts]
    rows.append(_city_row("全市合计", evaluation.total, evaluation.by_category))
    return TableDocument(
        label="效果评估", title_lines=[f"{evaluation.year}年全市{TITLE}"], header=CITY_HEADER,
        widths=[1.1] + [1] * 5 + [1.3] * len(CATEGORIES), rows=rows,
        bureau_line=f"柳州市卫生健康委员会{SEAL_MARK}", notes=[*NOTES, *opinion_lines(evaluation.opinions, True)],
        landscape=True, file_stem=f"效果评估汇总表_全市_{evaluation.year}",
    )


def evaluation_table(session: Session, district: str | None, year: int | None) -> TableDocument:
    if district:
        return district_evaluation_table(city_evaluation(session, year, district))
    return city_evaluation_table(city_evaluation(session, year))
