"""`db copy --to TARGET`: the whole database into a new file or an empty server database (issue 17)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ...services.db_transfer import copy_database, is_server_target, shown_target
from ...storage.database import Database
from ...storage.db_copy import CopyProgress
from .registry import SUMMARIES

PROGRESS_EVERY_S = 1.0  # a small database copies in a blink and prints nothing but the result


def database_target(value: str) -> Path | str:
    """A server URL stays text (no file to guard); anything else is a file path."""
    return value if is_server_target(value) else Path(value)


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("db", help=SUMMARIES["db"])
    actions = parser.add_subparsers(dest="db_action", metavar="ACTION", required=True)
    copy = actions.add_parser(
        "copy", help="把整个数据库复制到一个新文件或服务器上的空数据库（搬迁到服务器、从服务器搬回或备份）")
    copy.add_argument("--to", required=True, type=database_target, metavar="TARGET",
                      help="新的数据库文件（.sqlite3），或服务器数据库 postgresql://用户名@主机:端口/数据库")
    # The source as it is: an older one is refused with a sentence, not upgraded on the way.
    copy.set_defaults(run=run_copy, writes=("to",), upgrades=False)


class _Progress:
    """One line on stderr at most every second: big databases take a while."""

    def __init__(self) -> None:
        self.started: float | None = None
        self.shown = 0.0

    def __call__(self, step: CopyProgress) -> None:
        now = time.monotonic()
        if self.started is None:  # from the first row on: opening and migrating the target are quick
            self.started = self.shown = now
        if now - self.shown < PROGRESS_EVERY_S:
            return
        self.shown = now
        print(f"正在复制：第 {step.index}/{step.tables} 张表“{step.table}”，{step.done}/{step.total} 行"
              f"（已用 {now - self.started:.0f} 秒，按 Ctrl+C 取消）", file=sys.stderr, flush=True)


def run_copy(args: argparse.Namespace, db: Database) -> int:
    try:
        result = copy_database(db, args.to, progress=_Progress())
    except KeyboardInterrupt:
        print(f"已取消复制，“{shown_target(args.to)}”中没有留下任何数据，源数据库没有改动。", file=sys.stderr)
        return 130
    print(f"已复制到“{result.target}”：{len(result.rows)} 张表，共 {result.total_rows} 行；"
          "各表行数、内容和统计数字已与源数据库核对一致。")
    print("银行卡号按加密后的原样复制：在其他电脑上打开时，需把本机数据文件夹中的 keys 文件夹一并复制过去。")
    return 0
