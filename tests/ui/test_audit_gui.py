"""操作记录: the entry after an edit, the filters, masked card numbers, local times, Excel export."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog

from liuzhou_gui.storage.models import AuditEntry
from liuzhou_gui.ui import messages
from liuzhou_gui.ui.dialogs.expert_dialog import ExpertDialog
from liuzhou_gui.ui.pages.audit_page import AuditPage


def _rows(page: AuditPage) -> list[list[str]]:
    model = page.model
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]


def _page(qtbot, db) -> AuditPage:
    page = AuditPage(db)
    qtbot.addWidget(page)
    page.show()
    return page


def _set(combo, value) -> None:
    combo.setCurrentIndex(combo.findData(value))


def test_an_expert_edit_shows_up_and_the_filters_find_it(qtbot, installed_db, sample, type_text) -> None:
    page = _page(qtbot, installed_db)
    before = page.model.total
    dialog = ExpertDialog(installed_db, sample["expert"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.titleEdit.clear()
    type_text(dialog.ui.titleEdit, "主任医师")
    assert dialog.try_save(), messages.shown
    page.hide()
    page.show()  # coming back to the page reads the trail again
    assert page.model.total == before + 1
    newest = _rows(page)[0]
    assert newest[2:5] == ["修改", "专家", "杨静"]
    assert "职称/职务：（空） → 主任医师" in newest[5]
    assert newest[0].startswith(f"{datetime.now():%Y-%m-%d}")

    _set(page.action_combo, "update")
    _set(page.entity_combo, "expert")
    assert [r[4] for r in _rows(page)] == ["杨静"]
    _set(page.entity_combo, "unit")
    assert _rows(page) == []
    _set(page.entity_combo, None)
    _set(page.action_combo, "create")
    assert {r[3] for r in _rows(page)} >= {"专家", "五进单位", "科普活动"}
    assert all(r[2] == "新增" for r in _rows(page))

    _set(page.action_combo, None)
    with qtbot.waitSignal(page.model.count_changed, timeout=5000):  # after the typing pause
        type_text(page.search_edit, "钢铁")
    found = _rows(page)
    assert "柳州钢铁厂" in [r[4] for r in found]
    assert all("钢铁" in r[4] + r[5] for r in found) and len(found) < before
    page.search_edit.clear()
    page.apply_filters()

    page.date_from.setDate(QDate(2020, 1, 1))
    page.date_to.setDate(QDate(2020, 12, 31))
    page.date_check.setChecked(True)
    assert page.model.total == 0 and page.count_label.text() == "共 0 条"
    page.date_to.setDate(QDate.currentDate())
    assert page.model.total == before + 1


def test_bank_card_numbers_stay_masked(qtbot, installed_db, sample) -> None:
    page = _page(qtbot, installed_db)
    texts = " ".join(" ".join(r) for r in _rows(page))
    assert "6222 **** **** 3446" in texts
    assert "6222020200112233446" not in texts
    assert "（空） → （空）" not in texts  # a field left empty on creation is not a change
    assert "所属单位：（空） → 柳南区卫生健康局" in texts


def test_model_passes_the_qt_model_checks(qtbot, qtmodeltester, installed_db, sample) -> None:
    page = _page(qtbot, installed_db)
    qtmodeltester.check(page.model)
    page.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # by the stored code: district … unit
    assert _rows(page)[0][3] == "县区" and _rows(page)[-1][3] == "五进单位"
    qtmodeltester.check(page.model)


@pytest.fixture
def shanghai(monkeypatch):
    """The office's time zone (UTC+8) for one test."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_times_are_shown_and_filtered_in_local_time(qtbot, installed_db, shanghai) -> None:
    with installed_db.transaction() as s:  # stored as SQLite's CURRENT_TIMESTAMP stores it: UTC
        s.add(AuditEntry(at=datetime(2025, 6, 1, 20, 30), user="u", action="update", entity="unit",
                         record_id=1, label="深夜的修改", changes="{}"))
    page = _page(qtbot, installed_db)
    page.search_edit.setText("深夜")
    page.apply_filters()
    assert _rows(page)[0][0] == "2025-06-02 04:30:00"
    page.date_from.setDate(QDate(2025, 6, 1))
    page.date_to.setDate(QDate(2025, 6, 1))
    page.date_check.setChecked(True)
    assert page.model.total == 0  # 04:30 on 2 June in Liuzhou
    page.date_to.setDate(QDate(2025, 6, 2))
    assert page.model.total == 1


def test_export_writes_the_filtered_entries(qtbot, installed_db, sample, tmp_path: Path, monkeypatch) -> None:
    page = _page(qtbot, installed_db)
    _set(page.entity_combo, "unit")
    target = tmp_path / "导出" / "操作记录"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Excel 工作簿 (*.xlsx)"))
    with qtbot.waitSignal(page.runner.finished, timeout=10_000):
        page.export_button.click()
        assert not page.export_button.isEnabled()
    assert page.export_button.isEnabled()
    written = target.with_name("操作记录.xlsx")
    assert messages.shown[-1].title == "导出完成" and str(written) in messages.shown[-1].text
    sheet = load_workbook(written).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("时间", "操作人", "操作", "对象")
    assert sorted(r[5] for r in rows[1:]) == ["柳南第一中学", "柳州钢铁厂"]
    assert "已导出 2 条" in messages.shown[-1].text


def test_export_failure_is_a_message(qtbot, installed_db, sample, tmp_path: Path) -> None:
    page = _page(qtbot, installed_db)
    folder = tmp_path / "a-folder.xlsx"
    folder.mkdir()  # cannot be replaced by a file
    with qtbot.waitSignal(page.runner.finished, timeout=10_000):
        page.export_to(folder)
    assert messages.shown[-1].kind == "error" and messages.shown[-1].title == "导出没有完成"
    assert "无法写入" in messages.shown[-1].text
