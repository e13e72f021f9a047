"""`package export|import|list`: the district's 报送包 for the city, without a network."""

from __future__ import annotations

import argparse
from pathlib import Path

from ...domain.stages import STAGE_BY_CODE
from ...storage.database import Database
from ..card_warning import warn_if_cards_unreadable
from .registry import SUMMARIES


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("package", help=SUMMARIES["package"])
    actions = parser.add_subparsers(dest="package_action", metavar="ACTION", required=True,
                                    parser_class=type(parser))
    export = actions.add_parser("export", help="导出本县区某年度的报送包")
    export.add_argument("--district", required=True, metavar="NAME", help="县区名称，如 柳南")
    export.add_argument("--year", type=int, metavar="YYYY", help="活动年度，默认为最近的年度")
    export.add_argument("-o", "--output", required=True, type=Path, metavar="FILE", help="报送包文件（.lzbs）")
    export.set_defaults(run=run_export, writes=("output",))
    imp = actions.add_parser("import", help="导入县区报送包（替换该县区该年度的数据）")
    imp.add_argument("file", type=Path, metavar="FILE", help="报送包文件")
    imp.add_argument("--force", action="store_true",
                     help="比已导入的该县区报送包旧时，仍用它替换（默认只补充较新的报送包中没有的内容）")
    imp.add_argument("--trust", metavar="XXXX-XXXX-…", help="县区换了密钥时：核对无误的新密钥指纹（24 位数字）")
    imp.set_defaults(run=run_import, reads=("file",))
    listing = actions.add_parser("list", help="列出已导入的报送包")
    listing.set_defaults(run=run_list)


def run_export(args: argparse.Namespace, db: Database) -> int:
    # Imported here: the heavy libraries load only for the command that needs them (fast --help).
    from ...services.exchange.package_export import estimate_package, export_package, package_notice

    warn_if_cards_unreadable(db)  # the package carries the lecturers' card numbers
    print(f"正在生成：{estimate_package(db, args.district, args.year).describe()}", flush=True)
    path = export_package(db, args.district, args.output, args.year)
    print(f"已导出报送包：{path}")
    print(package_notice(path))
    return 0


def run_import(args: argparse.Namespace, db: Database) -> int:
    from ...services.exchange.package_import import import_package

    result = import_package(db, args.file, force=args.force, trust=args.trust)
    counts = result.counts
    if result.older_recorded:
        print(f"已记为 {result.district} {result.stage_label}的报送；该县区已导入过更新的报送包，"
              "数据未被这个较旧的替换。")
        return 0
    if result.unchanged:
        print(f"{result.district} {result.year} 年度的这个报送包已导入过，没有改动。")
        return 0
    print(
        f"已导入 {result.district} {result.year} 年度报送包：单位 {counts['units']} 家，专家 {counts['experts']} 名，"
        f"活动 {counts['sessions']} 场" + (f"，活动图片 {counts['photos']} 张" if counts.get("photos") else "")
        + ("（替换了之前导入的数据）" if result.replaced_older else "")
    )
    if result.newer_seen:
        print(f"注意：已导入过该县区更新的报送包（生成于 {result.newer_seen:%Y-%m-%d %H:%M}），这个较旧的报送包"
              "没有改动较新报送包中的内容，只补充了其中没有的记录。确需用它替换请加 --force。")
    if result.key_recorded == "first_use":
        print(f"首次收到 {result.district} 的报送包，已记录其签名密钥，指纹 {result.signer_fingerprint}"
              "（请与县区盖章表格下方的指纹核对）；以后只接受这把密钥签名的报送包。")
    elif result.key_recorded:
        print(f"已确认 {result.district} 的新签名密钥，指纹 {result.signer_fingerprint}；"
              "以后只接受这把密钥签名的报送包。")
    if result.cards_omitted:
        print("这个报送包未加密（县区当时还没有市卫健委的密钥），不含专家银行卡号；已有的卡号保持不变。")
    if result.stage in STAGE_BY_CODE:
        print(f"记为 {STAGE_BY_CODE[result.stage].short}的报送，可用 submissions 查看报送情况，用 review 受理或退回。")
    if result.tables_folder:
        print(f"县区盖章的附件已保存到：{result.tables_folder}")
    return 0


def run_list(args: argparse.Namespace, db: Database) -> int:
    from ...services.exchange.package_import import received_packages

    rows = received_packages(db)
    if not rows:
        print("还没有导入过报送包。")
    for row in rows:
        counts = row["counts"]
        print(
            f"{row['district']}  {row['year']} 年度  生成于 {row['created_at']:%Y-%m-%d %H:%M}  "
            f"导入于 {row['received_at']:%Y-%m-%d %H:%M}  单位 {counts['units']} 家，专家 {counts['experts']} 名，"
            f"活动 {counts['sessions']} 场"
        )
    return 0
