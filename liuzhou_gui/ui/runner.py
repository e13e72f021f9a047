"""Runs operations off the GUI thread: progress, 取消, one failure handler, one change notice.

Anki's shape (aqt/operations, aqt/taskman) for one SQLite file:
- `Runner.write(work)`: work(job) returns an `Outcome`; every write of the process runs on one
  single worker thread, one after the other. Its `changes` are broadcast through
  `change_notice()` before `on_success(value)` runs, so the pages are fresh under any message.
- `Runner.read(work)`: work(job) returns a value; reads run on the shared thread pool.
- A failure goes to `on_error(exc)` when it is an AppError and the caller gave one; otherwise to
  the one default handler here: a user error shows its Chinese message, a bug shows one Chinese
  sentence (the traceback goes to the log, never into the window).
- `ChangeWatch` brings other PCs' saves into the same notice (the end of this module).
- `progress="…"` shows a progress dialog (after a short delay) whose 取消 sets `job.cancelled()`
  when `cancellable`; it is gone before any callback runs.
A Runner belongs to a widget: when the widget is destroyed while work runs, the result is dropped
(the changes are still broadcast: the data did change).
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..domain.errors import AppError, OperationCancelled
from ..operations.core import Changes, Job, Outcome, changes_of_failure
from ..storage.change_marker import ChangeMarker
from ..storage.database import Database
from ..storage.paths import data_dir
from . import messages

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 400  # a quick job finishes without a flash of a dialog


def bug_text(what: str = "刚才的操作") -> str:
    """The one sentence a user sees for a programming error."""
    return (f"软件遇到了意外错误，{what}没有完成，已保存的数据不受影响。\n"
            f"详细信息已记录在日志中（{data_dir()}），请把它交给技术支持。")


class ChangeNotice(QObject):
    """One per process: `changed(Changes)` after every operation that changed something."""

    changed = Signal(object)


_notice: ChangeNotice | None = None
_writer: QThreadPool | None = None


def change_notice() -> ChangeNotice:
    global _notice
    if _notice is None or not shiboken6.isValid(_notice):
        _notice = ChangeNotice(QCoreApplication.instance())
    return _notice


def broadcast(changes: Changes) -> None:
    """Tell every page what changed (forms that save on the GUI thread call this too)."""
    if changes:
        log.debug("changed: %s", changes)
        change_notice().changed.emit(changes)


def writer_pool() -> QThreadPool:
    """The single thread every write runs on: one SQLite file, one writer."""
    global _writer
    if _writer is None or not shiboken6.isValid(_writer):
        _writer = QThreadPool(QCoreApplication.instance())
        _writer.setMaxThreadCount(1)
        _writer.setExpiryTimeout(-1)
    return _writer


def wait_for_writes(msecs: int = 10_000) -> bool:
    """At exit: let a running write finish before the database closes."""
    return _writer is None or not shiboken6.isValid(_writer) or _writer.waitForDone(msecs)


class _Signals(QObject):
    """Created on the GUI thread, emitted from the worker: Qt queues the calls to the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object, str)  # exception, formatted traceback
    progressed = Signal(int, int)


class _Task(QRunnable):
    def __init__(self, work: Callable[[Job], Any], job: Job, signals: _Signals) -> None:
        super().__init__()
        self.work, self.job, self.signals = work, job, signals

    def run(self) -> None:
        try:
            result = self.work(self.job)
        except Exception as exc:  # handed to the GUI thread, never lost
            if not isinstance(exc, AppError):
                log.exception("operation failed")
            self._emit(self.signals.failed, exc, traceback.format_exc())
        else:
            self._emit(self.signals.succeeded, result)

    @staticmethod
    def _emit(signal, *args: Any) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the receiver is gone (window closed): nobody waits any more
            log.info("operation finished after its receiver was closed")


