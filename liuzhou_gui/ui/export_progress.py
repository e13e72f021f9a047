"""Run an export on the worker thread behind a QProgressDialog whose 取消 stops it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from .worker import Worker

Work = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]  # work(progress, cancel)


class ExportRun(QObject):
    """One export. `progressed` is emitted on the worker thread; the dialog gets it queued."""

    progressed = Signal(int, int)

    def __init__(self, parent: QWidget, worker: Worker, label: str) -> None:
        super().__init__(parent)
        self.worker = worker
        self.cancelled = threading.Event()  # read by the export between steps, set from the GUI thread
        self.dialog = QProgressDialog(label, "取消", 0, 0, parent)
        self.dialog.setWindowTitle("正在导出")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)  # a quick export finishes without a flash of a dialog
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self._cancel)
        self.progressed.connect(self._show_progress)

    def _cancel(self) -> None:
        self.cancelled.set()
        self.dialog.setLabelText("正在取消…")

    def _show_progress(self, done: int, total: int) -> None:
        if self.cancelled.is_set():
            return
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))

    def start(self, work: Work, on_success: Callable[[Any], None],
              on_failure: Callable[[BaseException, str], None]) -> None:
        def finished() -> None:
            self.dialog.hide()  # hide, not close: closing a QProgressDialog emits canceled
            self.dialog.deleteLater()
            self.deleteLater()

        def succeeded(result: Any) -> None:
            finished()
            on_success(result)

        def failed(exc: BaseException, details: str) -> None:
            finished()
            on_failure(exc, details)

        self.dialog.setValue(0)
        self.worker.start(lambda: work(self.progressed.emit, self.cancelled.is_set), succeeded, failed)
