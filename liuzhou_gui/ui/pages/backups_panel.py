"""设置 → 备份: the list of backups, 立即备份, 恢复所选备份…, and the daily copy at start.

Copies and restores run through the runner (operations.backups) while a busy indicator shows; the
list is read again from the backups folder whenever any operation reports new backups (the copies
made before an import or a restore included), so it is never stale.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import AppError
from ...operations import backups
from ...operations.core import Changes
from ...services.backup import BackupInfo, list_backups
from ...storage.database import Database
from ...storage.paths import backups_dir
from .. import messages
from ..dialogs.about_dialog import open_path
from ..runner import Runner, change_notice

log = logging.getLogger(__name__)

HEADERS = ("备份时间", "备份原因", "专家", "五进单位", "科普活动", "大小", "文件名")
PATH_ROLE = Qt.ItemDataRole.UserRole


def counts_text(backup: BackupInfo) -> str:
    c = backup.counts
    if not c:
        return "（无法读取记录数）"
    return f"专家 {c.get('expert', 0)} 名、五进单位 {c.get('unit', 0)} 家、科普活动 {c.get('lecture', 0)} 场"


class BackupsPanel(QGroupBox):
    daily_finished = Signal(object)  # the day's automatic copy, or None (one existed already, or it failed)
    notice = Signal(str, int)  # a status-bar message and how long to show it (ms, 0 = until replaced)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__("备份（保存在数据库旁的 backups 文件夹）", parent)
        self.db = db
        self.runner = Runner(self)
        self.backups: list[BackupInfo] = []
        change_notice().changed.connect(self._on_changes)  # any backup, made here or before an import

        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(160)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.backup_button = QPushButton("立即备份(&B)")
        self.restore_button = QPushButton("恢复所选备份(&R)…")
        self.folder_button = QPushButton("打开备份文件夹(&O)")
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.folder_button.clicked.connect(lambda: open_path(self, backups_dir(self.db.path)))
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)  # no percentage to give: a moving bar says "working"
        self.busy_bar.setMaximumWidth(160)
        self.busy_bar.hide()
        self.status_label = QLabel(self)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.folder_button)
        buttons.addWidget(self.busy_bar)
        buttons.addWidget(self.status_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("每天第一次打开软件时自动备份一次（保留最近 7 天和 8 周），"
                                "导入和恢复前也会自动备份。手动备份不会被自动删除。", self))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    # --- the list ---------------------------------------------------------------------------
    def reload(self) -> None:
        try:
            self.backups = list_backups(self.db.path)
        except OSError as exc:  # the folder cannot be created or read: say so, keep the page usable
            self.backups = []
            self.status_label.setText(f"无法读取备份文件夹：{exc.strerror or exc}")
        self.table.setRowCount(len(self.backups))
        locale = QLocale()
        for row, backup in enumerate(self.backups):
            c = backup.counts
            size = backup.path.stat().st_size if backup.path.exists() else 0
            values = (
                f"{backup.created_at:%Y-%m-%d %H:%M:%S}", backup.reason_label,
                str(c.get("expert", "?")), str(c.get("unit", "?")), str(c.get("lecture", "?")),
                locale.formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat), backup.path.name,
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if 2 <= column <= 5:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setData(PATH_ROLE, str(backup.path))
                self.table.setItem(row, column, item)
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def select_path(self, path: Path) -> bool:
        for row, backup in enumerate(self.backups):
            if backup.path == path:
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        idle = not self.runner.busy
        self.backup_button.setEnabled(idle)
        self.restore_button.setEnabled(idle and self.selected() is not None)

    def _set_busy(self, text: str) -> None:
        self.status_label.setText(text)
        self.busy_bar.setVisible(bool(text) and self.runner.busy)
        self._update_buttons()

    def _idle(self) -> None:
        """After every copy or restore, whatever its end: no busy bar, no "正在…" left behind."""
        if self.status_label.text().startswith("正在"):
            self.status_label.clear()
        self.busy_bar.hide()
        self._update_buttons()

    # --- actions -------------------------------------------------------------------------------
    def backup_now(self) -> None:
        if self.runner.busy:
            return
        self.runner.write(lambda job: backups.make_backup(self.db, job), on_success=self._backed_up,
                          on_error=self._failed, on_done=self._idle, title="备份没有完成")
        self._set_busy("正在备份…")

    def _backed_up(self, path: Path) -> None:
        self._set_busy(f"已备份：{path.name}")
        self.select_path(path)

    def restore_selected(self) -> None:
        backup = self.selected()
        if backup is None or self.runner.busy:
            return
        question = (
            f"用 {backup.created_at:%Y-%m-%d %H:%M} 的备份（{backup.reason_label}，{counts_text(backup)}）"
            "替换软件中现在的全部数据吗？\n\n"
            "恢复前会先自动备份当前的数据（列表中“恢复前”的那一份），需要时可以再恢复回来。"
        )
        if not messages.ask(self, question, "恢复备份"):
            return
        # Blocking and without 取消: no edits while it runs, and half a restore cannot be undone by a button.
        self.runner.write(lambda job: backups.restore_backup(self.db, backup.path, job),
                          on_success=lambda safety: self._restored(backup, safety), on_error=self._failed,
                          on_done=self._idle, progress="正在恢复备份，请稍候…", blocking=True,
                          title="恢复没有完成")
        self._set_busy("正在恢复…")

    def _restored(self, backup: BackupInfo, safety: Path) -> None:
        self._set_busy(f"已恢复 {backup.created_at:%Y-%m-%d %H:%M} 的备份")
        messages.info(self, f"已恢复 {backup.created_at:%Y-%m-%d %H:%M} 的备份（{counts_text(backup)}）。\n\n"
                            f"恢复前的数据已备份为：{safety.name}", "恢复完成")

    def _failed(self, exc: AppError) -> None:
        self._set_busy("")
        self.reload()
        messages.error(self, exc.message, "备份或恢复没有完成")

    # --- at start -----------------------------------------------------------------------------
    def run_daily_backup(self) -> None:
        """The day's automatic copy, off the GUI thread; the outcome goes to the status bar only."""
        self.runner.write(lambda job: backups.daily_backup(self.db, job), on_success=self._daily_done,
                          on_error=self._daily_failed, on_done=self._idle)

    def _daily_done(self, path: Path | None) -> None:
        if path is not None:
            self.notice.emit(f"已自动备份今天的数据：{path.name}", 15_000)
        self.daily_finished.emit(path)

    def _daily_failed(self, exc: AppError) -> None:
        # No dialog at start, the user may be in a hurry: the status bar says it until replaced.
        log.error("daily backup failed: %s", exc.message)
        self.notice.emit(f"今天的自动备份没有完成：{exc.message}（可在“设置”中手动备份）", 0)
        self.daily_finished.emit(None)

    # --- the change notice -------------------------------------------------------------------
    def _on_changes(self, changes: Changes) -> None:
        if changes & Changes.BACKUPS:
            self.reload()
