"""`import {experts,units,sessions} FILE.xlsx`: all rows or none, with the errors listed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ...services.importing.kinds import KINDS
from ...storage.database import Database
from .registry import SUMMARIES


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("import", help=SUMMARIES["import"])
    parser.add_argument("kind", choices=list(KINDS), help="experts 专家，units 五进单位，sessions 科普活动")
    parser.add_argument("file", type=Path, metavar="FILE.xlsx", help="Excel 文件")
    parser.add_argument("--district", metavar="NAME", help="表中没有“县区”列或为空时使用的县区")
    parser.add_argument("--update-duplicates", action="store_true", help="已有的记录用表中的内容更新（默认跳过）")
    parser.add_argument("--errors", type=Path, metavar="OUT.xlsx", help="有错误时，把出错的行和错误原因另存为 Excel")
    parser.set_defaults(run=run, writes=("errors",), reads=("file",))


def run(args: argparse.Namespace, db: Database) -> int:
    # Imported here: the heavy libraries load only for the command that needs them (fast --help).
    from ...services.importing.apply import ImportRefused, apply_import
    from ...services.importing.error_workbook import write_error_workbook
    from ...services.importing.plan import plan_import

    plan = plan_import(db, args.kind, args.file, args.district)
    try:
        outcome = apply_import(db, plan, update_duplicates=args.update_duplicates)
    except ImportRefused:
        if args.errors:
            write_error_workbook(plan, args.errors)
            print(f"出错的行已另存为：{args.errors}", file=sys.stderr)
        raise
    print(
        f"已导入{plan.kind.label}：新增 {outcome.created} 条，更新 {outcome.updated} 条，"
        f"跳过已有的 {outcome.skipped} 条。"
    )
    return 0
