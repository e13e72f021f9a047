"""The command line: `liuzhou-gui [--db FILE|postgresql://user@host:port/dbname] COMMAND`.
Without a command the GUI starts.

Exit status: 0 success, 1 bad data or a refused operation, 2 usage error. Errors are one
Chinese line on stderr; details of unexpected errors go to the log file, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import sys
from collections.abc import Sequence
from logging.handlers import RotatingFileHandler
from typing import NoReturn

from .. import __version__
from ..domain.errors import AppError, UsageError
from ..storage.address import database_argument
from . import argparse_zh
from .commands import command_modules
from .commands.registry import COMMANDS, SUMMARIES

log = logging.getLogger(__name__)

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
LOG_FILE_NAME = "liuzhou_gui.log"


class ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message}（运行 {self.prog} --help 查看用法）")


def build_parser(only: str | None = None, *, listing: bool = False) -> argparse.ArgumentParser:
    """The whole command line; with `only`, just the module of that command (what one run needs); with
    `listing`, every command's name and help but none of their modules (`--help`, `--version`, the GUI).
    """
    argparse_zh.install()
    parser = ChineseArgumentParser(
        prog="liuzhou-gui",
        description="柳州市“十百千”职业健康科普宣传活动管理软件。不带命令时打开窗口。",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}", help="显示版本号")
    parser.add_argument("--db", metavar="FILE", type=database_argument,
                        help="使用指定的数据库文件（不存在时新建），或共享数据库 postgresql://用户名@服务器:端口/数据库名")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ChineseArgumentParser)
    if listing:
        for name, summary in SUMMARIES.items():
            commands.add_parser(name, help=summary, add_help=False)
    else:
        for module in command_modules(None if only is None else [only]):
            module.register(commands)
    return parser


def _command_in(argv: Sequence[str]) -> str | None:
    """The command word of `argv`: the first word that is neither an option nor the value of --db."""
    words = iter(argv)
    for word in words:
        if word == "--":
            return next(words, None)
        if not word.startswith("-"):
            return word
        if "=" not in word and len(word) >= 3 and "--db".startswith(word):  # --db FILE (argparse takes --d too)
            next(words, None)
    return None


def _setup_logging() -> None:
    from ..storage.paths import data_dir

    try:
        handler: logging.Handler = RotatingFileHandler(
            data_dir() / LOG_FILE_NAME, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler])


def run(argv: Sequence[str] | None = None) -> int:
    """Parse and run; returns the exit status. Used by tests and by `main`."""
    try:
        argv = sys.argv[1:] if argv is None else list(argv)
        command = _command_in(argv)
        args = build_parser(only=command, listing=command not in COMMANDS).parse_args(argv)
        if args.command is None:
            return _start_gui(args)
        from .execute import execute  # the database and the command's services: only when a command runs

        return execute(args)
    except AppError as exc:
        print(f"错误：{_one_line(exc.message)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `liuzhou-gui check | head`: the reader left; the rest of the output has nowhere to go.
        _silence_stdout()
        return EXIT_OK
    except Exception as exc:  # the user gets a sentence, the log gets the details
        log.exception("unexpected error")
        print(f"错误：程序内部出错（{type(exc).__name__}），详情已写入日志文件。", file=sys.stderr)
        return EXIT_DATA


def _one_line(message: str) -> str:
    """Errors are one line on stderr, whatever text (a file's, SQLite's) a message carries."""
    return " ".join(message.split("\n"))


def _silence_stdout() -> None:
    """Point stdout at devnull so Python's exit-time flush does not fail on the closed pipe again."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _start_gui(args: argparse.Namespace) -> int:
    try:
        from ..ui.app import run_gui
    except ImportError:
        print("图形界面尚未完成，请使用命令行（liuzhou-gui --help）。", file=sys.stderr)
        return EXIT_USAGE
    return run_gui(args.db)


def main() -> None:
    _setup_logging()
    # Windows consoles default to a legacy code page; Chinese output must not crash.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    status = run()
    # The process ends here: without this, the collections of its exit walk every object it holds
    # (SQLAlchemy's are many) before the memory goes anyway, a fifth of a `stats` run's time.
    gc.freeze()
    sys.exit(status)
