"""`audit`: the record of every change, filtered, on screen or as an Excel file."""

from __future__ import annotations

import argparse
from datetime import date, datetime, timedelta
from pathlib import Path

from ...domain.errors import UsageError
from ...storage import audit
from ...storage.database import Database
from .registry import SUMMARIES


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"日期“{text}”格式不对，应为 YYYY-MM-DD，如 2025-06-01") from None


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("audit", help=SUMMARIES["audit"])
    parser.add_argument("--entity", choices=sorted(audit.ENTITY_LABELS), help="只看某类记录")
    parser.add_argument("--action", choices=sorted(audit.ACTION_LABELS), help="只看某种操作")
    parser.add_argument("--since", metavar="YYYY-MM-DD", help="从这一天起")
    parser.add_argument("--until", metavar="YYYY-MM-DD", help="到这一天止（含）")
    parser.add_argument("--search", metavar="TEXT", help="记录名称或改动内容包含的文字")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE.xlsx", help="导出为 Excel 文件")
    parser.set_defaults(run=run, writes=("output",), reads_only=True)  # allowed beside an open window


def run(args: argparse.Namespace, db: Database) -> int:
    # Imported here: the heavy libraries load only for the command that needs them (fast --help).
    from ...services.audit_export import audit_rows, write_audit_workbook

    # Days are the office's days; entries are stored in UTC.
    since = audit.stored_time(datetime.combine(_day(args.since), datetime.min.time())) if args.since else None
    until = (audit.stored_time(datetime.combine(_day(args.until) + timedelta(days=1), datetime.min.time()))
             if args.until else None)
    with db.session() as session:
        found = audit.entries(
            session, entity=args.entity, action=args.action, since=since, until=until, text=args.search
        )
    if args.output:
        write_audit_workbook(found, args.output)
        print(f"已导出 {len(found)} 条操作记录到：{args.output}")
        return 0
    for row in audit_rows(found):
        print("  ".join(str(value) for value in row[:4]), f"#{row[4]}", row[5], row[6], sep="  ")
    print(f"共 {len(found)} 条")
    return 0
