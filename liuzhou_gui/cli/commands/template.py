"""`template {experts,units,sessions} -o FILE.xlsx`: the empty import template of a kind."""

from __future__ import annotations

import argparse
from pathlib import Path

from ...services.importing.kinds import KINDS
from ...storage.database import Database
from .registry import SUMMARIES


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("template", help=SUMMARIES["template"])
    parser.add_argument("kind", choices=list(KINDS), help="experts 专家，units 五进单位，sessions 科普活动")
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.xlsx", help="模板文件")
    parser.set_defaults(run=run, writes=("output",))


def run(args: argparse.Namespace, db: Database) -> int:
    # Imported here: the heavy libraries load only for the command that needs them (fast --help).
    from ...services.importing.template import write_template

    write_template(args.kind, args.output)
    print(f"已生成导入模板：{args.output}")
    return 0
