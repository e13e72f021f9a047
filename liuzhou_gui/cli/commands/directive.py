"""`directive export|import`: the city's 下发包 for the districts (plan, experts, decisions)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ...storage.database import Database
from .registry import SUMMARIES


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("directive", help=SUMMARIES["directive"])
    actions = parser.add_subparsers(dest="directive_action", metavar="ACTION", required=True,
                                    parser_class=type(parser))
    export = actions.add_parser("export", help="市卫健委导出下发包（计划、名额、截止日期、专家、审核结果）")
    export.add_argument("--year", type=int, metavar="YYYY", help="活动年度，默认为最近的年度")
    export.add_argument("--district", metavar="NAME", help="只发给这个县区（默认一个文件发给全部县区）")
    export.add_argument("-o", "--output", required=True, type=Path, metavar="FILE", help="下发包文件（.lzxf）")
    export.set_defaults(run=run_export, writes=("output",))
    imp = actions.add_parser("import", help="县区导入下发包：先列出改动，再应用")
    imp.add_argument("file", type=Path, metavar="FILE", help="下发包文件")
    imp.add_argument("--dry-run", action="store_true", help="只列出会改动什么，不应用")
    imp.add_argument("--trust", metavar="XXXX-XXXX-…", help="市卫健委换了密钥时：核对无误的新密钥指纹")
    imp.set_defaults(run=run_import, reads=("file",))


def run_export(args: argparse.Namespace, db: Database) -> int:
    from ...services.exchange.directive import export_directive

    manifest = export_directive(db, args.output, args.year, district=args.district)
    who = manifest["district"] or "全部县区"
    print(f"已导出 {manifest['year']} 年度下发包（发给{who}）：{args.output}")
    return 0


def run_import(args: argparse.Namespace, db: Database) -> int:
    from ...services.exchange.directive import apply_directive, preview_directive

    if args.dry_run:
        plan = preview_directive(db, args.file, trust=args.trust)
    else:
        plan = apply_directive(db, args.file, trust=args.trust)
    for line in plan.lines if not plan.already_applied else []:
        print(f"  {line}")
    prefix = "（未应用）" if args.dry_run and plan.lines else ""
    print(plan.summary + prefix + ("" if args.dry_run or not plan.lines or plan.already_applied else "已应用。"))
    return 0
