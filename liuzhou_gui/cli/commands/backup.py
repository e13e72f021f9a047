"""`backup [-o FILE] [--list]`: a checked copy of the database, or the list of copies."""

from __future__ import annotations

import argparse
from pathlib import Path

from ...services.backup import list_backups, make_backup
from ...storage.database import Database
from .registry import SUMMARIES


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("backup", help=SUMMARIES["backup"])
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="备份文件或文件夹")
    parser.add_argument("--list", action="store_true", help="列出已有备份")
    parser.set_defaults(run=run, writes=("output",))


def run(args: argparse.Namespace, db: Database) -> int:
    if args.list:
        backups = list_backups(db.path)
        if not backups:
            print("还没有备份。")
        for backup in backups:
            counts = backup.counts
            print(
                f"{backup.created_at:%Y-%m-%d %H:%M:%S}  {backup.reason_label}  "
                f"专家 {counts.get('expert', '?')} 名，单位 {counts.get('unit', '?')} 家，"
                f"活动 {counts.get('lecture', '?')} 场  {backup.path}"
            )
        return 0
    path = make_backup(db, "manual", args.output)
    print(f"已备份到：{path}")
    return 0
