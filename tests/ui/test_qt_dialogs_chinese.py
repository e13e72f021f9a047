"""Qt's own file dialogs speak Chinese and start in a sensible folder (issue 12)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QAbstractButton, QComboBox, QFileDialog, QLabel, QWidget

from liuzhou_gui.ui.app import create_application
from liuzhou_gui.ui.dialogs import file_choice

ENGLISH = re.compile(r"[A-Za-z]{3,}")


def _english_texts(dialog: QFileDialog) -> set[str]:
    found = set()
    for widget in dialog.findChildren(QWidget):
        texts = [widget.toolTip()]
        if isinstance(widget, QAbstractButton | QLabel):
            texts.append(widget.text())
        if isinstance(widget, QComboBox) and widget.objectName() != "lookInCombo":  # folder paths
            texts += [widget.itemText(i) for i in range(widget.count()) if "(*" not in widget.itemText(i)]
        found.update(t for t in texts if t and ENGLISH.search(t))
    return found


def test_the_file_dialog_has_no_english_left(qtbot, tmp_path) -> None:
    create_application()
    for accept in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
        dialog = QFileDialog(None, "选择文件", str(tmp_path), "Excel 工作簿 (*.xlsx)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(accept)
        qtbot.addWidget(dialog)
        dialog.show()
        assert _english_texts(dialog) == set()
        labels = {label.text() for label in dialog.findChildren(QLabel)}
        assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels


def test_dialogs_start_in_documents_then_in_the_folder_last_used_for_that_kind(qtbot, tmp_path,
                                                                                 monkeypatch) -> None:
    create_application()
    asked: list[str] = []
    picked = tmp_path / "U盘" / "公章.png"
    picked.parent.mkdir()
    picked.write_bytes(b"x")

    def fake_open(_parent, _title, folder, _filter):
        asked.append(folder)
        return str(picked), _filter

    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake_open)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert file_choice.open_file(None, "选择公章图片", "图片 (*.png)", kind="seal") == picked
    assert file_choice.open_file(None, "选择公章图片", "图片 (*.png)", kind="seal") == picked
    file_choice.open_file(None, "选择报送包", "报送包 (*.lzbs)")  # another kind: not the seal's folder
    assert asked == [documents, str(picked.parent), documents]
    assert Path(asked[0]) != Path.cwd()


def test_the_seal_picker_no_longer_starts_in_the_program_folder(qtbot, installed_db, monkeypatch) -> None:
    from liuzhou_gui.ui.pages.settings_page import SettingsPage

    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda _p, _t, folder, _f: (asked.append(folder), ("", ""))[1])
    page = SettingsPage(installed_db)
    qtbot.addWidget(page)
    page.choose_seal()
    assert asked and asked[0] not in ("", ".") and Path(asked[0]) != Path.cwd()
