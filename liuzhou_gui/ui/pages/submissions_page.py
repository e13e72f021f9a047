"""报送情况 (city): district × stage, each cell on time / late N days / missing / returned / accepted with its
date, and the completeness and timeliness of each stage; printed and exported from the same table
definition as the command line (services.reports.cycle_tables)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from ...domain.progress import Progress
from ...domain.stages import STAGE_BY_CODE
from ...operations import Changes
from ...storage.database import Database
from ...storage.statistics import campaign_progress
from .. import messages
from ..dialogs.file_choice import save_file
from ..runner import change_notice

CELL_COLOURS = {"missing": "#ffffff", "overdue": "#fdecea", "returned": "#fff3e0", "submitted": "#e8f5e9",
                "accepted": "#c8e6c9"}


class SubmissionsPage(QWidget):
    def __init__(self, db: Database, year: Callable[[], int], parent: QWidget | None = None, *,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self.db, self.year, self.today = db, year, today
        self.city: Progress | None = None
        self.title = QLabel()
        self.table = QTableWidget(0, 4)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(True)
        self.note = QLabel("已退回的报送不计入已收到；按时指最近一次报送在截止日期当天或之前生成。"
                           "县区报送后，把报送包拖到本窗口上导入即记入；受理或退回在“数据交换”中进行。")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        self.print_button = QPushButton("打印(&P)…")
        self.print_button.clicked.connect(self.print_table)
        self.pdf_button = QPushButton("保存为 PDF…")
        self.pdf_button.clicked.connect(lambda: self.save("pdf"))
        self.xlsx_button = QPushButton("导出 Excel…")
        self.xlsx_button.clicked.connect(lambda: self.save("xlsx"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.title, 1)
        for button in (self.print_button, self.pdf_button, self.xlsx_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        change_notice().changed.connect(self._on_changes)

    def _on_changes(self, changes: Changes) -> None:
        if changes & (Changes.SUBMISSIONS | Changes.CAMPAIGN) and self.city is not None:
            self.reload()

    def reload(self) -> None:
        today = self.today()
        try:
            with self.db.session() as session:
                self.city = city = campaign_progress(session, self.year(), today=today)
        except NotFoundError:  # the year is gone (a backup restored): the window reloads its years next
            return
        self.title.setText(f"<h2>{city.year} 年度各县区报送情况</h2>（统计日期 {today:%Y-%m-%d}）")
        headers = ["县区", *(f"{STAGE_BY_CODE[d.stage].short}\n{d.due.month}月{d.due.day}日前" for d in city.deadlines)]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(city.districts) + 2)
        for row, part in enumerate(city.districts):
            self.table.setItem(row, 0, QTableWidgetItem(part.district or ""))
            for column, deadline in enumerate(part.deadlines, start=1):
                text = deadline.cell_text
                if deadline.kind == "returned" and deadline.latest:
                    text += f"\n原因：{deadline.latest.reason}"
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setBackground(QColor(CELL_COLOURS[deadline.kind]))
                item.setToolTip(deadline.state if deadline.latest else f"{part.district}：{deadline.state}")
                self.table.setItem(row, column, item)
        for offset, (label, value) in enumerate((
            ("完整率（已收到/应报）", lambda d: f"{d.received}/{d.expected}（{d.completeness:.0%}）"),
            ("及时率（按时/应报）", lambda d: f"{d.on_time}/{d.expected}（{d.timeliness:.0%}）"),
        )):
            row = len(city.districts) + offset
            head = QTableWidgetItem(label)
            head.setFont(self._bold())
            self.table.setItem(row, 0, head)
            for column, deadline in enumerate(city.deadlines, start=1):
                item = QTableWidgetItem(value(deadline))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setFont(self._bold())
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()

    def _bold(self):
        font = self.font()
        font.setBold(True)
        return font

    def cell(self, district: str, stage_index: int) -> str:
        """The text of one district's cell (tests and screen readers)."""
        for row in range(self.table.rowCount()):
            name, found = self.table.item(row, 0), self.table.item(row, stage_index + 1)
            if name is not None and found is not None and name.text() == district:
                return found.text()
        raise KeyError(district)

    def _pdf(self) -> bytes:
        from ...services.reports import export
        from ...services.reports.catalog import SUBMISSIONS

        return export.render_pdf_bytes(self.db, SUBMISSIONS, year=self.year(), today=self.today())

    def print_table(self) -> int:
        from ..widgets.report_preview import ReportPreview
        from ..widgets.report_print import ask_and_print

        holder = ReportPreview(self)
        holder.hide()
        if not holder.show_pdf(self._pdf()):
            return 0
        return ask_and_print(self, holder.document, f"报送情况_{self.year()}")

    def save(self, fmt: str) -> Path | None:
        from ...services.reports.export import export_submissions

        suffix = f".{fmt}"
        name = f"报送情况_全市_{self.year()}_{self.today():%Y%m%d}{suffix}"
        kind = "PDF 文件 (*.pdf)" if fmt == "pdf" else "Excel 工作簿 (*.xlsx)"
        target = save_file(self, "保存报送情况", name, kind, suffix, db_path=self.db.path)
        if target is None:
            return None
        try:
            path = export_submissions(self.db, self.year(), fmt=fmt, output=target, today=self.today())
        except AppError as exc:
            messages.error(self, exc.message, "未能保存")
            return None
        messages.info(self, f"已保存：{path}", "已保存")
        return path
