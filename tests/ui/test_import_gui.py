"""导入 Excel from the list pages: good file, file with errors, cancel, broken file, template."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from sqlalchemy import func, select

from liuzhou_gui.services.importing import apply as apply_module
from liuzhou_gui.storage.models import Unit
from liuzhou_gui.ui import messages
from liuzhou_gui.ui.dialogs.import_dialog import ImportDialog
from liuzhou_gui.ui.pages.list_pages import unit_page

HEADER = ["县区", "单位名称", "单位性质", "活动分类"]


def _workbook(path: Path, rows: list[list]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["各县区“十百千”职业健康科普宣传活动“五进”单位名单"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _units(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(Unit).where(Unit.deleted_at.is_(None)))


def _choose(monkeypatch, path: Path, method: str = "getOpenFileName") -> None:
    monkeypatch.setattr(QFileDialog, method, staticmethod(lambda *a, **k: (str(path), "")))


def _button(page, name: str):
    from PySide6.QtWidgets import QPushButton

    return page.findChild(QPushButton, name)


def _with_dialog(qtbot, act) -> list:
    """Run `act(dialog)` once the modal import dialog is up and its file checked."""
    seen: list = []

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ImportDialog) or dialog.busy:
            QTimer.singleShot(20, step)
            return
        seen.append(dialog)
        act(dialog)

    QTimer.singleShot(0, step)
    return seen


def test_good_units_file_imports_from_the_list_page(qtbot, installed_db, sample, tmp_path, monkeypatch) -> None:
    page = unit_page(installed_db, lambda: "柳南区")
    qtbot.addWidget(page)
    page.apply_filters()
    assert page.model.total == 2
    source = _workbook(tmp_path / "单位.xlsx", [
        ["单位名称", "单位性质", "活动分类"],  # no 县区 column: the home district is used
        ["柳南第二中学", "学校", "心理健康、慢性病管理"],
        ["柳州螺蛳粉厂", "企业", "职业健康"],
        ["柳州钢铁厂", "企业", "职业健康"],  # already there
    ])
    _choose(monkeypatch, source)

    def act(dialog: ImportDialog) -> None:
        assert dialog.plan is not None and not dialog.plan.errors
        assert dialog.rows_model.rowCount() == 3
        assert dialog.duplicates_box.isVisibleTo(dialog) and dialog.duplicates_list.count() == 1
        assert dialog.skip_radio.isChecked()
        messages.answer_next(True)
        dialog.import_button.click()

    seen = _with_dialog(qtbot, act)
    _button(page, "import_units").click()
    assert seen and seen[0].outcome is not None
    assert (seen[0].outcome.created, seen[0].outcome.skipped) == (2, 1)
    assert page.model.total == 4
    names = {page.model.data(page.model.index(r, 1)) for r in range(page.model.rowCount())}
    assert {"柳南第二中学", "柳州螺蛳粉厂"} <= names
    assert messages.shown[-1].title == "导入完成"


def test_file_with_errors_writes_nothing_and_saves_the_error_list(qtbot, installed_db, tmp_path, monkeypatch) -> None:
    source = _workbook(tmp_path / "乡镇报来的单位.xlsx", [
        HEADER,
        ["柳南区", "柳州螺蛳粉厂", "企业", "职业健康"],
        ["柳南区", "某某商店", "商店", "职业健康"],  # 单位性质 is not one of the five kinds
        ["柳南区", "", "企业", "职业健康"],  # no name
    ])
    dialog = ImportDialog(installed_db, "units")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.planned, timeout=10000) as planned:
        dialog.load(source)
    plan = planned.args[0]
    assert {e.row for e in plan.errors} == {4, 5}
    assert not dialog.import_button.isEnabled() and dialog.errors_button.isEnabled()
    assert dialog.errors_model.rowCount() == len(plan.errors)
    assert [dialog.errors_model.data(dialog.errors_model.index(0, c)) for c in (0, 1)] == ["4", "单位性质"]
    assert "有错误" in dialog.summary.text()
    good, bad = dialog.rows_model.index(0, 1), dialog.rows_model.index(1, 3)
    from PySide6.QtCore import Qt

    assert dialog.rows_model.data(good, Qt.ItemDataRole.BackgroundRole) is None
    assert dialog.rows_model.data(bad, Qt.ItemDataRole.BackgroundRole) is not None
    assert "单位性质" in dialog.rows_model.data(bad, Qt.ItemDataRole.ToolTipRole)

    dialog.start_import()  # refused while there are errors
    assert _units(installed_db) == 0

    target = tmp_path / "错误清单.xlsx"
    _choose(monkeypatch, target, "getSaveFileName")
    dialog.errors_button.click()
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-1] == "错误原因" and len(rows) == 3
    assert rows[1][1] == "某某商店" and "单位性质" in rows[1][-1]
    assert _units(installed_db) == 0


def test_cancel_during_import_writes_nothing(qtbot, installed_db, tmp_path, monkeypatch) -> None:
    rows = [HEADER] + [["柳南区", f"柳南测试企业{i:04d}", "企业", "职业健康"] for i in range(300)]
    dialog = ImportDialog(installed_db, "units")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.planned, timeout=10000):
        dialog.load(_workbook(tmp_path / "units.xlsx", rows))
    assert dialog.import_button.isEnabled()
    # Hold the work right after the bulk insert (inside its transaction) until 取消 has been clicked.
    inserted, go_on = threading.Event(), threading.Event()
    original = apply_module.add_units

    def held_add_units(session, drafts):
        original(session, drafts)
        inserted.set()
        go_on.wait(10)

    monkeypatch.setattr(apply_module, "add_units", held_add_units)
    messages.answer_next(True)
    dialog.import_button.click()
    qtbot.waitUntil(inserted.is_set, timeout=10000)
    assert dialog.busy and dialog.work_row.isVisibleTo(dialog) and not dialog.close_button.isEnabled()
    dialog.cancel_button.click()
    go_on.set()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
    assert dialog.outcome is None and dialog.result() == 0
    assert messages.shown[-1].title == "已取消" and "没有任何改动" in messages.shown[-1].text
    assert _units(installed_db) == 0


@pytest.mark.parametrize("content, words", [
    (b"a,b,c\n1,2,3\n", "不是 Excel"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "旧版 Excel"),
])
def test_broken_file_shows_the_service_message(qtbot, installed_db, tmp_path, content, words) -> None:
    source = tmp_path / "单位.xlsx"
    source.write_bytes(content)
    dialog = ImportDialog(installed_db, "units")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.planned, timeout=10000) as planned:
        dialog.load(source)
    assert planned.args[0] is None
    assert messages.shown[-1].kind == "error" and words in messages.shown[-1].text
    assert words in dialog.summary.text() and not dialog.import_button.isEnabled()


def test_template_is_saved_from_the_list_page(qtbot, installed_db, tmp_path, monkeypatch) -> None:
    page = unit_page(installed_db, lambda: "柳南区")
    qtbot.addWidget(page)
    target = tmp_path / "模板"  # typed without the extension
    _choose(monkeypatch, target, "getSaveFileName")
    _button(page, "template_units").click()
    saved = tmp_path / "模板.xlsx"
    header = next(load_workbook(saved).active.iter_rows(values_only=True))
    assert header[:4] == ("县区", "单位名称*", "单位性质*", "活动分类*")
    assert str(saved) in messages.shown[-1].text


def test_duplicates_can_update_the_existing_records(qtbot, installed_db, sample, tmp_path) -> None:
    source = _workbook(tmp_path / "单位.xlsx", [HEADER, ["柳南区", "柳州钢铁厂", "企业", "职业健康、慢性病管理"]])
    dialog = ImportDialog(installed_db, "units")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.planned, timeout=10000):
        dialog.load(source)
    assert dialog.duplicates_list.item(0).text().startswith("第 3 行")
    dialog.update_radio.setChecked(True)
    messages.answer_next(True)
    with qtbot.waitSignal(dialog.imported, timeout=10000) as imported:
        dialog.import_button.click()
    assert (imported.args[0].created, imported.args[0].updated) == (0, 1)
    assert "更新" in messages.shown[-2].text  # the confirmation said what happens to the duplicate
    with installed_db.session() as session:
        steel = session.get(Unit, sample["steel"])
        assert {c.name for c in steel.categories} == {"职业健康", "慢性病管理"}


def test_closing_while_checking_closes_once_the_check_stops(qtbot, installed_db, tmp_path) -> None:
    dialog = ImportDialog(installed_db, "units")
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.planned, timeout=10000) as planned:
        dialog.load(_workbook(tmp_path / "u.xlsx", [HEADER, ["柳南区", "柳州螺蛳粉厂", "企业", "职业健康"]]))
        assert dialog.busy and not dialog.close_button.isEnabled()
        dialog.reject()
        assert dialog.isVisible()
    assert planned.args[0] is None
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert dialog.result() == 0 and _units(installed_db) == 0


def test_the_preview_names_the_sheet_read_never_a_hidden_one(qtbot, installed_db, tmp_path) -> None:
    book = Workbook()
    book.active.title = "去年"
    book.active.append(HEADER)
    book.active.append(["柳北区", "去年的厂", "企业", "职业健康"])
    book.active.sheet_state = "hidden"
    sheet = book.create_sheet("今年名单")
    sheet.append(HEADER)
    sheet.append(["柳南区", "柳州螺蛳粉厂", "企业", "职业健康"])
    book.active = 1
    book.save(tmp_path / "两张表.xlsx")
    dialog = ImportDialog(installed_db, "units")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.planned, timeout=10000) as planned:
        dialog.load(tmp_path / "两张表.xlsx")
    assert [d.name for _row, d in planned.args[0].drafts] == ["柳州螺蛳粉厂"]
    assert dialog.summary.text().startswith("工作表“今年名单”：共 1 行")


def test_a_bug_while_checking_a_file_is_one_chinese_sentence(qtbot, installed_db, tmp_path, monkeypatch) -> None:
    """Issue 16: the bug branch showed raw Python exception text."""
    from liuzhou_gui.operations import imports as import_operations
    from liuzhou_gui.ui.dialogs.import_dialog import ImportDialog

    def broken(*_args):
        raise KeyError("internal_column_name")

    monkeypatch.setattr(import_operations, "check_workbook", broken)
    dialog = ImportDialog(installed_db, "units")
    qtbot.addWidget(dialog)
    source = tmp_path / "名单.xlsx"
    source.write_bytes(b"PK")
    with qtbot.waitSignal(dialog.runner.finished, timeout=10_000):
        dialog.load(source)
    shown = messages.shown[-1]
    assert shown.kind == "error" and "意外错误" in shown.text
    assert "KeyError" not in shown.text and "internal_column_name" not in shown.text
    assert dialog.summary.text() == "读取文件时出错，没有导入任何数据。" and not dialog.busy
