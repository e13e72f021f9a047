"""设置 → 备份: the list of backups, 立即备份, 恢复所选备份…, and the daily copy at start.

Copies and restores run on the thread pool (ui.worker) while a busy indicator shows; the list is
read again from the backups folder after each of them, so it is never stale.
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
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import AppError
from ..services.backup import BackupInfo, daily_backup, list_backups, make_backup, restore_backup
from ..storage.database import Database
from ..storage.paths import backups_dir, data_dir
from . import messages
from .about_dialog import open_path
from .worker import Worker

log = logging.getLogger(__name__)

HEADERS = ("备份时间", "备份原因", "专家", "五进单位", "科普活动", "大小", "文件名")
PATH_ROLE = Qt.ItemDataRole.UserRole


def counts_text(backup: BackupInfo) -> str:
    c = backup.counts
    if not c:
        return "（无法读取记录数）"
    return f"专家 {c.get('expert', 0)} 名、五进单位 {c.get('unit', 0)} 家、科普活动 {c.get('lecture', 0)} 场"


class BackupsPanel(QGroupBox):
    restored = Signal()  # the database now holds a backup's data: every page must read it again
    daily_finished = Signal(object)  # the day's automatic copy, or None (one existed already, or it failed)
    notice = Signal(str, int)  # a status-bar message and how long to show it (ms, 0 = until replaced)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__("备份（保存在数据库旁的 backups 文件夹）", parent)
        self.db = db
        self.worker = Worker(self)
        self.backups: list[BackupInfo] = []
        self._progress: QProgressDialog | None = None

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
        idle = not self.worker.busy
        self.backup_button.setEnabled(idle)
        self.restore_button.setEnabled(idle and self.selected() is not None)

    def _set_busy(self, text: str) -> None:
        self.status_label.setText(text)
        self.busy_bar.setVisible(bool(text) and self.worker.busy)
        self._update_buttons()

    # --- actions -------------------------------------------------------------------------------
    def backup_now(self) -> None:
        if self.worker.busy:
            return
        self.worker.start(lambda: make_backup(self.db, "manual"), self._backed_up, self._failed)
        self._set_busy("正在备份…")

    def _backed_up(self, path: Path) -> None:
        self._set_busy(f"已备份：{path.name}")
        self.reload()
        self.select_path(path)

    def restore_selected(self) -> None:
        backup = self.selected()
        if backup is None or self.worker.busy:
            return
        question = (
            f"用 {backup.created_at:%Y-%m-%d %H:%M} 的备份（{backup.reason_label}，{counts_text(backup)}）"
            "替换软件中现在的全部数据吗？\n\n"
            "恢复前会先自动备份当前的数据（列表中“恢复前”的那一份），需要时可以再恢复回来。"
        )
        if not messages.ask(self, question, "恢复备份"):
            return

        def work() -> Path:
            safety = restore_backup(self.db, backup.path)
            # Opening again upgrades a copy made by an older version and proves the result is usable.
            Database.open(self.db.path).close()
            return safety

        self._progress = QProgressDialog("正在恢复备份，请稍候…", "", 0, 0, self)
        self._progress.setWindowTitle("恢复备份")
        self._progress.setCancelButton(None)  # half a restore cannot be undone by a button
        self._progress.setWindowModality(Qt.WindowModality.ApplicationModal)  # no edits while it runs
        self._progress.setMinimumDuration(0)
        self._progress.show()
        self.worker.start(work, lambda safety: self._restored(backup, safety), self._failed)
        self._set_busy("正在恢复…")

    def _close_progress(self) -> None:
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None

    def _restored(self, backup: BackupInfo, safety: Path) -> None:
        self._close_progress()
        self._set_busy(f"已恢复 {backup.created_at:%Y-%m-%d %H:%M} 的备份")
        self.reload()
        self.restored.emit()
        messages.info(self, f"已恢复 {backup.created_at:%Y-%m-%d %H:%M} 的备份（{counts_text(backup)}）。\n\n"
                            f"恢复前的数据已备份为：{safety.name}", "恢复完成")

    def _failed(self, exc: BaseException, details: str) -> None:
        self._close_progress()
        self._set_busy("")
        self.reload()
        if isinstance(exc, AppError):
            messages.error(self, exc.message, "备份或恢复没有完成")
        else:
            messages.error(self, "备份或恢复时遇到意外错误，数据库保持原样。\n"
                                 f"详细信息已记录在日志中（{data_dir()}）。", "意外错误", details=details)

    # --- at start -----------------------------------------------------------------------------
    def run_daily_backup(self) -> None:
        """The day's automatic copy, off the GUI thread; the outcome goes to the status bar only."""
        self.worker.start(lambda: daily_backup(self.db), self._daily_done, self._daily_failed)

    def _daily_done(self, path: Path | None) -> None:
        self.reload()
        if path is not None:
            self.notice.emit(f"已自动备份今天的数据：{path.name}", 15_000)
        self.daily_finished.emit(path)

    def _daily_failed(self, exc: BaseException, _details: str) -> None:
        # Logged with its traceback by the worker; no dialog at start, the user may be in a hurry.
        reason = exc.message if isinstance(exc, AppError) else f"{type(exc).__name__}: {exc}"
        log.error("daily backup failed: %s", reason)
        self.reload()
        self.notice.emit(f"今天的自动备份没有完成：{reason}（可在“设置”中手动备份）", 0)
        self.daily_finished.emit(None)
