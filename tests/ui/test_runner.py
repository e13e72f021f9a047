"""The one runner: writes on one thread, results and changes on the GUI thread, one failure handler."""

from __future__ import annotations

import logging
import threading

import shiboken6
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QLabel, QProgressDialog, QPushButton, QVBoxLayout, QWidget

from liuzhou_gui.domain.errors import AppError
from liuzhou_gui.operations import Changes, Outcome
from liuzhou_gui.ui import messages
from liuzhou_gui.ui.runner import Runner, change_notice, wait_for_writes

WAIT = 10_000


def _owner(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_a_write_broadcasts_its_changes_before_the_caller_hears_of_it(qtbot) -> None:
    runner = Runner(_owner(qtbot))
    events: list[object] = []
    change_notice().changed.connect(lambda changes: events.append(changes))
    with qtbot.waitSignal(runner.finished, timeout=WAIT):
        runner.write(lambda job: Outcome(6 * 7, Changes.UNITS | Changes.AUDIT), on_success=events.append)
    assert events == [Changes.UNITS | Changes.AUDIT, 42]
    assert not runner.busy


def test_a_read_returns_its_value_and_changes_nothing(qtbot) -> None:
    runner = Runner(_owner(qtbot))
    seen: list[object] = []
    change_notice().changed.connect(seen.append)
    with qtbot.waitSignal(runner.finished, timeout=WAIT):
        runner.read(lambda job: "数据", on_success=seen.append)
    assert seen == ["数据"]


def test_writes_run_one_after_another_on_one_thread(qtbot) -> None:
    runners = [Runner(_owner(qtbot)) for _ in range(3)]
    threads: list[int] = []
    running = threading.Semaphore(1)  # would block a second write running at the same time

    def work(_job):
        assert running.acquire(blocking=False), "two writes at once"
        threads.append(threading.get_ident())
        threading.Event().wait(0.05)
        running.release()
        return Outcome(None)

    for runner in runners:
        runner.write(work)
    qtbot.waitUntil(lambda: not any(r.busy for r in runners), timeout=WAIT)
    assert len(threads) == 3 and len(set(threads)) == 1 and threading.get_ident() not in threads


def test_a_result_arriving_after_its_window_closed_is_dropped_but_its_changes_are_told(qtbot) -> None:
    release = threading.Event()
    page = QWidget()
    label = QLabel("计算中", page)
    QVBoxLayout(page).addWidget(label)
    runner = Runner(page)
    shown: list[object] = []
    told: list[object] = []
    change_notice().changed.connect(told.append)
    runner.write(lambda job: release.wait(10) and Outcome("完成", Changes.LECTURES),
                 on_success=lambda text: (shown.append(text), label.setText(text)))
    page.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(label))
    release.set()
    assert wait_for_writes(5000)
    qtbot.waitUntil(lambda: told == [Changes.LECTURES], timeout=WAIT)
    assert shown == []


def test_a_user_error_shows_its_message_and_a_bug_one_chinese_sentence(qtbot, caplog) -> None:
    runner = Runner(_owner(qtbot))
    with qtbot.waitSignal(runner.finished, timeout=WAIT):
        runner.write(lambda job: (_ for _ in ()).throw(AppError("文件“名单.xlsx”不存在。")), title="导入没有完成")
    assert (messages.shown[-1].kind, messages.shown[-1].title, messages.shown[-1].text) == (
        "error", "导入没有完成", "文件“名单.xlsx”不存在。")

    def bug(_job):
        return {}["missing"]

    with caplog.at_level(logging.ERROR), qtbot.waitSignal(runner.finished, timeout=WAIT):
        runner.read(bug, on_error=lambda exc: messages.info(None, "不该到这里"))
    shown = messages.shown[-1]
    assert shown.kind == "error" and "意外错误" in shown.text and "日志" in shown.text
    assert "KeyError" not in shown.text and "missing" not in shown.text
    assert "KeyError" in caplog.text  # the details are in the log
    assert len(messages.shown) == 2


def test_on_done_runs_after_success_and_after_failure(qtbot) -> None:
    runner = Runner(_owner(qtbot))
    done: list[str] = []
    with qtbot.waitSignal(runner.finished, timeout=WAIT):
        runner.read(lambda job: 1, on_done=lambda: done.append("ok"))
    with qtbot.waitSignal(runner.finished, timeout=WAIT):
        runner.read(lambda job: 1 / 0, on_done=lambda: done.append("bug"))
    assert done == ["ok", "bug"]


def test_the_progress_dialog_cancels_the_job_and_is_gone_before_the_result(qtbot) -> None:
    owner = _owner(qtbot)
    owner.show()
    runner = Runner(owner)
    started, stop = threading.Event(), threading.Event()
    seen: list[object] = []

    def long_work(job):
        started.set()
        while not job.cancelled():
            stop.wait(0.01)
        job.check("已取消，没有保存文件。")

    def visible_progress_dialogs() -> list[QProgressDialog]:
        return [d for d in owner.findChildren(QProgressDialog) if shiboken6.isValid(d) and d.isVisible()]

    runner.write(long_work, progress="正在导出…", cancellable=True,
                 on_error=lambda exc: seen.append((exc.message, visible_progress_dialogs())))
    qtbot.waitUntil(started.is_set, timeout=WAIT)
    dialog = owner.findChild(QProgressDialog)
    dialog.show()
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "取消")
    cancel.click()
    assert dialog.labelText() == "正在取消…"
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT)
    assert seen == [("已取消，没有保存文件。", [])]
    qtbot.wait(600)  # longer than the dialog's own show-up delay: it must not come back
    assert visible_progress_dialogs() == []


def test_a_destroyed_page_no_longer_hears_the_notice(qtbot) -> None:
    class Page(QWidget):
        def __init__(self) -> None:
            super().__init__()
            self.heard: list[object] = []
            change_notice().changed.connect(self.on_changes)

        def on_changes(self, changes) -> None:
            self.heard.append(changes)

    kept, gone = Page(), Page()
    qtbot.addWidget(kept)
    gone.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(gone))
    change_notice().changed.emit(Changes.UNITS)  # must not touch the deleted page
    assert kept.heard == [Changes.UNITS]
    QThreadPool.globalInstance().waitForDone(1000)
