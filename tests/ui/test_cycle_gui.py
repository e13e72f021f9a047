"""The reporting cycle in the window, the clock set: a district submits a stage from 数据交换, the city
imports, returns it with a reason and sends the 下发包; the district's 工作台 shows why."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel
from test_package_gui import _drop

from liuzhou_gui.services import installation
from liuzhou_gui.services.exchange.package_import import import_package
from liuzhou_gui.storage.database import Database
from liuzhou_gui.ui import messages
from liuzhou_gui.ui.dialogs.pdf_tabs_dialog import PdfTabsDialog
from liuzhou_gui.ui.main_window import MainWindow

# Set to a folder to keep screenshots of the two views issue 13 asks to look at (never the source tree).
SCREENSHOTS = os.environ.get("LIUZHOU_GUI_SCREENSHOTS")


def _window(qtbot, db: Database, now: datetime) -> MainWindow:
    with db.session() as session:
        setup = installation.load(session)
    window = MainWindow(db, setup, now=lambda: now)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.workbench.refreshed, timeout=10_000):
        window.show()
    return window


def _page(window: MainWindow, title: str) -> None:
    window.nav.setCurrentRow([window.nav.item(i).text() for i in range(window.nav.count())].index(title))


def _bench_label(window: MainWindow, name: str) -> QLabel:
    return window.workbench.scroll_area.widget().findChild(QLabel, name)


def _save(tmp_path: Path, monkeypatch, name: str) -> Path:
    target = tmp_path / name
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    return target


@pytest.fixture
def city(tmp_path):
    db = Database.open(tmp_path / "city.sqlite3")
    with db.transaction() as session:
        installation.save(session, installation.BUREAU_CHOICES[-1], "罗云晟", "0772-2868517")
    yield db
    db.close()


def _grab(window: MainWindow, name: str) -> None:
    if SCREENSHOTS:
        window.grab().save(str(Path(SCREENSHOTS) / name))


def test_submit_return_and_see_why(qtbot, installed_db, sample, city, tmp_path, monkeypatch) -> None:
    # 5月8日: 柳南 looks at 附件5/6 as they will go, then submits the stage.
    district = _window(qtbot, installed_db, datetime(2025, 5, 8, 10))
    assert _bench_label(district, "stage_units").text() == "未报送（还剩 7 天）"
    assert _bench_label(district, "stage_experts").text() == "逾期未报（逾期 20 天）"  # data exists, nothing sent
    _page(district, "数据交换")
    panel = district.exchange.submit_panel
    panel.stage_combo.setCurrentIndex(1)
    sent = _save(tmp_path, monkeypatch, "柳南-附件5.lzbs")
    messages.opened_dialogs.clear()
    with qtbot.waitSignal(panel.submitted, timeout=30_000):
        panel.submit_button.click()
    shown = messages.opened_dialogs[-1]
    assert isinstance(shown, PdfTabsDialog)
    tabs = [shown.tabs.tabText(i) for i in range(shown.tabs.count())]
    assert tabs == ["附件5 “五进”单位名单", "附件6 自治区级专家授课计划表"]
    assert all(p.page_count >= 1 for p in shown.previews.values())
    assert sent.is_file() and panel.history.rowCount() == 1
    assert panel.history.item(0, 3).text() == "已报送"
    qtbot.waitUntil(lambda: _bench_label(district, "stage_units") is not None
                    and _bench_label(district, "stage_units").text() == "已报送（5月8日）", timeout=10_000)

    # The city imports it, looks at the stamped tables, returns it with a reason, writes the 下发包.
    town = _window(qtbot, city, datetime(2025, 5, 9, 15))
    import_package(city, sent, now=datetime(2025, 5, 9, 15))
    town.exchange.reload()
    _page(town, "数据交换")
    review = town.exchange.review_panel
    assert review.table.rowCount() == 1 and review.table.item(0, 4).text() == "按时"
    review.table.selectRow(0)
    messages.opened_dialogs.clear()
    review.view_button.click()
    assert list(messages.opened_dialogs[-1].previews) == ["附件5.pdf", "附件6.pdf"]
    messages.answer_text_next("附件5 缺少单位联系电话，请补充后重新报送")
    review.return_button.click()
    assert review.table.item(0, 5).text() == "已退回（附件5 缺少单位联系电话，请补充后重新报送）"
    _page(town, "报送情况")
    town.submissions.reload()
    assert town.submissions.cell("柳南区", 1).startswith("已退回（5月8日报送）")
    assert town.submissions.cell("柳北区", 0) == "逾期未报 21 天"
    _grab(town, "报送情况.png")
    directive = _save(tmp_path, monkeypatch, "下发包.lzxf")
    with qtbot.waitSignal(town.exchange.directives.finished, timeout=20_000):
        review.directive_button.click()

    # 柳南 drops the 下发包 on its window, sees the change, applies it; the 工作台 says why.
    with qtbot.waitSignal(district.exchange.directives.applied, timeout=20_000):
        assert _drop(district, directive)
    assert any("退回了柳南" in line for line in messages.opened_dialogs[-1].plan_lines)
    qtbot.waitUntil(lambda: _bench_label(district, "returned_units") is not None, timeout=10_000)
    assert "附件5 缺少单位联系电话" in _bench_label(district, "returned_units").text()
    assert _bench_label(district, "stage_units").text().startswith("已退回（")
    assert _bench_label(district, "stage_summary").text() == "未报送（还剩 196 天）"
    assert "已退回" in panel.history.item(0, 3).text()
    _page(district, "工作台")
    _grab(district, "工作台-已退回.png")
    assert "2025 年度" in district.windowTitle()


def test_settings_move_a_deadline_and_set_the_city_seal(qtbot, city, tmp_path) -> None:
    from PIL import Image

    from liuzhou_gui.services.district_settings import city_seal_path
    from liuzhou_gui.ui.pages.settings_page import CITY_SEAL_CHOICE

    window = _window(qtbot, city, datetime(2025, 4, 10))
    page = window.settings_page
    assert page.seal_district.currentText() == CITY_SEAL_CHOICE
    seal = tmp_path / "市卫健委公章.png"
    Image.new("RGB", (200, 200), (220, 20, 30)).save(seal)
    assert page.set_seal(CITY_SEAL_CHOICE, seal) and city_seal_path(city) is not None
    assert not page.seal_preview.pixmap().isNull()
    edit = page.deadline_edits["experts"]
    edit.setDate(edit.date().addDays(5))  # 4月18日 → 4月23日
    with qtbot.waitSignal(window.workbench.refreshed, timeout=10_000):
        assert page.save_deadlines()
    window.submissions.reload()
    assert window.submissions.cell("柳南区", 0) == "未报送（还剩 13 天）"
    edit.setDate(edit.date().addMonths(3))  # after the other stages: refused, nothing saved
    assert not page.save_deadlines()
    assert messages.shown[-1].title == "未能保存截止日期"
    assert page.deadline_edits["experts"].date().toPython().isoformat() == "2025-04-23"
