"""`restore FILE`: put a backup back, after backing up the current state."""

from __future__ import annotations

import argparse
from pathlib import Path

from ...services.backup import restore_backup
from ...storage.database import Database
from .registry import SUMMARIES


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("restore", help=SUMMARIES["restore"])
    parser.add_argument("file", type=Path, metavar="FILE", help="备份文件")
    parser.set_defaults(run=run, reads=("file",))


def run(args: argparse.Namespace, db: Database) -> int:
    safety = restore_backup(db, args.file)
    # Opening again upgrades a copy made by an older version and proves the result is usable.
    Database.open(db.path).close()
    print(f"已从“{args.file}”恢复。恢复前的数据已备份到：{safety}")
    return 0
