"""`keys show|export|import|list`: this installation's key, and the keys it trusts."""

from __future__ import annotations

import argparse
from pathlib import Path

from ...storage.database import Database
from .registry import SUMMARIES


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("keys", help=SUMMARIES["keys"])
    actions = parser.add_subparsers(dest="keys_action", metavar="ACTION", required=True, parser_class=type(parser))
    show = actions.add_parser("show", help="显示本机密钥的指纹")
    show.set_defaults(run=run_show)
    export = actions.add_parser("export", help="导出本机的公钥证书（不含私钥），交给对方导入")
    export.add_argument("-o", "--output", required=True, type=Path, metavar="FILE", help="公钥证书文件（.pem）")
    export.set_defaults(run=run_export, writes=("output",))
    imp = actions.add_parser("import", help="导入对方的公钥证书（默认为市卫健委的）")
    imp.add_argument("file", type=Path, metavar="FILE", help="公钥证书文件")
    imp.add_argument("--district", metavar="NAME", help="这是某个县区的密钥（市卫健委使用）")
    imp.add_argument("--trust", metavar="XXXX-XXXX-…", help="替换已登记的密钥时：核对无误的新指纹")
    imp.set_defaults(run=run_import, reads=("file",))
    listing = actions.add_parser("list", help="列出本机信任的密钥")
    listing.set_defaults(run=run_list)


def run_show(args: argparse.Namespace, db: Database) -> int:
    from ...services.trust.key_files import own_key_for

    key = own_key_for(db)
    print(f"本机密钥指纹：{key.fingerprint}\n证书名称：{key.office}\n密钥文件：{key.path}")
    return 0


def run_export(args: argparse.Namespace, db: Database) -> int:
    from ...services.trust.key_files import export_certificate, own_key_for

    key = own_key_for(db)
    path = export_certificate(key, args.output, db)
    print(f"已导出本机公钥证书：{path}\n指纹：{key.fingerprint}（请对方导入后核对）")
    return 0


def run_import(args: argparse.Namespace, db: Database) -> int:
    from ...services.trust.key_files import import_certificate
    from ...storage.trusted_keys import party_label

    decision = import_certificate(db, args.file, district=args.district, confirmed=args.trust)
    who = party_label(decision.party)
    if decision.how is None:
        print(f"{who}的这把密钥已经登记过，指纹 {decision.signer.fingerprint}，没有改动。")
    else:
        print(f"已登记{who}的密钥，指纹 {decision.signer.fingerprint}（证书名称：{decision.signer.office}）。"
              "请电话或凭盖章表格核对指纹。")
    return 0


def run_list(args: argparse.Namespace, db: Database) -> int:
    from ...services.trust.key_files import trusted_rows

    rows = trusted_rows(db)
    if not rows:
        print("还没有登记任何对方的密钥。")
    for row in rows:
        print(f"{row['party']}  指纹 {row['fingerprint']}  {row['office']}  {row['how']}  "
              f"{row['trusted_at']:%Y-%m-%d %H:%M}")
    return 0
