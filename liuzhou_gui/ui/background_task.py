"""Long work with progress and cancel: the service runs on the Worker, the GUI thread shows how far it is.

Services take `progress(done, total)` and `cancelled()` callables and know nothing of Qt. The
progress callback runs on the pool thread, so it only emits a signal; Qt queues it to the GUI.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from .worker import Worker


class BackgroundTask(QObject):
    """One job at a time: `start(work, ...)` calls work(progress, cancelled) off the GUI thread."""

    progressed = Signal(int, int)  # done, total (total 0: unknown)
    running_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = Worker(self)
        self._cancel = threading.Event()

    @property
    def busy(self) -> bool:
        return self.worker.busy

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)

    def start(self, work: Callable[[Callable[[int, int], None], Callable[[], bool]], Any],
              on_success: Callable[[Any], None], on_failure: Callable[[BaseException, str], None]) -> None:
        self._cancel.clear()
        self.running_changed.emit(True)

        def succeeded(result: Any) -> None:
            self.running_changed.emit(False)
            on_success(result)

        def failed(exc: BaseException, details: str) -> None:
            self.running_changed.emit(False)
            on_failure(exc, details)

        self.worker.start(lambda: work(self._progress, self._cancel.is_set), succeeded, failed)


def progress_dialog(task: BackgroundTask, parent: QWidget, label: str, *, cancellable: bool) -> QProgressDialog:
    """A window-modal progress dialog that follows `task` and closes when it ends."""
    dialog = QProgressDialog(label, "取消" if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle("请稍候")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumDuration(300)
    if not cancellable:
        dialog.setCancelButton(None)

    def show_progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)

    def cancel() -> None:
        task.cancel()
        dialog.setLabelText("正在取消…")
        dialog.show()  # QProgressDialog hides itself on cancel; keep it up until the job stops

    def finished(running: bool) -> None:
        if not running:
            task.progressed.disconnect(show_progress)
            task.running_changed.disconnect(finished)
            dialog.canceled.disconnect(cancel)
            dialog.close()
            dialog.deleteLater()

    task.progressed.connect(show_progress)
    task.running_changed.connect(finished)
    dialog.canceled.connect(cancel)
    dialog.setValue(0)
    return dialog
