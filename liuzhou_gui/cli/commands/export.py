"""`export {1-6,summary} [--district NAME|all] --format {pdf,xlsx} -o OUT`: the official tables as files."""

from __future__ import annotations

import argparse
from pathlib import Path

from ...domain.errors import UsageError
from ...services.reports.catalog import (
    ATTACHMENT_TITLES,
    CITY_LECTURES,
    DISTRICT_OR_CITY,
    EVALUATION,
    FORMATS,
    LEDGER,
    PER_DISTRICT,
    PHOTOS,
    SETTLEMENT,
    SUBMISSIONS,
    SUMMARY,
)
from ...storage.database import Database
from ..card_warning import warn_if_cards_unreadable
from .registry import SUMMARIES

TABLE_CHOICES = {**{str(n): n for n in range(1, 7)}, "summary": SUMMARY, "汇总": SUMMARY, "ledger": LEDGER,
                 "台账": LEDGER, "settlement": SETTLEMENT, "结算": SETTLEMENT, "submissions": SUBMISSIONS,
                 "报送情况": SUBMISSIONS, "evaluation": EVALUATION, "效果评估": EVALUATION, "photos": PHOTOS,
                 "活动图片": PHOTOS}
CITY_SPELLINGS = ("city", "全市", "市", "市卫健委")


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "export", help=SUMMARIES["export"],
        description="导出附件1–6（附件2、3、5、6按县区）或全市汇总表。附件2、附件6 加盖设置中的县区公章。",
    )
    parser.add_argument("table", choices=list(TABLE_CHOICES), metavar="TABLE",
                        help="1–6 表示附件1–附件6（6 --district city 为报自治区的全市汇总），summary（汇总）表示"
                             "全市汇总表，ledger（台账）表示县区的活动台账（可用 import sessions 导回），"
                             "settlement（结算）表示自治区专家授课补助结算清单，submissions（报送情况）表示各县区报送情况，"
                             "evaluation（效果评估）表示效果评估汇总表（不写 --district 为全市），"
                             "photos（活动图片）表示活动图片附件（PDF）")
    parser.add_argument("--district", metavar="NAME",
                        help="县区名称，如 柳南；all 表示十个县区各导出一个文件到 OUT 文件夹；"
                             "city 表示全市（附件6 全市汇总）")
    parser.add_argument("--year", type=int, metavar="YYYY", help="活动年度，默认为最近的年度")
    parser.add_argument("--format", choices=FORMATS, help="pdf 或 xlsx；不写时按 OUT 的扩展名判断")
    seal = parser.add_mutually_exclusive_group()
    seal.add_argument("--seal", type=Path, metavar="FILE.png", help="使用这个公章图片（默认用设置中该县区的公章）")
    seal.add_argument("--no-seal", action="store_true", help="不加盖公章")
    parser.add_argument("--draft", action="store_true", help="打印“草稿”水印，不加盖公章")
    parser.add_argument("--seal-size", type=float, default=42.0, metavar="MM", help="公章直径（毫米），默认 42")
    parser.add_argument("--mask-cards", action="store_true", help="附件6中的银行卡号只显示前后四位")
    parser.add_argument("--with-actuals", action="store_true", help="附件1增加“完成”列")
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="OUT",
                        help="输出文件；已存在的文件夹则按表名命名；--district all 时为文件夹")
    # Allowed beside an open window (reads_only); the output is checked by the entry point.
    parser.set_defaults(run=run, writes=("output",), reads=("seal",), reads_only=True)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    suffix = args.output.suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    raise UsageError("请用 --format pdf 或 --format xlsx 指定格式（或让输出文件以 .pdf / .xlsx 结尾）。")


def _check_district(number: int, district: str | None) -> None:
    if district and number not in PER_DISTRICT and number not in DISTRICT_OR_CITY:
        table = ATTACHMENT_TITLES[number].split()[0]
        hint = "不按县区分别导出，请去掉 --district all" if district == "all" else "不需要 --district"
        raise UsageError(f"{table}是全市的表，{hint}。")


def run(args: argparse.Namespace, db: Database) -> int:
    # Imported here: reportlab and openpyxl load only when a table is exported (fast --help).
    from ...services.reports.export import ExportOptions, export_all_districts, export_attachment

    number = TABLE_CHOICES[args.table]
    if number == 6 and args.district in CITY_SPELLINGS:
        number, args.district = CITY_LECTURES, None
    _check_district(number, args.district)
    fmt = _format(args)
    options = ExportOptions(use_seal=not args.no_seal, seal_file=args.seal, draft=args.draft,
                            mask_cards=args.mask_cards, seal_size_mm=args.seal_size, with_actuals=args.with_actuals)
    if number == 6:  # the one table with bank card numbers
        warn_if_cards_unreadable(db)
    if args.district == "all":
        paths = export_all_districts(db, number, year=args.year, fmt=fmt, folder=args.output, options=options)
    else:
        paths = [export_attachment(db, number, district=args.district, year=args.year, fmt=fmt,
                                   output=args.output, options=options)]
    for path in paths:
        print(f"已导出：{path}")
    return 0
