"""`demo [--seed N]`: fill an empty database with realistic sample data for all ten districts."""

from __future__ import annotations

import argparse

from ...services.demo import fill_demo
from ...storage.database import Database
from .registry import SUMMARIES


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("demo", help=SUMMARIES["demo"])
    parser.add_argument("--seed", type=int, default=2025, metavar="N", help="随机种子，默认 2025")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, db: Database) -> int:
    counts = fill_demo(db, args.seed)
    print(
        f"已填入演示数据：五进单位 {counts['units']} 家，专家 {counts['experts']} 名，"
        f"科普活动 {counts['sessions']} 场。"
    )
    return 0