class Runner(QObject):
    """The operations of one widget; `busy` while any runs, `finished` after each one's callbacks."""

    finished = Signal()
    progressed = Signal(int, int)  # done, total (0: unknown), on the GUI thread

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)
        self.owner = owner
        self._running: dict[_Signals, threading.Event] = {}  # each run's 取消 flag
        self._last_cancelled = False

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def cancel(self) -> None:
        """取消 every running operation of this widget (each stops at its next check)."""
        for flag in self._running.values():
            flag.set()

    def is_cancelled(self) -> bool:
        """While running: was 取消 pressed; afterwards: was the last one cancelled."""
        if self._running:
            return any(flag.is_set() for flag in self._running.values())
        return self._last_cancelled

    def write(self, work: Callable[[Job], Outcome[Any]], **options: Any) -> None:
        """Run a changing operation on the single writer thread (see the module's notes)."""
        self._start(work, writer_pool(), write=True, **options)

    def read(self, work: Callable[[Job], Any], **options: Any) -> None:
        """Run a reading operation on the thread pool."""
        self._start(work, QThreadPool.globalInstance(), write=False, **options)

    def _start(self, work: Callable[[Job], Any], pool: QThreadPool, *, write: bool,
               on_success: Callable[[Any], None] | None = None,
               on_error: Callable[[AppError], None] | None = None,
               on_done: Callable[[], None] | None = None,
               progress: str | None = None, cancellable: bool = False, blocking: bool = False,
               title: str = "操作没有完成") -> None:
        signals, flag = _Signals(), threading.Event()
        self._running[signals] = flag
        signals.progressed.connect(self.progressed)
        dialog = _progress_dialog(self.owner, progress, signals, flag, cancellable, blocking) if progress else None

        def finish() -> bool:
            """Close the dialog and say whether anyone is still there to hear the result."""
            self._running.pop(signals, None)
            self._last_cancelled = flag.is_set()
            if dialog is not None and shiboken6.isValid(dialog):
                _close_progress(dialog)
            if not shiboken6.isValid(self):
                log.info("operation finished after its owner was destroyed")
                return False
            return True

        def succeeded(result: Any) -> None:
            value, changes = (result.value, result.changes) if write and isinstance(result, Outcome) \
                else (result, Changes.NONE)
            alive = finish()
            broadcast(changes)
            if not alive:
                return
            try:
                if on_success is not None:
                    on_success(value)
            finally:
                self._done(on_done)

        def failed(exc: BaseException, details: str) -> None:
            alive = finish()
            broadcast(changes_of_failure(exc))
            if not alive:
                return
            try:
                if isinstance(exc, AppError) and on_error is not None:
                    on_error(exc)
                else:
                    report_failure(self.owner, exc, title, cancelled=flag.is_set(), logged=True)
            finally:
                self._done(on_done)

        signals.succeeded.connect(succeeded)
        signals.failed.connect(failed)
        job = Job(progress=signals.progressed.emit, cancelled=flag.is_set)
        pool.start(_Task(work, job, signals))

    def _done(self, on_done: Callable[[], None] | None) -> None:
        if on_done is not None:
            on_done()
        self.finished.emit()


def report_failure(parent: QWidget | None, exc: BaseException, title: str = "操作没有完成", *,
                   cancelled: bool = False, logged: bool = False) -> None:
    """The one place that decides "user error or bug?" for the window (threads and GUI-thread saves)."""
    if isinstance(exc, OperationCancelled) or (cancelled and isinstance(exc, AppError)):
        messages.info(parent, exc.message, "已取消")
    elif isinstance(exc, AppError):
        messages.error(parent, exc.message, title)
    else:
        if not logged:
            log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
        messages.error(parent, bug_text(), "意外错误")


def _progress_dialog(owner: QWidget, label: str, signals: _Signals, flag: threading.Event, cancellable: bool,
                     blocking: bool) -> QProgressDialog:
    dialog = QProgressDialog(label, "取消" if cancellable else "", 0, 0, owner)
    dialog.setWindowTitle("请稍候")
    # Blocking (a restore): nothing else may be touched while it runs, and it shows at once.
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal if blocking else Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0 if blocking else PROGRESS_DELAY_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)

    def show_progress(done: int, total: int) -> None:
        if flag.is_set() or not shiboken6.isValid(dialog):
            return
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)

    def cancel() -> None:
        flag.set()
        dialog.setLabelText("正在取消…")
        dialog.show()  # QProgressDialog hides itself on cancel; keep it up until the job stops

    signals.progressed.connect(show_progress)
    dialog.canceled.connect(cancel)
    dialog.setValue(0)
    if blocking:
        dialog.show()
    return dialog


def _close_progress(dialog: QProgressDialog) -> None:
    """Gone for good before the caller's message: reset() stops the dialog's own timer, which would
    otherwise show it again ("100%") over a question asked in a nested event loop."""
    dialog.canceled.disconnect()
    dialog.reset()
    dialog.hide()  # hide, not close: closing a QProgressDialog emits canceled
    dialog.deleteLater()


# --- other PCs' saves ---------------------------------------------------------------------------------
# Lists follow what other clerks save: a cheap look at the database's change marker every few seconds
# while the app is the active one, fed into the change notice as F5 would be. Another PC's (or
# process's) commit is seen at the next look and refreshes every page as a wholesale change does (each
# keeps its selected record); nothing changed, nothing refreshed. While the app is in the background
# nobody looks; coming back looks at once, so what changed meanwhile is shown.

POLL_MS = 3000
# Everything kept in the database; the backups folder is this PC's own.
REMOTE_CHANGES = Changes.DATABASE & ~Changes.BACKUPS


class ChangeWatch(QObject):
    """Owned by the main window; `close()` when it closes (the marker holds a connection of its own)."""

    def __init__(self, db: Database, parent: QObject, interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.marker = ChangeMarker(db)
        self.marker.changed()  # primed: what exists now is what the pages are about to show
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.look)
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.applicationStateChanged.connect(self._state_changed)
        self._state_changed(app.applicationState())

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.look()
            self.timer.start()
        else:
            self.timer.stop()

    def look(self) -> None:
        if self.marker.changed():
            log.debug("the database changed elsewhere")
            broadcast(REMOTE_CHANGES)

    def close(self) -> None:
        self.timer.stop()
        self.marker.close()
