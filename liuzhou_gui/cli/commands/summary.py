"""`summary --district NAME|--city [--year] -o FILE.docx`: the 工作总结 draft (Word), figures from the data."""

from __future__ import annotations

import argparse
from pathlib import Path

from ...domain.errors import UsageError
from ...storage.database import Database
from .registry import SUMMARIES


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "summary", help=SUMMARIES["summary"])
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--district", metavar="NAME", help="县区名称，如 柳南")
    who.add_argument("--city", action="store_true", help="全市的工作总结（十个县区合计并排序）")
    parser.add_argument("--year", type=int, metavar="YYYY", help="活动年度，默认为最近的年度")
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.docx",
                        help="输出的 Word 文件；已存在的文件夹则按名称命名")
    parser.set_defaults(run=run, writes=("output",))


def run(args: argparse.Namespace, db: Database) -> int:
    from ...services.summary.draft import write_summary

    if args.district == "all":
        raise UsageError("工作总结按县区生成，请写一个县区的名称，或用 --city 生成全市的总结。")
    path = write_summary(db, None if args.city else args.district, args.year, args.output)
    print(f"已生成工作总结草稿：{path}")
    return 0
