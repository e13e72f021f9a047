"""A list page: filter bar, search box (text or pinyin initials), table, row count, 回收站.

The page knows nothing about experts, units or lectures: a ListSpec gives it the model, the
filters, the editor, the operations that delete and restore, and which Changes it shows. It
refreshes itself from the change notice, whichever page or dialog made the change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import RecordInUse
from ...operations import Changes, Outcome
from ...storage.database import Database
from .. import messages
from ..models.table_model import QueryTableModel
from ..runner import broadcast, change_notice, report_failure
from ..settings import view_settings
from ..widgets.column_widths import ColumnWidths
from ..widgets.qt_dates import date_edit, py_date

SEARCH_DELAY_MS = 250
ALL = "全部"


@dataclass
class FilterSpec:
    key: str
    label: str
    choices: list[tuple[str, Any]]  # (shown text, value); "全部" (None) is added in front


@dataclass
class ListSpec:
    name: str  # settings key
    noun: str  # 专家, 五进单位, 科普活动
    model: QueryTableModel
    filters: list[FilterSpec]
    open_editor: Callable[[int | None], bool]  # record id or None for new; True when saved
    delete: Callable[[int, bool], Outcome[None]]  # operations: (id, even_if_used)
    restore: Callable[[int], Outcome[None]]
    shows: Changes  # the kinds of records whose changes make this list read again
    date_range: bool = False
    label_column: int = 0  # the column that names a row in questions
    fixed: dict[str, Any] = field(default_factory=dict)  # filters set by the window (year)


class ListPage(QWidget):
    def __init__(self, db: Database, spec: ListSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.spec = spec
        self.model = spec.model
        self.combos: dict[str, QComboBox] = {}
        self._build()
        self._restore_filters()
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        change_notice().changed.connect(self._on_changes)

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        bar = QHBoxLayout()
        self.search_edit = QLineEdit(self, clearButtonEnabled=True)
        self.search_edit.setPlaceholderText("搜索：名称、单位、地点，或拼音首字母（如 yj）")
        self.search_edit.setMinimumWidth(330)
        bar.addWidget(self.search_edit)
        for spec in self.spec.filters:
            combo = QComboBox(self)
            combo.addItem(f"{spec.label}：{ALL}", None)
            for text, value in spec.choices:
                combo.addItem(f"{spec.label}：{text}", value)
            combo.currentIndexChanged.connect(self.apply_filters)
            self.combos[spec.key] = combo
            bar.addWidget(combo)
        if self.spec.date_range:
            self.date_check = QCheckBox("日期", self)
            self.date_from = date_edit(self)
            self.date_to = date_edit(self)
            bar.addWidget(self.date_check)
            bar.addWidget(self.date_from)
            bar.addWidget(QLabel("至", self))
            bar.addWidget(self.date_to)
            for widget in (self.date_from, self.date_to):
                widget.dateChanged.connect(self._date_changed)
            self.date_check.toggled.connect(self.apply_filters)
        bar.addStretch(1)
        self.bar = bar
        self.trash_check = QCheckBox("回收站", self)
        self.trash_check.toggled.connect(self._trash_toggled)
        bar.addWidget(self.trash_check)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        wanted_sort = (self.model.sort_column, self.model.sort_order)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setSortIndicator(*wanted_sort)
        self.widths = ColumnWidths(self.table, f"lists/{self.spec.name}/widths")
        # activated: Enter, or a double click (the platform's convention); doubleClicked would open twice.
        self.table.activated.connect(lambda _index: self.edit_current())

        buttons = QHBoxLayout()
        self.count_label = QLabel(self)
        self.new_button = QPushButton(f"新建{self.spec.noun}(&N)", self)
        self.edit_button = QPushButton("编辑(&E)", self)
        self.delete_button = QPushButton("删除(&D)", self)
        self.restore_button = QPushButton("恢复(&R)", self)
        self.new_button.clicked.connect(self.new_record)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.restore_button.clicked.connect(self.restore_current)
        buttons.addWidget(self.count_label)
        buttons.addStretch(1)
        self.buttons = buttons
        for button in (self.new_button, self.edit_button, self.delete_button, self.restore_button):
            buttons.addWidget(button)
        self.restore_button.hide()
        self.model.count_changed.connect(self._show_count)

        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.search_edit.setFocus)
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self, self.new_record)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, self._delete_or_restore)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def add_to_bar(self, widget: QWidget) -> None:
        """A page-specific control, placed before the 回收站 switch."""
        self.bar.insertWidget(self.bar.count() - 1, widget)

    def add_action(self, widget: QWidget) -> None:
        """A page-specific button, placed before 新建 (导入 Excel… and its template)."""
        self.buttons.insertWidget(self.buttons.indexOf(self.new_button), widget)

    # --- filters ----------------------------------------------------------------------------
    def current_filters(self) -> dict[str, Any]:
        filters: dict[str, Any] = dict(self.spec.fixed)
        filters["search"] = self.search_edit.text()
        filters["trash"] = self.trash_check.isChecked()
        for key, combo in self.combos.items():
            filters[key] = combo.currentData()
        if self.spec.date_range and self.date_check.isChecked():
            filters["date_from"] = py_date(self.date_from.date())
            filters["date_to"] = py_date(self.date_to.date())
        return filters

    def apply_filters(self) -> None:
        if hasattr(self, "_search_timer"):
            self._search_timer.stop()
        self.model.set_filters(**self.current_filters())
        self._save_filters()

    def set_fixed(self, **fixed: Any) -> None:
        """Filters the window owns (the campaign year); reloads the list."""
        self.spec.fixed.update(fixed)
        if self.spec.date_range and "year" in fixed:
            self.date_from.setDate(QDate(fixed["year"], 1, 1))
            self.date_to.setDate(QDate(fixed["year"], 12, 31))
        self.apply_filters()

    def set_filter(self, key: str, value: Any) -> None:
        combo = self.combos[key]
        combo.setCurrentIndex(max(combo.findData(value), 0))

    def _date_changed(self) -> None:
        if self.date_check.isChecked():
            self.apply_filters()

    def _trash_toggled(self, trash: bool) -> None:
        for button in (self.new_button, self.edit_button, self.delete_button):
            button.setVisible(not trash)
        self.restore_button.setVisible(trash)
        self.apply_filters()

    def _show_count(self, total: int) -> None:
        where = "回收站中" if self.trash_check.isChecked() else ""
        self.count_label.setText(f"{where}共 {total} 条")

    # --- remembered state ---------------------------------------------------------------------
    def _save_filters(self) -> None:
        settings = view_settings()
        settings.beginGroup(f"lists/{self.spec.name}")
        settings.setValue("search", self.search_edit.text())
        for key, combo in self.combos.items():
            settings.setValue(f"filter_{key}", combo.currentText())
        settings.endGroup()

    def _restore_filters(self) -> None:
        settings = view_settings()
        settings.beginGroup(f"lists/{self.spec.name}")
        for key, combo in self.combos.items():
            text = settings.value(f"filter_{key}")
            if isinstance(text, str) and combo.findText(text) >= 0:
                combo.blockSignals(True)
                combo.setCurrentIndex(combo.findText(text))
                combo.blockSignals(False)
        self.search_edit.blockSignals(True)
        self.search_edit.setText(str(settings.value("search", "") or ""))
        self.search_edit.blockSignals(False)
        header = settings.value("header")
        settings.endGroup()
        self.widths.restore_header(header)

    def save_state(self) -> None:
        settings = view_settings()
        settings.setValue(f"lists/{self.spec.name}/header", self.table.horizontalHeader().saveState())
        self.widths.save()
        self._save_filters()

    # --- actions ------------------------------------------------------------------------------
    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def select_id(self, record_id: int) -> None:
        row = self.model.row_of_id(record_id)
        if row is not None:
            self.table.selectRow(row)

    def new_record(self) -> None:
        self.spec.open_editor(None)  # a save broadcasts its changes: _on_changes reads the list again

    def edit_current(self) -> None:
        record_id = self.current_id()
        if record_id is None or self.trash_check.isChecked():
            return
        if self.spec.open_editor(record_id):
            self.select_id(record_id)

    def delete_current(self) -> None:
        record_id = self.current_id()
        if record_id is None:
            messages.info(self, f"请先在列表中选择要删除的{self.spec.noun}。")
            return
        label = self.model.data(self.model.index(self.table.currentIndex().row(), self.spec.label_column))
        if not messages.ask(self, f"确定删除{self.spec.noun}“{label}”吗？删除后可在回收站中恢复。", "删除"):
            return
        try:
            self._run(lambda: self.spec.delete(record_id, False))
        except RecordInUse as exc:
            # A unit still in use: storage explains and asks; deleting anyway is the user's call.
            if messages.ask(self, exc.message, "仍要删除？"):
                self._report(lambda: self.spec.delete(record_id, True), "无法删除")
        except Exception as exc:
            report_failure(self, exc, "无法删除")

    def _delete_or_restore(self) -> None:
        if self.trash_check.isChecked():
            self.restore_current()
        else:
            self.delete_current()

    def restore_current(self) -> None:
        record_id = self.current_id()
        if record_id is None:
            messages.info(self, f"请先在回收站中选择要恢复的{self.spec.noun}。")
            return
        if self._report(lambda: self.spec.restore(record_id), "无法恢复"):
            messages.info(self, f"已恢复该{self.spec.noun}。")

    # --- operations and the change notice -------------------------------------------------------
    def _run(self, operation: Callable[[], Outcome[Any]]) -> None:
        """A quick write on the GUI thread (one row); its changes go to every page, this one included."""
        broadcast(operation().changes)

    def _report(self, operation: Callable[[], Outcome[Any]], title: str) -> bool:
        try:
            self._run(operation)
        except Exception as exc:  # user error: its message; bug: one sentence, details in the log
            report_failure(self, exc, title)
            return False
        return True

    def _on_changes(self, changes: Changes) -> None:
        if changes & self.spec.shows:
            self.refresh()

    def refresh(self) -> None:
        """Read the rows again, keep the selected record selected."""
        selected = self.current_id()
        self.model.refresh()
        if selected is not None:
            self.select_id(selected)
