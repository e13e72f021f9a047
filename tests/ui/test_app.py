"""The application frame: Chinese Qt, first start, error reporting, main window and work bench."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QCheckBox
from windows import open_main_window

from liuzhou_gui.domain.errors import AppError
from liuzhou_gui.services import installation
from liuzhou_gui.ui import app as app_module
from liuzhou_gui.ui import messages
from liuzhou_gui.ui.dialogs.first_start_dialog import FirstStartDialog
from liuzhou_gui.ui.dialogs.lecture_dialog import LectureDialog
from liuzhou_gui.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def test_generated_forms_are_up_to_date() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "compile_forms.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_qt_speaks_chinese(qapp) -> None:
    app_module.create_application()
    assert qapp.property("zh_translators") == len(app_module.QT_CATALOGUES) + 1  # and our supplement
    assert QApplication.translate("QPlatformTheme", "Cancel") == "取消"  # QMessageBox and button boxes


def test_first_start_refuses_bad_phone_then_stores_the_bureau(qtbot, db, type_text) -> None:
    dialog = FirstStartDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.bureauCombo.setCurrentText("鹿寨县卫生健康局")
    type_text(dialog.ui.reporterEdit, "李四")
    type_text(dialog.ui.phoneEdit, "12345")
    assert not dialog.try_save()
    assert dialog.ui.error_reporter_phone.text() and messages.shown == []
    with db.session() as s:
        assert installation.load(s) is None
    dialog.ui.phoneEdit.clear()
    type_text(dialog.ui.phoneEdit, "0772-6812345")
    assert dialog.try_save()
    with db.session() as s:
        stored = installation.load(s)
    assert stored == installation.Installation("鹿寨县卫生健康局", "李四", "0772-6812345")
    assert stored.district == "鹿寨县"
    assert app_module.ensure_installation(db) == stored  # no dialog the second time


def test_cancel_at_first_start_says_why_and_can_go_back(qtbot, db, type_text) -> None:
    dialog = FirstStartDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.ui.reporterEdit, "李四")
    messages.answer_next(False)  # 不退出: back to the dialog
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.ui.reporterEdit.text() == "李四"
    question = messages.shown[-1]
    assert question.kind == "question" and "需要先选择所属单位" in question.text and "退出" in question.text
    messages.answer_next(True)  # 退出
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == 0
    assert [m.kind for m in messages.shown] == ["question", "question"]  # no third "放弃修改?" question


def test_cancel_in_settings_keeps_the_bureau_without_the_first_start_question(qtbot, installed_db) -> None:
    dialog = FirstStartDialog(installed_db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and messages.shown == []


def test_city_office_sees_all_districts(db) -> None:
    with db.transaction() as s:
        city = installation.save(s, installation.BUREAU_CHOICES[-1], "王五", "13800000000")
    assert city.is_city and city.district is None


def test_unexpected_error_is_reported_in_chinese(qapp) -> None:
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        app_module._excepthook(type(exc), exc, exc.__traceback__)
    assert messages.shown[-1].title == "意外错误"
    assert "意外错误" in messages.shown[-1].text
    app_module._excepthook(AppError, AppError("数据库只读"), None)
    assert messages.shown[-1].text == "数据库只读"


def test_work_bench_follows_a_new_session(qtbot, installed_db, sample, type_text) -> None:
    window = open_main_window(qtbot, installed_db)
    before = window.workbench.progress
    assert before.district == "柳南区"
    assert before.categories["心理健康"].sessions == 0
    assert window.lectures.model.total == 1
    assert "柳南区卫生健康局" in window.bureau_label.text()

    def fill_form() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, LectureDialog)
        type_text(dialog.ui.placeEdit, "第一中学礼堂")
        dialog.ui.categoriesBox.findChildren(QCheckBox)[1].click()
        dialog.ui.unitsPicker.set_checked([sample["school"]])
        dialog.ui.statusCombo.setCurrentIndex(dialog.ui.statusCombo.findData("held"))
        dialog.ui.attendanceSpin.setValue(60)
        assert dialog.try_save(), messages.shown

    QTimer.singleShot(0, fill_form)
    with qtbot.waitSignal(window.workbench.refreshed, timeout=5000):
        window.lectures.new_record()
    after = window.workbench.progress
    assert after.categories["心理健康"].sessions == 1
    assert after.distinct.sessions == before.distinct.sessions + 1
    assert after.distinct.units == before.distinct.units + 1
    assert window.lectures.model.total == 2
    window.close()


def test_city_work_bench_shows_all_districts(qtbot, db, sample_city) -> None:
    window = MainWindow(db, sample_city)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.workbench.refreshed, timeout=5000):
        window.show()
    progress = window.workbench.progress
    assert progress.district is None and len(progress.districts) == 10
    bench = window.workbench.scroll_area.widget()
    assert bench.table.rowCount() == 11
    assert bench.table.item(10, 0).text() == "全市"
    window.close()


def test_run_gui_asks_first_then_opens_the_main_window(qtbot, db_path, type_text, monkeypatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own; undone after the test
    seen: list[str] = []

    def first_start() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, FirstStartDialog)
        dialog.ui.bureauCombo.setCurrentText("三江侗族自治县卫生健康局")
        type_text(dialog.ui.reporterEdit, "吴七")
        type_text(dialog.ui.phoneEdit, "13977212345")
        assert dialog.try_save()
        poll.start()

    def close_main_window() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible() and widget.lectures.model.loaded:
                poll.stop()
                seen.append(widget.bureau_label.text())
                widget.close()

    poll = QTimer(interval=20)
    poll.timeout.connect(close_main_window)
    QTimer.singleShot(0, first_start)
    assert app_module.run_gui(db_path) == 0
    assert seen and "三江侗族自治县卫生健康局" in seen[0]
