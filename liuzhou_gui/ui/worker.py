"""Run a function on the thread pool and get its result or its exception back on the GUI thread."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object, str)  # exception, formatted traceback


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.work = work
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # handed to the GUI thread, never lost
            log.exception("background job failed")
            self._emit(self.signals.failed, exc, traceback.format_exc())
        else:
            self._emit(self.signals.succeeded, result)

    @staticmethod
    def _emit(signal, *args: Any) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the window closed while the job ran: nobody is waiting any more
            log.info("background job finished after its receiver was closed")


class Worker(QObject):
    """One owner of background jobs; `finished` fires on the GUI thread after each job."""

    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: set[_Signals] = set()

    def start(self, work: Callable[[], Any], on_success: Callable[[Any], None],
              on_failure: Callable[[BaseException, str], None]) -> None:
        signals = _Signals()  # created here, on the GUI thread: its slots run here too
        self._running.add(signals)

        def done_ok(result: Any) -> None:
            self._running.discard(signals)
            if self._receiver_gone():
                return
            on_success(result)
            self.finished.emit()

        def done_failed(exc: BaseException, details: str) -> None:
            self._running.discard(signals)
            if self._receiver_gone():
                return
            on_failure(exc, details)
            self.finished.emit()

        signals.succeeded.connect(done_ok)
        signals.failed.connect(done_failed)
        QThreadPool.globalInstance().start(_Job(work, signals))

    def _receiver_gone(self) -> bool:
        """True when the widget that owns this worker was destroyed while the job ran (a window
        closed mid-refresh): its result has nowhere to go and touching its widgets would fail."""
        if shiboken6.isValid(self):
            return False
        log.info("background job finished after its owner was destroyed")
        return True

    @property
    def busy(self) -> bool:
        return bool(self._running)
