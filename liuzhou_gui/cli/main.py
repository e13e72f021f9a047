"""The command line: `liuzhou-gui [--db FILE] COMMAND`. Without a command the GUI starts.

Exit status: 0 success, 1 bad data or a refused operation, 2 usage error. Errors are one
Chinese line on stderr; details of unexpected errors go to the log file, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import NoReturn

from sqlalchemy.exc import OperationalError

from .. import __version__
from ..domain.errors import AppError, DatabaseError, UsageError
from ..services.output_guard import check_output
from ..storage import migrations
from ..storage.database import Database, describe_operational_error
from ..storage.instance_lock import DatabaseInUse, InstanceLock
from ..storage.integrity import quick_check
from ..storage.paths import default_db_path
from . import argparse_zh
from .commands import COMMAND_MODULES

log = logging.getLogger(__name__)

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
LOG_FILE_NAME = "liuzhou_gui.log"

Runner = Callable[[argparse.Namespace, Database], int | None]


class ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message}（运行 {self.prog} --help 查看用法）")


def build_parser() -> argparse.ArgumentParser:
    argparse_zh.install()
    parser = ChineseArgumentParser(
        prog="liuzhou-gui",
        description="柳州市“十百千”职业健康科普宣传活动管理软件。不带命令时打开窗口。",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}", help="显示版本号")
    parser.add_argument("--db", metavar="FILE", type=Path, help="使用指定的数据库文件（不存在时新建）")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ChineseArgumentParser)
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


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
        args = build_parser().parse_args(argv)
        if args.command is None:
            return _start_gui(args)
        runner: Runner = args.run
        db_path = args.db or default_db_path()
        _check_outputs(args, db_path)
        with _lock_unless_reading(db_path, getattr(args, "reads_only", False)) as locked:
            quick_check(db_path)
            db = _open_for(db_path, migrate=locked)
            try:
                return runner(args, db) or EXIT_OK
            except OperationalError as exc:
                raise DatabaseError(describe_operational_error(exc, db_path)) from exc
            finally:
                db.close()
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


def _check_outputs(args: argparse.Namespace, db_path: Path) -> None:
    """Before anything is opened or written: no output of the command may replace what must be kept."""
    inputs: list[Path | None] = []
    for name in getattr(args, "reads", ()):
        value = getattr(args, name, None)
        inputs.extend(value if isinstance(value, list) else [value])  # nargs="+" gives a list
    for name in getattr(args, "writes", ()):
        target = getattr(args, name, None)
        if target is not None:
            check_output(db_path, target, inputs=inputs)


@contextlib.contextmanager
def _lock_unless_reading(db_path: Path, reads_only: bool):
    """The instance lock; a command that only reads (stats, check, export, audit) runs without it
    while a window holds it: SQLite's WAL lets readers work beside the one writer. Yields whether
    the lock is held (only then may the database be migrated)."""
    lock = InstanceLock(db_path)
    try:
        lock.acquire()
    except DatabaseInUse:
        if not reads_only:
            raise
        yield False
        return
    try:
        yield True
    finally:
        lock.release()


def _open_for(db_path: Path, *, migrate: bool) -> Database:
    db = Database.open(db_path, migrate=migrate)
    if not migrate and migrations.current_revision(db.engine) != migrations.head_revision():
        db.close()
        raise DatabaseError(
            f"数据库“{db_path.name}”正在另一个窗口中使用，且需要由本版本升级后才能读取。请关闭那个窗口后再运行此命令。"
        )
    return db


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
    sys.exit(run())
