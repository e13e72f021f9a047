"""`submit STAGE --district NAME -o FILE`: a district 报送 one stage of the year, on purpose, and the app
records it; `review FILE|ID --accept|--return REASON`: the city's 受理 or 退回."""

from __future__ import annotations

import argparse
from pathlib import Path

from ...domain.stages import ACCEPTED, RETURNED, STAGE_SPELLINGS
from ...storage.database import Database
from .registry import SUMMARIES


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "submit", help=SUMMARIES["submit"],
        description="报送环节：experts（附件3，4月18日前）、units（附件5和附件6，5月15日前）、"
                    "summary（附件2和工作总结，11月20日前）。同一环节再次报送时替代之前的报送，历史保留。",
    )
    parser.add_argument("stage", metavar="STAGE", choices=STAGE_SPELLINGS,
                        help="experts（附件3）、units（附件5、6）或 summary（附件2和工作总结）")
    parser.add_argument("--district", required=True, metavar="NAME", help="县区名称，如 柳南")
    parser.add_argument("--year", type=int, metavar="YYYY", help="活动年度，默认为最近的年度")
    parser.add_argument("--summary-file", type=Path, metavar="FILE",
                        help="工作总结（PDF 文件，随 summary 一同报送）")
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="FILE", help="报送包文件（.lzbs）")
    parser.set_defaults(run=run_submit, writes=("output",), reads=("summary_file",))

    review = commands.add_parser("review", help=SUMMARIES["review"])
    review.add_argument("target", metavar="FILE|ID", help="报送包文件，或 submissions --list 中的编号")
    decision = review.add_mutually_exclusive_group(required=True)
    decision.add_argument("--accept", action="store_true", help="受理")
    decision.add_argument("--return", dest="return_reason", metavar="REASON", help="退回，并写明原因")
    review.set_defaults(run=run_review)


def run_submit(args: argparse.Namespace, db: Database) -> int:
    from ...services.exchange.submissions import submit_stage

    result = submit_stage(db, args.stage, args.district, args.output, args.year, summary_file=args.summary_file)
    counts = result.counts
    print(f"已报送 {result.district} {result.year} 年度{result.stage.short}：{result.path}"
          f"（单位 {counts['units']} 家，专家 {counts['experts']} 名，活动 {counts['sessions']} 场，"
          f"校验码 {result.digest[:12]}）")
    if result.stage.summary and args.summary_file is None:
        print("提示：本次未附工作总结，可用 --summary-file 随附件2一同报送。")
    return 0


def run_review(args: argparse.Namespace, db: Database) -> int:
    from ...services.exchange.submissions import review_submission

    decision = ACCEPTED if args.accept else RETURNED
    result = review_submission(db, args.target, decision, args.return_reason or "")
    print(result.message)
    return 0
