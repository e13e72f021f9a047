"""Opening the chosen 共享数据库 at start: when the server cannot be reached the clerk reads why, in
Chinese, and chooses 重试, 改用本机文件 (saved: this PC opens its own file from now on; the server's
fields stay in 设置 for switching back) or 退出. Never a traceback, never the password."""

from __future__ import annotations

from ...domain.errors import AppError
from ...services import database_choice
from ...storage.database import Database
from .. import messages

RETRY, USE_FILE, QUIT = "重试", "改用本机文件", "退出"
TITLE = "无法打开共享数据库"


class UseLocalFile:
    """The clerk chose this PC's own file instead of the server."""


USE_LOCAL_FILE = UseLocalFile()


def open_server(url: str) -> Database | UseLocalFile | None:
    """The server database, USE_LOCAL_FILE, or None for 退出."""
    while True:
        try:
            return Database.open(url)
        except AppError as exc:
            answer = messages.choose(None, _explained(exc.message), TITLE, [RETRY, USE_FILE, QUIT])
        if answer == USE_FILE:
            try:
                database_choice.use_local_file()
            except AppError as exc:  # the choice file cannot be written: this start uses the file anyway
                messages.warning(None, exc.message)
            return USE_LOCAL_FILE
        if answer != RETRY:
            return None


def _explained(reason: str) -> str:
    return (f"{reason}\n\n"
            "重试：服务器恢复后再连接一次。\n"
            "改用本机文件：从现在起使用这台电脑上的数据库文件（在本机录入的数据不会出现在共享数据库中；"
            "以后可在“设置 → 共享数据库”中改回）。\n"
            "退出：关闭软件。")
