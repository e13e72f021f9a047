"""操作记录: who changed what and when, filtered by date, action, record kind and text; 导出 Excel….

The model pages through the same selection as storage.audit.entries (entry_filters), so a long
trail after a large import opens as quickly as a short one; the export writes entries() itself.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...operations.audit import export_audit
from ...storage import audit
from ...storage.database import Database
from ...storage.listing.audit_trail import AuditList
from .. import messages
from ..dialogs.file_choice import EXCEL_FILTER, checked_output, save_file
from ..models.table_model import QueryTableModel
from ..runner import Runner
from ..widgets.qt_dates import date_edit, py_date

SEARCH_DELAY_MS = 250


class AuditTableModel(QueryTableModel):
    query_class = AuditList

    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(db, parent)
        self.sort_column, self.sort_order = 0, Qt.SortOrder.DescendingOrder  # newest first


def day_bounds(first: date, last: date) -> dict[str, datetime]:
    """Whole office days from `first` to `last`, as the stored (UTC) times they span."""
    return {
        "since": audit.stored_time(datetime.combine(first, time.min)),
        "until": audit.stored_time(datetime.combine(last + timedelta(days=1), time.min)),
    }


class AuditPage(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.model = AuditTableModel(db, self)
        self.runner = Runner(self)

        self.search_edit = QLineEdit(self, clearButtonEnabled=True)
        self.search_edit.setPlaceholderText("搜索：记录名称或改动内容")
        self.search_edit.setMinimumWidth(240)
        self.action_combo = self._combo("操作", audit.ACTION_LABELS)
        self.entity_combo = self._combo("对象", audit.ENTITY_LABELS)
        self.date_check = QCheckBox("日期", self)
        today = QDate.currentDate()
        self.date_from = date_edit(self, today.addDays(-30))
        self.date_to = date_edit(self, today)
        self.export_button = QPushButton("导出 Excel(&X)…", self)
        self.export_button.clicked.connect(self.export)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.hide()

        bar = QHBoxLayout()
        bar.addWidget(self.search_edit)
        bar.addWidget(self.action_combo)
        bar.addWidget(self.entity_combo)
        bar.addWidget(self.date_check)
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel("至", self))
        bar.addWidget(self.date_to)
        bar.addStretch(1)
        bar.addWidget(self.busy_bar)
        bar.addWidget(self.export_button)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(self.model.sort_column, self.model.sort_order)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 90, 60, 80, 220)):
            header.resizeSection(column, width)
        self.count_label = QLabel(self)
        note = QLabel("新增、修改、删除和恢复都会记下时间、电脑用户名和改动的内容；"
                      "银行卡号只记前 4 位和后 4 位；查看、导出或打印完整卡号也记入，但不记卡号。", self)
        note.setStyleSheet("color: #555;")
        self.model.count_changed.connect(lambda n: self.count_label.setText(f"共 {n} 条"))

        footer = QHBoxLayout()
        footer.addWidget(self.count_label)
        footer.addStretch(1)
        footer.addWidget(note)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(footer)

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        for combo in (self.action_combo, self.entity_combo):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.date_check.toggled.connect(self.apply_filters)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._date_edited)

    def _date_edited(self, _date: QDate) -> None:
        if self.date_check.isChecked():
            self.apply_filters()

    def _combo(self, label: str, choices: dict[str, str]) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(f"{label}：全部", None)
        for code, text in choices.items():
            combo.addItem(f"{label}：{text}", code)
        return combo

    def current_filters(self) -> dict[str, Any]:
        filters: dict[str, Any] = {
            "action": self.action_combo.currentData(), "entity": self.entity_combo.currentData(),
            "text": self.search_edit.text().strip() or None,
        }
        if self.date_check.isChecked():
            first, last = py_date(self.date_from.date()), py_date(self.date_to.date())
            filters.update(day_bounds(min(first, last), max(first, last)))
        return filters

    def apply_filters(self) -> None:
        self._search_timer.stop()
        self.model.set_filters(**self.current_filters())

    def showEvent(self, event: QShowEvent) -> None:
        # Every visit reads the trail again: edits made on other pages are there at once.
        self.apply_filters()
        super().showEvent(event)

    # --- export --------------------------------------------------------------------------------
    def export(self) -> None:
        if self.runner.busy:
            return
        chosen = save_file(self, "导出操作记录", f"操作记录-{date.today():%Y%m%d}.xlsx", EXCEL_FILTER, ".xlsx",
                           db_path=self.db.path, kind="audit")
        if chosen is not None:
            self.export_to(chosen)

    def export_to(self, output: Path) -> None:
        if output.suffix.lower() != ".xlsx":
            output = output.with_name(output.name + ".xlsx")
        if checked_output(self, self.db.path, output) is None:
            return
        filters = self.current_filters()
        self.export_button.setEnabled(False)
        self.busy_bar.show()
        self.runner.read(lambda job: export_audit(self.db, filters, output, job), on_success=self._exported,
                         on_done=self._export_done, title="导出没有完成")

    def _export_done(self) -> None:
        self.export_button.setEnabled(True)
        self.busy_bar.hide()

    def _exported(self, result: tuple[int, Path]) -> None:
        self._export_done()
        count, path = result
        messages.info(self, f"已导出 {count} 条操作记录到：\n{path}", "导出完成")
