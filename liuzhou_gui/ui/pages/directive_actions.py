"""The 下发包 in the GUI: the city writes it; a district looks at what would change, then applies it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout, QWidget

from ...domain.errors import AppError
from ...operations import cycle
from ...services.exchange.directive import DirectivePlan
from ...services.exchange.directive_file import SUFFIX
from ...services.trust.policy import KeyChanged
from ...storage.database import Database
from .. import messages
from ..dialogs.file_choice import open_file, save_file
from ..runner import Runner

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
    finished = Signal()  # after every attempt, done or not

    def __init__(self, db: Database, window: QWidget, *, now: Callable[[], datetime] = datetime.now) -> None:
        super().__init__(window)
        self.db, self.window, self.now = db, window, now
        self.runner = Runner(window)

    # --- city ------------------------------------------------------------------------------------
    def export(self, year: int) -> None:
        if self.runner.busy:
            return
        target = save_file(self.window, "生成下发包", f"市卫健委{year}年度下发包{date.today():%Y%m%d}{SUFFIX}",
                           DIRECTIVE_FILTER, SUFFIX, db_path=self.db.path)
        if target is None:
            return
        now = self.now()
        self.runner.write(lambda job: cycle.export_directive(self.db, target, year, now=now, _job=job),
                          on_success=lambda _m: self._exported(target), on_done=self.finished.emit,
                          progress="正在生成下发包…", title="未能生成下发包")

    def _exported(self, path: Path) -> None:
        self.exported.emit(path)
        messages.info(self.window, f"已生成下发包：\n{path}\n\n内含本年度计划、补助名额、截止日期、专家及联系方式"
                                   "和对各县区报送的审核结果。请发给各县区卫生健康局导入。", "下发包已生成")

    # --- district --------------------------------------------------------------------------------
    def choose_and_import(self) -> None:
        path = open_file(self.window, "选择市卫健委下发包", DIRECTIVE_FILTER)
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path, trust: str | None = None) -> None:
        if self.runner.busy:
            messages.info(self.window, "正在处理下发包，请等它完成后再试。")
            return
        self.runner.read(lambda job: cycle.preview_directive(self.db, path, job, trust),
                         on_success=lambda plan: self._confirm(path, plan, trust),
                         on_error=lambda exc: self._refused(path, exc),
                         progress=f"正在校验“{path.name}”…", title="下发包未应用")

    def _refused(self, path: Path, exc: AppError) -> None:
        if isinstance(exc, KeyChanged):  # held: the district confirms the city's new key on purpose, or not
            if messages.ask(self.window, f"{exc.message}\n\n已电话核对无误，确认这是市卫健委的新密钥吗？",
                            "签名密钥已改变", default=False):
                self.import_file(path, exc.signer.fingerprint)
                return
        else:
            messages.error(self.window, exc.message, "下发包未应用")
        self.finished.emit()

    def _confirm(self, path: Path, plan: DirectivePlan, trust: str | None = None) -> None:
        if plan.already_applied:
            messages.info(self.window, plan.summary, "下发包")
            self.finished.emit()
            return
        if plan.lines and not messages.run_dialog(DirectivePreviewDialog(plan, self.window)):
            self.finished.emit()
            return
        if not plan.lines and plan.key_recorded:  # the city's key is learnt from it: shown and confirmed first
            if not messages.ask(self.window, f"{plan.summary}\n\n确认应用吗？", "下发包", default=True):
                self.finished.emit()
                return
        elif not plan.lines:  # nothing to change, but remembered: an older 下发包 is refused after it
            messages.info(self.window, plan.summary, "下发包")
        now = self.now()
        self.runner.write(lambda job: cycle.apply_directive(self.db, path, now=now, trust=trust, _job=job),
                          on_success=self._applied, on_done=self.finished.emit,
                          progress="正在应用下发包…", title="下发包未应用")

    def _applied(self, plan: DirectivePlan) -> None:
        self.applied.emit(plan)
        if plan.lines:
            messages.info(self.window, f"已应用下发包：{len(plan.lines)} 项改动。", "下发包已应用")
