"""`district show [--district NAME]` and `district set --district NAME [--reporter] [--phone] [--seal | --no-seal]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from ...domain.errors import UsageError
from ...services.district_settings import KEEP, read_settings, set_city_seal, update_settings
from ...storage.database import Database
from ..table import format_table
from .export import CITY_SPELLINGS
from .registry import SUMMARIES


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("district", help=SUMMARIES["district"])
    actions = parser.add_subparsers(dest="action", metavar="ACTION", parser_class=type(parser))
    actions.required = True

    show = actions.add_parser("show", help="列出县区的填报人、联系电话和公章")
    show.add_argument("--district", metavar="NAME", help="县区名称，如 柳南 或 柳南区；不填为全部县区")
    show.set_defaults(run=run_show)

    change = actions.add_parser("set", help="修改一个县区的填报人、联系电话或公章图片")
    change.add_argument("--district", metavar="NAME", required=True,
                        help="县区名称，如 柳南 或 柳南区；city 表示市卫健委（只设置公章）")
    change.add_argument("--reporter", metavar="NAME", help="填报人姓名")
    change.add_argument("--phone", metavar="PHONE", help="联系电话，如 0772-2868517 或 11 位手机号码")
    seal = change.add_mutually_exclusive_group()
    seal.add_argument("--seal", metavar="FILE.png", type=Path, help="公章图片（PNG 或 JPEG）")
    seal.add_argument("--no-seal", action="store_true", help="取消已设置的公章图片")
    change.set_defaults(run=run_set, reads=("seal",))


def run_show(args: argparse.Namespace, db: Database) -> int:
    rows = read_settings(db, args.district)
    print(format_table(
        ["县区", "卫生健康局", "填报人", "联系电话", "公章"],
        [
            [r.name, r.bureau_name, r.reporter or "未填", r.reporter_phone or "未填", _seal_state(r)]
            for r in rows
        ],
    ))
    return 0


def _seal_state(row) -> str:
    if not row.seal_file:
        return "未设置"
    return row.seal_file if row.seal_path else f"{row.seal_file}（文件缺失）"


def run_set(args: argparse.Namespace, db: Database) -> int:
    if args.reporter is None and args.phone is None and args.seal is None and not args.no_seal:
        raise UsageError("请至少指定 --reporter、--phone、--seal 或 --no-seal 中的一项。")
    if args.district in CITY_SPELLINGS:
        return _set_city(args, db)
    seal = None if args.no_seal else (args.seal if args.seal is not None else KEEP)
    result = update_settings(
        db, args.district,
        reporter=KEEP if args.reporter is None else args.reporter,
        phone=KEEP if args.phone is None else args.phone,
        seal=seal,
    )
    print(f"已保存{result.name}的设置：填报人 {result.reporter or '未填'}，联系电话 {result.reporter_phone or '未填'}，"
          f"公章 {result.seal_file or '未设置'}")
    return 0


def _set_city(args: argparse.Namespace, db: Database) -> int:
    """The city office's seal, printed on its own tables (汇总表, 附件6 全市汇总, 结算清单)."""
    if args.reporter is not None or args.phone is not None:
        raise UsageError("市卫健委的填报人和联系电话在“设置”中填写；这里只能设置 --seal 或 --no-seal。")
    copied = set_city_seal(db, None if args.no_seal else args.seal)
    print(f"已保存市卫健委的公章：{copied.name}" if copied else "已取消市卫健委的公章。")
    return 0
