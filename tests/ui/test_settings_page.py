"""设置: change the bureau, the seal image, a new campaign year and the year switcher."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QScrollArea
from windows import open_main_window

from liuzhou_gui.services import installation
from liuzhou_gui.storage.lookups import campaign_years, district_by_name
from liuzhou_gui.storage.paths import seals_dir
from liuzhou_gui.ui import messages
from liuzhou_gui.ui.dialogs.first_start_dialog import FirstStartDialog
from liuzhou_gui.ui.pages.settings_page import SettingsPage
from liuzhou_gui.ui.runner import change_notice
from liuzhou_gui.ui.settings import view_settings


def test_seal_image_is_copied_and_recorded(qtbot, installed_db, tmp_path: Path) -> None:
    page = SettingsPage(installed_db)
    qtbot.addWidget(page)
    assert page.seal_district.currentText() == "柳南区" and not page.seal_district.isEnabled()
    not_an_image = tmp_path / "seal.png"
    not_an_image.write_text("hello")
    assert not page.set_seal("柳南区", not_an_image)
    assert messages.shown[-1].title == "无法使用这张图片"
    image = QImage(120, 120, QImage.Format.Format_ARGB32)
    image.fill(QColor("red"))
    source = tmp_path / "公章.png"
    assert image.save(str(source))
    assert page.set_seal("柳南区", source)
    with installed_db.session() as s:
        name = district_by_name(s, "柳南区").seal_file
    assert name.startswith("liunan") and name.endswith(".png")
    assert (seals_dir(installed_db.path) / name).read_bytes() == source.read_bytes()
    assert not page.seal_preview.pixmap().isNull()


def test_new_year_copies_the_plan_and_becomes_switchable(qtbot, installed_db, sample) -> None:
    window = open_main_window(qtbot, installed_db)
    assert not window.settings_page.add_year(2025)
    assert "已经存在" in messages.shown[-1].text
    with qtbot.waitSignal(window.workbench.refreshed, timeout=5000):
        assert window.settings_page.add_year(2026)
    with installed_db.session() as s:
        assert campaign_years(s) == [2025, 2026]
    assert window.year == 2026 and window.year_combo.currentText() == "2026 年度"
    assert window.lectures.model.total == 0
    assert window.workbench.progress.year == 2026 and window.workbench.progress.plan_total == 10
    with qtbot.waitSignal(window.workbench.refreshed, timeout=5000):
        window.year_combo.setCurrentIndex(0)
    assert window.lectures.model.total == 1
    window.close()


def test_bureau_can_be_changed_in_settings(qtbot, installed_db, type_text) -> None:
    page = SettingsPage(installed_db)
    qtbot.addWidget(page)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, FirstStartDialog)
        assert dialog.ui.reporterEdit.text() == "张三"
        dialog.ui.bureauCombo.setCurrentText(installation.BUREAU_CHOICES[-1])
        dialog.ui.reporterEdit.clear()
        type_text(dialog.ui.reporterEdit, "赵六")
        assert dialog.try_save()

    QTimer.singleShot(0, answer)
    with qtbot.waitSignal(change_notice().changed):
        page.change_installation()
    assert page.reporter_label.text() == "赵六"
    assert page.seal_district.isEnabled()
    with installed_db.session() as s:
        assert installation.load(s).is_city
        assert district_by_name(s, "柳南区").reporter == "张三"  # the district's own line is kept


def test_window_size_page_and_column_widths_are_remembered(qtbot, installed_db, sample) -> None:
    first = open_main_window(qtbot, installed_db)
    first.resize(1350, 820)
    first.nav.setCurrentRow(3)
    first.lectures.table.horizontalHeader().resizeSection(3, 333)
    first.close()
    second = open_main_window(qtbot, installed_db)
    # The offscreen screen is 800×800, so restoreGeometry() fits the window to it; check what was stored.
    assert view_settings().value("window/geometry") == first.saveGeometry()
    assert second.nav.currentRow() == 3 and second.stack.currentWidget() is second.lectures
    assert second.lectures.table.horizontalHeader().sectionSize(3) == 333
    second.close()


def test_the_window_fits_a_768_pixel_screen_with_the_settings_page(qtbot, installed_db) -> None:
    """The 共享数据库 box made 设置 922 px tall; the page scrolls so the window still fits a laptop."""
    page = SettingsPage(installed_db)
    qtbot.addWidget(page)
    assert page.minimumSizeHint().height() < 500
    page.resize(1000, 500)
    page.show()
    scroll = page.findChild(QScrollArea, "settingsScroll")
    assert scroll.verticalScrollBar().maximum() > 0  # everything still there, one scroll away
    window = open_main_window(qtbot, installed_db)
    assert window.minimumSizeHint().height() <= 768 - 60  # the taskbar and the title bar
