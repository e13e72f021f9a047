"""设置 → 共享数据库 in the window, and the start on a server that cannot be reached (重试 / 改用本机文件 / 退出)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from memory_keyring import store
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from windows import open_main_window

from liuzhou_gui.services import database_choice
from liuzhou_gui.services.database_choice import KEYRING_SERVICE, SERVER, DatabaseChoice
from liuzhou_gui.ui import app as app_module
from liuzhou_gui.ui import messages
from liuzhou_gui.ui.dialogs import server_unreachable as server_start
from liuzhou_gui.ui.main_window import MainWindow

__all__ = ["store"]  # the fixture, from memory_keyring
PASSWORD = "口令-s3cret-𠮷"




def _fill(panel, type_text, host: str = "192.168.1.10", port: str = "5432") -> None:
    panel.server.setChecked(True)
    for edit, value in ((panel.host, host), (panel.port, port), (panel.database, "liuzhou"),
                        (panel.user, "clerk"), (panel.password, PASSWORD)):
        edit.clear()
        type_text(edit, value)


def test_the_panel_saves_the_server_and_keeps_the_password_out_of_every_file(
        qtbot, installed_db, store, type_text, data_dir: Path) -> None:
    window = open_main_window(qtbot, installed_db)
    panel = window.settings_page.shared_database
    assert panel.local.isChecked() and not panel.fields.isEnabled() and not panel.test_button.isEnabled()
    _fill(panel, type_text)
    assert panel.fields.isEnabled() and panel.test_button.isEnabled()
    assert panel.save()
    assert messages.shown[-1].text.startswith("已保存。下次启动软件时打开共享数据库")
    assert database_choice.load_choice() == DatabaseChoice(SERVER, database_choice.check_server(
        "192.168.1.10", 5432, "liuzhou", "clerk"))
    assert store.kept == {(KEYRING_SERVICE, "clerk@192.168.1.10:5432/liuzhou"): PASSWORD}
    assert panel.password.text() == "" and panel.password.placeholderText() == \
        server_start_hint()
    for path in data_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert PASSWORD.encode() not in content and "s3cret".encode("utf-16-le") not in content, path
    # Back to the file: the server's fields stay, ready for switching back.
    panel.local.setChecked(True)
    assert panel.save()
    assert not database_choice.load_choice().uses_server and panel.host.text() == "192.168.1.10"


def server_start_hint() -> str:
    from liuzhou_gui.ui.pages.shared_database_panel import STORED_PASSWORD_HINT

    return STORED_PASSWORD_HINT


@pytest.mark.parametrize(("host", "port", "field"), [("<b>&", "5432", "主机"), ("x" * 64 + ".cn", "5432", "主机"),
                                                    ("server", "=1+1", "端口"), ("服务器𠮷", "5432", "主机")])
def test_bad_fields_are_said_beside_the_buttons_and_nothing_is_saved(qtbot, installed_db, store, type_text,
                                                                    host: str, port: str, field: str) -> None:
    window = open_main_window(qtbot, installed_db)
    panel = window.settings_page.shared_database
    _fill(panel, type_text, host=host, port=port)
    assert not panel.save()
    assert field in panel.result.text()
    assert not database_choice.choice_path().exists() and store.kept == {}
    panel.test_connection()
    assert field in panel.result.text() and not panel.runner.busy


def test_test_connection_runs_in_the_background_and_says_why_it_failed(qtbot, installed_db, store,
                                                                     type_text) -> None:
    window = open_main_window(qtbot, installed_db)
    panel = window.settings_page.shared_database
    _fill(panel, type_text, host="127.0.0.1", port="1")
    panel.test_connection()
    assert panel.result.text() == "正在连接…" and not panel.test_button.isEnabled()
    qtbot.waitUntil(lambda: not panel.runner.busy, timeout=20_000)
    assert "无法连接" in panel.result.text() and PASSWORD not in panel.result.text()
    assert panel.test_button.isEnabled()


def _main_windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def test_an_unreachable_server_at_start_offers_retry_file_or_quit(qtbot, installed_db, store, monkeypatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    address = database_choice.check_server("127.0.0.1", 1, "liuzhou", "clerk")
    database_choice.save_choice(DatabaseChoice(SERVER, address), PASSWORD)
    messages.answer_choice_next(server_start.RETRY, server_start.QUIT)
    assert app_module.run_gui(None) == 0
    asked = [m for m in messages.shown if m.kind == "choice"]
    assert len(asked) == 2 and all(m.title == server_start.TITLE for m in asked)
    assert "无法连接" in asked[0].text and PASSWORD not in asked[0].text and "Traceback" not in asked[0].text
    assert database_choice.load_choice().uses_server  # 退出 changes nothing


def test_choosing_the_local_file_at_start_opens_it_and_remembers(qtbot, installed_db, store, monkeypatch,
                                                                 data_dir: Path) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(app_module, "default_db_path", lambda: installed_db.path)
    installed_db.close()
    address = database_choice.check_server("127.0.0.1", 1, "liuzhou", "clerk")
    database_choice.save_choice(DatabaseChoice(SERVER, address), PASSWORD)
    messages.answer_choice_next(server_start.USE_FILE)
    before = set(_main_windows())
    opened: list[MainWindow] = []

    def close_window() -> None:
        shown = [w for w in _main_windows() if w not in before and w.isVisible()]
        if shown:
            opened.extend(shown)
            poll.stop()
            shown[0].close()

    poll = QTimer(interval=20)
    poll.timeout.connect(close_window)
    poll.start()
    assert app_module.run_gui(None) == 0
    assert opened and opened[0].db.path == installed_db.path
    choice = database_choice.load_choice()
    assert not choice.uses_server and choice.server == address


def test_test_connection_to_the_test_server_says_connected_with_its_version(qtbot, installed_db, store, type_text,
                                                                           pg_database: str) -> None:
    from sqlalchemy.engine import make_url

    url = make_url(pg_database)
    window = open_main_window(qtbot, installed_db)
    panel = window.settings_page.shared_database
    panel.server.setChecked(True)
    for edit, value in ((panel.host, url.host), (panel.port, str(url.port)), (panel.database, url.database),
                        (panel.user, url.username)):
        edit.clear()
        type_text(edit, value)
    panel.test_connection()
    qtbot.waitUntil(lambda: not panel.runner.busy, timeout=20_000)
    assert panel.result.text().startswith("连接成功：PostgreSQL 1"), panel.result.text()
