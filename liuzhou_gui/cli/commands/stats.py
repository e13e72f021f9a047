"""`stats`: the campaign's statistics as a readable table or as JSON."""

from __future__ import annotations

import argparse
import json

from ...domain.progress import Progress
from ...domain.reference import CATEGORIES
from ...storage.database import Database
from ...storage.statistics import campaign_progress, district_progress
from ..table import LEFT, RIGHT, format_table
from .registry import SUMMARIES


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("stats", help=SUMMARIES["stats"])
    parser.add_argument("--district", metavar="NAME", help="县区名称，如 柳南 或 柳南区；不填为全市")
    parser.add_argument("--year", type=int, metavar="YYYY", help="活动年度，默认为最近的年度")
    parser.add_argument("--json", action="store_true", help="以 JSON 格式输出")
    parser.set_defaults(run=run, reads_only=True)  # allowed beside an open window


def run(args: argparse.Namespace, db: Database) -> int:
    with db.connection() as connection:  # Core only: the ORM is not imported for `stats`
        if args.district:
            progress = district_progress(connection, args.district, args.year)
        else:
            progress = campaign_progress(connection, args.year)
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
    rows: list[list[object]] = []
    for category in CATEGORIES:
        figures = progress.categories[category]
        rows.append([
            category, figures.sessions, figures.units, figures.people, progress.plan.get(category),
            _percent(progress.completion(category)), progress.planned[category],
        ])
    total = progress.total
    rows.append([
        "合计", total.sessions, total.units, total.people, progress.plan_total,
        None,  # the total counts 其他内容 too, which has no plan: a rate would mislead
        sum(progress.planned.values()),
    ])
    lines.append(format_table(
        ["活动分类", "场次", "覆盖单位数", "覆盖人数", "计划场次", "完成率", "待开展"], rows,
        align=[LEFT] + [RIGHT] * 6,
    ))
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
        lines += ["", format_table(
            ["县区", "场次", "计划场次", "覆盖单位", "覆盖人数", "自治区专家占比", "补助/名额"],
            [
                [
                    part.district, part.distinct.sessions, part.sessions_target, part.distinct.units,
                    part.distinct.people, f"{part.regional_share:.0%}",
                    f"{part.subsidised_held + part.subsidised_planned}/{part.subsidy_quota}",
                ]
                for part in progress.districts
            ],
            align=[LEFT] + [RIGHT] * 6,
        )]
    lines += ["", "时间节点："]
    lines += [f"  {d.due.month}月{d.due.day}日前 {d.label}：{d.state}" for d in progress.deadlines]
    return "\n".join(lines)
