"""`check`: integrity, rules and plan, listed by severity. Exit 1 when there are errors."""

from __future__ import annotations

import argparse

from ...services.checks import ERROR, REMINDER, SEVERITIES, SHORTFALL, run_checks
from ...storage.database import Database
from ..table import LEFT, RIGHT, format_table
from .registry import SUMMARIES

MEANING = {
    ERROR: "数据库损坏或记录违反规则，须修正（退出码 1）",
    SHORTFALL: "计划进度，不算错误",
    REMINDER: "截止日期已过或将到",
}


def register(commands: argparse._SubParsersAction) -> None:
    summary = SUMMARIES["check"]
    parser = commands.add_parser(
        "check", help=summary,
        description=summary + "。结果分为三组：错误（数据库损坏或记录违反规则，须修正）、"
        "未达标（计划进度，不算错误）、提醒（截止日期）。",
    )
    parser.add_argument("--year", type=int, metavar="YYYY", help="活动年度，默认为最近的年度")
    parser.set_defaults(run=run, reads_only=True)  # allowed beside an open window


def run(args: argparse.Namespace, db: Database) -> int:
    findings = run_checks(db, args.year)
    for severity in SEVERITIES:
        lines = [f.message for f in findings if f.severity == severity]
        print(f"【{severity}】{len(lines)} 项")
        for line in lines:
            print(f"  - {line}")
    errors = sum(f.severity == ERROR for f in findings)
    print()
    print(format_table(["分组", "项数", "说明"], [
        [severity, sum(f.severity == severity for f in findings), MEANING[severity]] for severity in SEVERITIES
    ], align=[LEFT, RIGHT, LEFT]))
    print("检查完成：" + (f"发现 {errors} 项错误，请修正。" if errors else "没有发现错误。"))
    return 1 if errors else 0
