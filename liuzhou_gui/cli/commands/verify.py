"""`verify FILE`: who signed a stamped PDF, a 报送包 or a 下发包, and whether it is unchanged."""

from __future__ import annotations

import argparse
from pathlib import Path

from ...storage.database import Database


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("verify", help="检查 PDF 表格、报送包或下发包由谁签名、是否被改动（有效时退出码 0）")
    parser.add_argument("file", type=Path, metavar="FILE", help="PDF、.lzbs 或 .lzxf 文件")
    parser.set_defaults(run=run_verify, reads=("file",))


def run_verify(args: argparse.Namespace, db: Database) -> int:
    from ...services.trust.verify import verify_file

    report = verify_file(db, args.file)
    print(report.text)
    return 0 if report.valid else 1
