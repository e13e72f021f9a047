"""`submissions [--year] [--json] [--list] [-o FILE]`: the 报送情况 matrix, district × stage."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from ...domain.errors import UsageError
from ...services.reports.catalog import FORMATS
from ...storage.database import Database
from ...storage.statistics import campaign_progress
from ...storage.submissions import list_submissions
from ..table import format_table
from .registry import SUMMARIES


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("submissions", help=SUMMARIES["submissions"])
    parser.add_argument("--year", type=int, metavar="YYYY", help="活动年度，默认为最近的年度")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    parser.add_argument("--list", action="store_true", help="列出每一次报送（含被替代的历史和编号）")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="导出为 PDF 或 Excel（.pdf / .xlsx）")
    parser.set_defaults(run=run, writes=("output",))


def run(args: argparse.Namespace, db: Database) -> int:
    today = date.today()
    with db.session() as session:
        city = campaign_progress(session, args.year, today=today)
        history = list_submissions(session, city.year)
    if args.output:
        return _export(db, city.year, args.output, today)
    if args.json:
        print(json.dumps(_as_json(city, history), ensure_ascii=False, indent=1))
        return 0
    if args.list:
        print(_history_text(history) if history else f"{city.year} 年度还没有报送记录。")
        return 0
    stages = [d.label for d in city.deadlines]
    rows = [[p.district, *(d.cell_text for d in p.deadlines)] for p in city.districts]
    rows.append(["完整率", *(f"{d.received}/{d.expected}（{d.completeness:.0%}）" for d in city.deadlines)])
    rows.append(["及时率", *(f"{d.on_time}/{d.expected}（{d.timeliness:.0%}）" for d in city.deadlines)])
    print(f"{city.year} 年度报送情况（{today:%Y-%m-%d}）")
    print(format_table(["县区", *(f"{d.due.month}月{d.due.day}日前" for d in city.deadlines)], rows))
    print("\n".join(f"{d.due.month}月{d.due.day}日前：{label}" for d, label in zip(city.deadlines, stages,
                                                                                    strict=True)))
    return 0


def _history_text(history) -> str:
    return format_table(
        ["编号", "县区", "环节", "报送时间", "状态", "文件"],
        [[str(r.id), r.district, r.stage_label, f"{r.created_at:%Y-%m-%d %H:%M}", r.status, r.file_name]
         for r in history],
    )


def _as_json(city, history) -> dict:
    return {
        "year": city.year,
        "stages": [d.as_json() for d in city.deadlines],
        "districts": [{"district": p.district, "stages": [d.as_json() for d in p.deadlines]} for p in city.districts],
        "submissions": [
            {"id": r.id, "district": r.district, "stage": r.stage, "created_at": r.created_at.isoformat(),
             "received_at": r.received_at.isoformat() if r.received_at else None, "counts": r.counts,
             "file_name": r.file_name, "digest": r.content_sha256, "decision": r.decision, "reason": r.reason,
             "current": r.current, "status": r.status}
            for r in history
        ],
    }


def _export(db: Database, year: int, output: Path, today: date) -> int:
    from ...services.reports.export import export_submissions

    fmt = output.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise UsageError("报送情况可导出为 .pdf 或 .xlsx 文件。")
    path = export_submissions(db, year, fmt=fmt, output=output, today=today)
    print(f"已导出：{path}")
    return 0
