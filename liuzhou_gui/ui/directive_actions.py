"""The 下发包 in the GUI: the city writes it; a district looks at what would change, then applies it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout, QWidget

from ..domain.errors import AppError
from ..services.exchange.directive import DirectivePlan, apply_directive, export_directive, preview_directive
from ..services.exchange.directive_file import SUFFIX
from ..storage.database import Database
from . import messages
from .background_task import BackgroundTask, progress_dialog
from .file_choice import open_file, save_file

DIRECTIVE_FILTER = f"下发包 (*{SUFFIX})"


def is_directive(path: Path) -> bool:
    return path.suffix.lower() == SUFFIX


class DirectivePreviewDialog(QDialog):
    """What the 下发包 would change, before anything is written."""

    def __init__(self, plan: DirectivePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("应用市卫健委下发包")
        self.resize(720, 480)
        self.plan_lines = list(plan.lines)
        self.changes = QListWidget(self)
        self.changes.addItems(plan.lines)
        intro = QLabel(f"{plan.summary}\n应用后：计划、补助名额、截止日期和专家联系方式按市卫健委的安排更新，"
                       "审核结果（受理、退回及原因）显示在工作台；本县区自己填写的内容不会被改动。")
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        buttons.addButton("应用", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.changes, 1)
        layout.addWidget(buttons)


class DirectiveActions(QObject):
    applied = Signal(object)  # DirectivePlan
    exported = Signal(object)  # Path
    finished = Signal()

    def __init__(self, db: Database, window: QWidget, *, now: Callable[[], datetime] = datetime.now) -> None:
        super().__init__(window)
        self.db, self.window, self.now = db, window, now
        self.task = BackgroundTask(self)

    def _failed(self, title: str):
        def show(exc: BaseException, details: str) -> None:
            if isinstance(exc, AppError):
                messages.error(self.window, exc.message, title)
            else:
                messages.error(self.window, f"{title}：{exc}", title, details=details)
            self.finished.emit()
        return show

    # --- city ------------------------------------------------------------------------------------
    def export(self, year: int) -> None:
        if self.task.busy:
            return
        target = save_file(self.window, "生成下发包", f"市卫健委{year}年度下发包{date.today():%Y%m%d}{SUFFIX}",
                           DIRECTIVE_FILTER, SUFFIX)
        if target is None:
            return
        now = self.now()
        progress_dialog(self.task, self.window, "正在生成下发包…", cancellable=False)
        self.task.start(lambda _p, _c: export_directive(self.db, target, year, now=now),
                        lambda _m: self._exported(target), self._failed("未能生成下发包"))

    def _exported(self, path: Path) -> None:
        self.exported.emit(path)
        self.finished.emit()
        messages.info(self.window, f"已生成下发包：\n{path}\n\n内含本年度计划、补助名额、截止日期、专家及联系方式"
                                   "和对各县区报送的审核结果。请发给各县区卫生健康局导入。", "下发包已生成")

    # --- district --------------------------------------------------------------------------------
    def choose_and_import(self) -> None:
        path = open_file(self.window, "选择市卫健委下发包", DIRECTIVE_FILTER)
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path) -> None:
        if self.task.busy:
            messages.info(self.window, "正在处理下发包，请等它完成后再试。")
            return
        progress_dialog(self.task, self.window, f"正在校验“{path.name}”…", cancellable=False)
        self.task.start(lambda _p, _c: preview_directive(self.db, path),
                        lambda plan: self._confirm(path, plan), self._failed("下发包未应用"))

    def _confirm(self, path: Path, plan: DirectivePlan) -> None:
        if plan.already_applied or not plan.lines:
            messages.info(self.window, plan.summary, "下发包")
            if plan.already_applied:
                self.finished.emit()
                return
            # Nothing to change, but remembered: an older 下发包 is refused after it.
            now = self.now()
            self.task.start(lambda _p, _c: apply_directive(self.db, path, now=now),
                            lambda _plan: self.finished.emit(), self._failed("下发包未应用"))
            return
        if not messages.run_dialog(DirectivePreviewDialog(plan, self.window)):
            self.finished.emit()
            return
        now = self.now()
        progress_dialog(self.task, self.window, "正在应用下发包…", cancellable=False)
        self.task.start(lambda _p, _c: apply_directive(self.db, path, now=now), self._applied,
                        self._failed("下发包未应用"))

    def _applied(self, plan: DirectivePlan) -> None:
        self.applied.emit(plan)
        self.finished.emit()
        messages.info(self.window, f"已应用下发包：{len(plan.lines)} 项改动。", "下发包已应用")
