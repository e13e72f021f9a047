"""数据交换, city side: the submissions received, newest first; open a district's stamped tables in the
app, 受理 or 退回 with a reason; write the 下发包 that carries the decisions down."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import AppError, NotFoundError
from ...domain.stages import ACCEPTED, RETURNED, STAGE_BY_CODE
from ...operations import cycle
from ...services.exchange.submissions import received_tables
from ...storage.database import Database
from ...storage.lookups import campaign_for_year
from ...storage.submissions import SubmissionRow, list_submissions
from .. import messages
from ..dialogs.pdf_tabs_dialog import PdfTabsDialog
from ..runner import broadcast, report_failure

HEADERS = ("编号", "县区", "环节", "报送时间", "是否按时", "状态", "导入时间", "文件")


def timing(row: SubmissionRow, due) -> str:
    late = (row.created_at.date() - due).days
    return f"逾期 {late} 天" if late > 0 else "按时"


class ReviewPanel(QGroupBox):
    reviewed = Signal()

    def __init__(self, db: Database, year: Callable[[], int], parent: QWidget | None = None, *,
                 now: Callable[[], datetime] = datetime.now) -> None:
        super().__init__("收到的报送（按环节）", parent)
        self.db, self.year, self.now = db, year, now
        self.rows: list[SubmissionRow] = []
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.open_tables())
        self.table.itemSelectionChanged.connect(self._enable)
        self.view_button = QPushButton("查看盖章表格(&V)…")
        self.view_button.clicked.connect(self.open_tables)
        self.accept_button = QPushButton("受理(&A)")
        self.accept_button.clicked.connect(lambda: self.review(ACCEPTED))
        self.return_button = QPushButton("退回(&R)…")
        self.return_button.clicked.connect(lambda: self.review(RETURNED))
        self.directive_button = QPushButton("生成下发包(&D)…")
        self.count_label = QLabel()
        buttons = QHBoxLayout()
        for button in (self.view_button, self.accept_button, self.return_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.directive_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._enable()

    def reload(self) -> None:
        year = self.year()
        try:
            with self.db.session() as session:
                campaign = campaign_for_year(session, year)
                dues = {code: getattr(campaign, stage.deadline_field) for code, stage in STAGE_BY_CODE.items()}
                self.rows = list_submissions(session, year)
        except NotFoundError:  # the year is gone (a backup restored): the window reloads its years next
            return
        self.table.setRowCount(len(self.rows))
        for index, r in enumerate(self.rows):
            values = (str(r.id), r.district, r.stage_label, f"{r.created_at:%Y-%m-%d %H:%M}", timing(r, dues[r.stage]),
                      r.status, f"{r.received_at:%Y-%m-%d %H:%M}" if r.received_at else "", r.file_name)
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if not r.current:
                    item.setForeground(Qt.GlobalColor.gray)
                elif column == 5 and r.decision == RETURNED:
                    item.setForeground(Qt.GlobalColor.red)
                self.table.setItem(index, column, item)
        self.count_label.setText(
            f"{year} 年度收到的报送 {len(self.rows)} 份（灰色为已被后来的报送替代的历史），双击一行查看县区盖章的表格。"
            if self.rows else f"{year} 年度还没有收到按环节的报送。")
        self._enable()

    def selected(self) -> SubmissionRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _enable(self) -> None:
        row = self.selected()
        for button in (self.view_button, self.accept_button, self.return_button):
            button.setEnabled(row is not None)
        if row is not None:
            self.accept_button.setEnabled(row.current)
            self.return_button.setEnabled(row.current)

    def select_id(self, submission_id: int) -> None:
        for index, r in enumerate(self.rows):
            if r.id == submission_id:
                self.table.selectRow(index)

    def open_tables(self) -> None:
        row = self.selected()
        if row is None:
            return
        stage = STAGE_BY_CODE[row.stage]
        pdfs = received_tables(self.db, row.year, row.district, stage)
        if not pdfs:
            messages.info(self, f"没有找到{row.district}{stage.short}的盖章表格（报送包中没有，或文件已被移走）。")
            return
        intro = f"{row.district} {row.year} 年度{stage.short}，{row.created_at:%Y-%m-%d %H:%M} 报送，{row.status}。"
        messages.run_dialog(PdfTabsDialog(f"{row.district} {stage.short}", intro, pdfs, self))

    def review(self, decision: str) -> None:
        row = self.selected()
        if row is None:
            return
        reason = ""
        if decision == RETURNED:
            question = f"退回{row.district}的{row.stage_label}，请写明原因（县区会在工作台上看到）："
            text = messages.ask_text(self, question, "退回报送")
            if text is None:
                return
            reason = text
        try:
            outcome = cycle.review(self.db, row.id, decision, reason, now=self.now())
        except AppError as exc:
            report_failure(self, exc, "未能审核")
            return
        broadcast(outcome.changes)  # this list, the 报送情况 and the 工作台 read again
        result = outcome.value
        self.reload()
        self.select_id(row.id)
        self.reviewed.emit()
        messages.info(self, result.message + "\n审核结果随下一个下发包发给县区。", "审核")
