"""`verify FILE`: who signed a stamped PDF, a 报送包 or a 下发包, and whether it is unchanged."""

from __future__ import annotations

import argparse
from pathlib import Path

from ...storage.database import Database
from .registry import SUMMARIES


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("verify", help=SUMMARIES["verify"])
    parser.add_argument("file", type=Path, metavar="FILE", help="PDF、.lzbs 或 .lzxf 文件")
    parser.set_defaults(run=run_verify, reads=("file",))


def run_verify(args: argparse.Namespace, db: Database) -> int:
    from ...services.trust.verify import verify_file

    report = verify_file(db, args.file)
    print(report.text)
    return 0 if report.valid else 1
