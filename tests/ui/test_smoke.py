"""The smoke start (LIUZHOU_GUI_SMOKE_QUIT=1) used by the bundle test and the start-up benchmark."""

from __future__ import annotations

import re

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from liuzhou_gui.ui import app as app_module
from liuzhou_gui.ui import smoke
from liuzhou_gui.ui.main_window import MainWindow


def _windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def test_smoke_start_shows_the_main_window_reports_and_quits(qapp, installed_db, capsys) -> None:
    app = app_module.create_application()
    before = set(_windows())
    try:
        assert smoke.run(app, installed_db, app_module.open_main_window) == 0
        out = capsys.readouterr()
        assert re.fullmatch(r"main window shown in \d+ ms\n", out.out), out
        shown = [w for w in _windows() if w not in before]
        assert len(shown) == 1 and shown[0].isVisible()
    finally:
        QThreadPool.globalInstance().waitForDone(10_000)
        for window in set(_windows()) - before:
            window.hide()
            window.deleteLater()


def test_smoke_start_without_an_installation_refuses_instead_of_asking(qapp, db, capsys) -> None:
    app = app_module.create_application()
    assert smoke.run(app, db, app_module.open_main_window) == 1
    assert "no installation" in capsys.readouterr().err


def test_nothing_is_missing_from_the_development_setup(qapp) -> None:
    assert smoke.missing_parts(app_module.create_application()) == []
