"""At start: a damaged or foreign database file is explained, and the newest good backup offered."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from ...domain.errors import DatabaseBusy, DatabaseError
from ...services.backup import BackupInfo
from ...services.recovery import newest_good_backup, replace_damaged
from ...storage.integrity import quick_check
from ...storage.paths import backups_dir
from .. import messages

log = logging.getLogger(__name__)
TITLE = "数据库文件已损坏"


def _describe(backup: BackupInfo) -> str:
    c = backup.counts
    return (f"{backup.created_at:%Y-%m-%d %H:%M}（{backup.reason_label}，专家 {c.get('expert', '?')} 名、"
            f"五进单位 {c.get('unit', '?')} 家、科普活动 {c.get('lecture', '?')} 场）")


def check_or_recover(path: Path) -> bool:
    """True when `path` may be opened: it passed quick_check, or the user chose a backup in its place.

    Raises DatabaseError for problems a backup does not solve (a folder, a file that cannot be read).
    """
    try:
        quick_check(path)
        return True
    except DatabaseError as exc:
        if isinstance(exc, DatabaseBusy) or not (path.is_file() and os.access(path, os.R_OK)):
            raise  # held by another program, or unreadable: a backup would not help
        problem = exc.message
    log.error("database check failed: %s", problem)
    backup = newest_good_backup(path)
    if backup is None:
        messages.error(None, f"{problem}\n\n备份文件夹“{backups_dir(path)}”中没有可用的备份。"
                             "软件没有改动这个文件。请联系技术支持人员，或用 --db 打开另一个数据库文件。", TITLE)
        return False
    question = (
        f"{problem}\n\n找到的最近一份完好的备份是 {_describe(backup)}。\n\n"
        "要用这份备份恢复吗？备份之后录入的内容需要重新录入。"
        "损坏的文件不会被删除，会改名保存在原来的文件夹中。"
    )
    if not messages.ask(None, question, TITLE):
        return False
    aside = replace_damaged(path, backup.path)
    log.warning("restored %s from %s; damaged file kept as %s", path, backup.path, aside)
    messages.info(None, f"已用 {backup.created_at:%Y-%m-%d %H:%M} 的备份恢复数据库。\n\n损坏的文件已保存为：{aside}",
                  "恢复完成")
    quick_check(path)
    return True
