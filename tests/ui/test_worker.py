"""Background jobs whose window is closed before they finish: the result is dropped, nothing fails."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from liuzhou_gui.ui.worker import Worker


def test_a_result_arriving_after_its_window_closed_is_dropped(qtbot):
    release = threading.Event()
    page = QWidget()
    label = QLabel("计算中", page)
    QVBoxLayout(page).addWidget(label)
    worker = Worker(page)
    shown = []
    worker.start(lambda: release.wait(10) and "完成", lambda text: (shown.append(text), label.setText(text)),
                 lambda exc, details: shown.append(exc))
    page.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(label))
    release.set()
    assert QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(50)  # the queued result is delivered (and dropped) on the GUI thread
    assert shown == []


def test_a_result_reaches_a_living_window(qtbot):
    page = QWidget()
    qtbot.addWidget(page)
    worker = Worker(page)
    shown = []
    worker.start(lambda: 6 * 7, shown.append, lambda exc, details: shown.append(exc))
    qtbot.waitUntil(lambda: shown == [42])
