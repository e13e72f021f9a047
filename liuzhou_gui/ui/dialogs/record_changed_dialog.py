"""The refusal of a save over a record another clerk changed meanwhile: both versions side by side.

The form stays open with what was typed; the clerk chooses to keep theirs (saved again, over the
new version), to take the stored one into the form, or to go back to the form."""

from __future__ import annotations

import enum

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import RecordChanged
from ...operations.conflicts import FieldComparison

DIFFERENT = QColor("#fff1c2")  # a pale amber: seen at a glance, readable in print and on a grey screen


class Choice(enum.Enum):
    KEEP_MINE = "keep_mine"  # save what was typed over the stored version (a deleted record: as a new one)
    TAKE_THEIRS = "take_theirs"  # put the stored version into the form
    BACK = "back"  # back to the form, nothing decided


class RecordChangedDialog(QDialog):
    """Window-modal over the form (`open()`); `chosen(Choice)` once a button is pressed."""

    chosen = Signal(object)

    def __init__(self, refusal: RecordChanged, rows: list[FieldComparison], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("此记录已被他人修改")
        self.choice = Choice.BACK
        differing = sum(row.differs for row in rows)
        layout = QVBoxLayout(self)
        if refusal.deleted:
            advice = "另一位同事已把它删除（可在回收站找到）。可以把您填写的内容另存为一条新记录，或返回表单。"
        else:
            advice = (f"有 {differing} 项与您填写的不同（以“≠”和黄色标出）。“保留我的修改”用您填写的内容覆盖同事"
                      "保存的版本；“采用同事保存的”把同事的版本填入表单。")
        text = f"{refusal.message}\n{advice}"
        self.explanation = QLabel(text)
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels(["项目", "您填写的", "已删除" if refusal.deleted else "同事保存的"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        for index, row in enumerate(rows):
            marked = row.differs and not refusal.deleted  # a deleted record differs everywhere: no marks
            cells = [QTableWidgetItem(("≠ " if marked else "") + row.label), QTableWidgetItem(row.mine),
                     QTableWidgetItem(row.theirs)]
            for column, cell in enumerate(cells):
                cell.setToolTip(cell.text())
                if marked:
                    cell.setBackground(QBrush(DIFFERENT))
                    font = QFont(cell.font())
                    font.setBold(True)
                    cell.setFont(font)
                self.table.setItem(index, column, cell)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox()
        self.keep_button = QPushButton("另存为新记录" if refusal.deleted else "保留我的修改")
        self.keep_button.setToolTip("" if refusal.deleted else "用您填写的内容覆盖同事保存的版本")
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.take_button = QPushButton("采用同事保存的")
        self.take_button.setToolTip("把同事保存的版本填入表单，您填写的内容被替换")
        if not refusal.deleted:
            buttons.addButton(self.take_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.back_button = QPushButton("返回表单")
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.keep_button.clicked.connect(lambda: self._choose(Choice.KEEP_MINE))
        self.take_button.clicked.connect(lambda: self._choose(Choice.TAKE_THEIRS))
        self.back_button.clicked.connect(lambda: self._choose(Choice.BACK))
        # Enter never overwrites anyone's work by accident: a focused button must not become the default.
        for button in (self.keep_button, self.take_button):
            button.setAutoDefault(False)
        self.back_button.setDefault(True)
        self.finished.connect(lambda _code: self.chosen.emit(self.choice))  # Esc too: back to the form
        layout.addWidget(buttons)
        self.resize(760, min(640, 150 + 24 * len(rows)))

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        if choice is Choice.BACK:
            self.reject()
        else:
            self.accept()
