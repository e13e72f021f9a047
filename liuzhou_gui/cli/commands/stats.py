"""`stats`: the campaign's statistics as a readable table or as JSON."""

from __future__ import annotations

import argparse
import json

from ...domain.progress import Progress
from ...domain.reference import CATEGORIES
from ...storage.database import Database
from ...storage.statistics import campaign_progress, district_progress


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("stats", help="统计开展情况（附件2 口径）与计划完成情况")
    parser.add_argument("--district", metavar="NAME", help="县区名称，如 柳南 或 柳南区；不填为全市")
    parser.add_argument("--year", type=int, metavar="YYYY", help="活动年度，默认为最近的年度")
    parser.add_argument("--json", action="store_true", help="以 JSON 格式输出")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, db: Database) -> int:
    with db.session() as session:
        if args.district:
            progress = district_progress(session, args.district, args.year)
        else:
            progress = campaign_progress(session, args.year)
    if args.json:
        print(json.dumps(progress.as_json(), ensure_ascii=False, indent=2))
    else:
        print(format_progress(progress))
    return 0


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def format_progress(progress: Progress) -> str:
    who = progress.district or "全市"
    lines = [f"{progress.year} 年度 {who}“十百千”职业健康科普宣传开展情况（仅统计已开展的活动）", ""]
    lines.append(f"{'活动分类':<8}{'场次':>6}{'覆盖单位数':>8}{'覆盖人数':>8}{'计划':>6}{'完成率':>6}{'待开展':>6}")
    for category in CATEGORIES:
        figures = progress.categories[category]
        plan = progress.plan.get(category)
        lines.append(
            f"{category:<8}{figures.sessions:>8}{figures.units:>12}{figures.people:>11}"
            f"{plan if plan is not None else '—':>8}{_percent(progress.completion(category)):>8}"
            f"{progress.planned[category]:>8}"
        )
    total = progress.total
    lines.append(f"{'合计':<8}{total.sessions:>8}{total.units:>12}{total.people:>11}{progress.plan_total:>8}")
    distinct = progress.distinct
    lines += [
        "",
        f"不重复计算：{distinct.sessions} 场，覆盖单位 {distinct.units} 家（目标 {progress.units_target}），"
        f"覆盖 {distinct.people} 人",
        f"自治区级专家授课占比：{progress.regional_share:.1%}（{progress.regional_sessions} 场，"
        f"要求不低于 {progress.regional_share_min:.0%}）",
        f"补助的自治区专家授课：已开展 {progress.subsidised_held} 场，计划 {progress.subsidised_planned} 场，"
        f"名额 {progress.subsidy_quota} 场",
    ]
    if progress.districts:
        lines += ["", f"{'县区':<6}{'场次':>6}{'单位':>6}{'人数':>8}{'自治区专家占比':>10}"]
        for part in progress.districts:
            lines.append(
                f"{part.district:<8}{part.distinct.sessions:>6}{part.distinct.units:>8}{part.distinct.people:>10}"
                f"{part.regional_share:>12.0%}"
            )
    lines += ["", "时间节点："]
    lines += [f"  {d.due.month}月{d.due.day}日前 {d.label}：{d.state}" for d in progress.deadlines]
    return "\n".join(lines)
