"""关于: version, database, data folder and log file; opening the folder and the log; F1 and 设置."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication
from windows import open_main_window

from liuzhou_gui import __version__
from liuzhou_gui.storage.paths import backups_dir
from liuzhou_gui.ui import messages
from liuzhou_gui.ui.dialogs.about_dialog import AboutDialog


@pytest.fixture
def opened(monkeypatch) -> list[Path]:
    """What the dialog asked the system to open (nothing is really opened)."""
    calls: list[Path] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: calls.append(Path(url.toLocalFile())) or True)
    return calls


@pytest.fixture
def log_handler(data_dir: Path):
    """A rotating log file as the launcher (cli.main) sets one up."""
    handler = RotatingFileHandler(data_dir / "liuzhou_gui.log", maxBytes=1_000_000, encoding="utf-8")
    logging.getLogger().addHandler(handler)
    yield Path(handler.baseFilename)
    logging.getLogger().removeHandler(handler)
    handler.close()


def test_about_shows_where_everything_is(qtbot, db, data_dir: Path, log_handler: Path, opened) -> None:
    dialog = AboutDialog(db.path)
    qtbot.addWidget(dialog)
    dialog.show()
    values = {key: label.text() for key, label in dialog.values.items()}
    assert values == {
        "version": __version__, "database": str(db.path), "data": str(data_dir),
        "backups": str(backups_dir(db.path)), "log": str(log_handler),
    }
    for label in dialog.values.values():
        assert label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    qtbot.mouseClick(dialog.open_folder_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.open_log_button, Qt.MouseButton.LeftButton)
    assert opened == [data_dir, log_handler]
    assert messages.shown == []


def test_a_log_file_not_yet_written_is_explained(qtbot, db, data_dir: Path, opened) -> None:
    dialog = AboutDialog(db.path)
    qtbot.addWidget(dialog)
    assert dialog.log_path == data_dir / "liuzhou_gui.log"
    dialog.open_log_button.click()
    assert opened == [] and messages.shown[-1].title == "无法打开"


def _close_about(seen: list[str]) -> None:
    dialog = QApplication.activeModalWidget()
    if isinstance(dialog, AboutDialog):
        seen.append(dialog.values["database"].text())
        dialog.reject()


def test_f1_and_the_settings_button_open_about(qtbot, installed_db) -> None:
    window = open_main_window(qtbot, installed_db)
    window.activateWindow()
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _close_about(seen))
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert seen == [str(installed_db.path)]
    button = next(b for b in window.settings_page.findChildren(type(window.settings_page.backups.backup_button))
                  if b.text().startswith("关于本软件"))
    QTimer.singleShot(0, lambda: _close_about(seen))
    button.click()
    assert seen == [str(installed_db.path)] * 2
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles[-2:] == ["操作记录", "设置"]
    window.close()
