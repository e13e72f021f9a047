"""The window on a shared server database (issue 17): it opens and lists, and a server that goes away
while a clerk saves is one plain message, with what was typed kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from pg_engines import admin_url, server_control
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel
from sqlalchemy import func, select
from windows import open_main_window

from liuzhou_gui.services import installation
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.models import Unit
from liuzhou_gui.ui import messages
from liuzhou_gui.ui.dialogs.about_dialog import AboutDialog
from liuzhou_gui.ui.dialogs.unit_dialog import UnitDialog

pytestmark = pytest.mark.skipif(admin_url() is None, reason="no PostgreSQL server (LIUZHOU_TEST_PG_URL)")


@pytest.fixture
def server_db(pg_demo_database: str):
    database = Database.open(pg_demo_database)
    with database.transaction() as session:
        installation.save(session, "柳南区卫生健康局", "张三", "0772-2868517")
    yield database
    database.close()


def test_the_main_window_works_on_a_server_database(qtbot, server_db: Database, tmp_path: Path) -> None:
    window = open_main_window(qtbot, server_db)
    window.nav.setCurrentRow(2)  # 五进单位
    model = window.units.model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=10_000)
    with server_db.session() as session:
        live = session.scalar(select(func.count()).select_from(Unit).where(Unit.deleted_at.is_(None)))
    assert 0 < model.total <= live
    window.resize(1280, 800)
    assert window.grab().save(str(tmp_path / "main_window_on_server.png"))


def test_about_names_the_shared_database_not_a_folder(qtbot, server_db: Database) -> None:
    """关于 said 数据库文件 and showed this PC's per-server folder for a database on a server."""
    window = open_main_window(qtbot, server_db)
    seen: list[list[str]] = []

    def close_about() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, AboutDialog):  # not shown yet
            QTimer.singleShot(20, close_about)
            return
        seen.append([label.text() for label in dialog.findChildren(QLabel)])
        dialog.reject()

    QTimer.singleShot(0, close_about)
    window.settings_page.show_about()
    texts = seen[0]
    assert "共享数据库：" in texts and "数据库文件：" not in texts
    assert server_db.location.display in texts and "本单位的共享数据库服务器上" in " ".join(texts)


def test_a_save_while_the_server_is_gone_keeps_the_form(qtbot, type_text, pg_database: str) -> None:
    control = server_control()
    if control is None:
        pytest.skip("the test server is not ours to stop (LIUZHOU_TEST_PG_URL set by hand)")
    db = Database.open(pg_database)
    try:
        with db.transaction() as session:
            installation.save(session, "柳南区卫生健康局", "张三", "0772-2868517")
        dialog = UnitDialog(db, None, district="柳南区")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        type_text(dialog.ui.nameEdit, "柳州螺蛳粉产业园")
        dialog.ui.categoriesBox.findChildren(QCheckBox)[0].click()
        type_text(dialog.ui.phoneEdit, "13907721234")
        control("stop")
        try:
            assert not dialog.try_save()
            assert dialog.isVisible() and dialog.dirty
            assert [m.kind for m in messages.shown] == ["error"]
            shown = messages.shown[0].text
            assert "无法连接共享数据库服务器 127.0.0.1:" in shown and "Traceback" not in shown
            assert (dialog.ui.nameEdit.text(), dialog.ui.phoneEdit.text()) == ("柳州螺蛳粉产业园", "13907721234")
        finally:
            control("start")
        assert dialog.try_save()  # the server back: the same form saves
        with db.session() as session:
            assert session.scalar(select(Unit.name)) == "柳州螺蛳粉产业园"
    finally:
        db.close()
