"""数据交换, district side: 报送 one stage on purpose (look at its tables and figures first), the history of
what was sent with the city's 受理 / 退回, and the city's 下发包."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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

from ...domain.errors import NotFoundError
from ...domain.progress import Deadline
from ...domain.reference import find_district
from ...domain.stages import STAGE_BY_CODE, STAGES
from ...operations import cycle
from ...services.exchange.package_file import SUFFIX
from ...services.exchange.submissions import SubmitResult
from ...storage.database import Database
from ...storage.lookups import district_by_name
from ...storage.statistics import district_progress
from ...storage.submissions import SubmissionRow, list_submissions
from .. import messages
from ..dialogs.file_choice import open_file, save_file
from ..dialogs.package_dialogs import PACKAGE_FILTER, counts_text
from ..dialogs.pdf_tabs_dialog import PdfTabsDialog
from ..runner import Runner
from ..widgets.progress_widgets import STAGE_COLOURS

HISTORY_HEADERS = ("环节", "报送时间", "内容", "状态", "文件")
SUMMARY_FILTER = "工作总结 PDF (*.pdf)"


def history_rows(db: Database, district: str, year: int) -> list[SubmissionRow]:
    with db.session() as session:
        return list_submissions(session, year, district_by_name(session, district).id)


class SubmitPanel(QGroupBox):
    submitted = Signal(object)  # SubmitResult

    def __init__(self, db: Database, year: Callable[[], int], district: Callable[[], str | None],
                 parent: QWidget | None = None, *, now: Callable[[], datetime] = datetime.now) -> None:
        super().__init__("按环节报送给市卫健委", parent)
        self.db, self.year, self.district, self.now = db, year, district, now
        self.runner = Runner(self)
        self.deadlines: dict[str, Deadline] = {}
        self.summary_file: Path | None = None
        self.stage_combo = QComboBox()
        for stage in STAGES:
            self.stage_combo.addItem(stage.short, stage.code)
        self.stage_combo.currentIndexChanged.connect(self._show_state)
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.summary_button = QPushButton("附工作总结…")
        self.summary_button.clicked.connect(self._choose_summary)
        self.submit_button = QPushButton("查看并报送(&S)…")
        self.submit_button.clicked.connect(self.start_submit)
        self.history = QTableWidget(0, len(HISTORY_HEADERS))
        self.history.setHorizontalHeaderLabels(HISTORY_HEADERS)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.verticalHeader().hide()
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history.horizontalHeader().setStretchLastSection(True)
        hint = QLabel("选择环节后点“查看并报送”：先看这一环节盖章的表格和数字，确认后生成该环节的报送包（.lzbs），"
                      "用U盘或邮件交给市卫健委。同一环节再次报送时替代之前的报送。")
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel("报送环节："))
        row.addWidget(self.stage_combo)
        row.addWidget(self.summary_button)
        row.addWidget(self.submit_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addWidget(self.state_label)
        layout.addWidget(QLabel("报送记录（最新的在前；退回的原因来自市卫健委的下发包）："))
        layout.addWidget(self.history, 1)

    @property
    def stage(self):
        return STAGE_BY_CODE[self.stage_combo.currentData()]

    def reload(self) -> None:
        district = self.district()
        if district is None:
            return
        try:
            with self.db.session() as session:
                progress = district_progress(session, district, self.year(), today=self.now().date())
        except NotFoundError:  # the year is gone (a backup restored): the window reloads its years next
            return
        self.deadlines = {d.stage: d for d in progress.deadlines}
        for index, stage in enumerate(STAGES):
            self.stage_combo.setItemText(index, f"{stage.short}：{self.deadlines[stage.code].state}")
        self._show_state()
        rows = history_rows(self.db, district, self.year())
        self.history.setRowCount(len(rows))
        for index, r in enumerate(rows):
            values = (r.stage_label, f"{r.created_at:%Y-%m-%d %H:%M}", counts_text(r.counts) if r.counts else "",
                      r.status, r.file_name)
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if column == 3 and r.current and r.decision == "returned":
                    item.setForeground(Qt.GlobalColor.red)
                self.history.setItem(index, column, item)

    def _show_state(self) -> None:
        deadline = self.deadlines.get(self.stage.code)
        self.summary_button.setVisible(self.stage.summary)
        if deadline is None:
            return
        text = f"{self.stage.label}，{deadline.due.month}月{deadline.due.day}日前：{deadline.state}"
        if self.stage.summary:
            text += f"。工作总结：{self.summary_file.name if self.summary_file else '未选择'}"
        self.state_label.setText(text)
        self.state_label.setStyleSheet(f"color: {STAGE_COLOURS[deadline.kind]};")

    def _choose_summary(self) -> None:
        path = open_file(self, "选择工作总结", SUMMARY_FILTER)
        if path is not None:
            self.summary_file = path
            self._show_state()

    # --- 报送 ------------------------------------------------------------------------------------
    def start_submit(self) -> None:
        district, stage, year = self.district(), self.stage, self.year()
        if district is None or self.runner.busy:
            return
        self.runner.read(lambda job: cycle.stage_tables(self.db, stage, district, year, job),
                         on_success=lambda pdfs: self._confirm(district, stage, year, pdfs),
                         progress=f"正在生成{stage.short}的表格…", title="未能生成表格")

    def _confirm(self, district: str, stage, year: int, pdfs: dict[str, bytes]) -> None:
        with self.db.session() as session:
            progress = district_progress(session, district, year, today=self.now().date())
        figures = (f"专家 {progress.experts} 名；开展活动 {progress.distinct.sessions} 场，覆盖单位 "
                   f"{progress.distinct.units} 家、{progress.distinct.people} 人次")
        intro = (f"将报送{district} {year} 年度的{stage.label}。下面是将随报送包交给市卫健委的盖章表格；"
                 f"报送包同时带上本县区本年度的全部数据（{figures}）。")
        dialog = PdfTabsDialog(f"报送{stage.short}", intro, pdfs, self, accept_text="报送")
        if not messages.run_dialog(dialog):
            return
        info = find_district(district)
        short = info.short_name if info else district  # the installation's own district: always found
        name = f"{short}{year}年度{stage.short.split('（')[0]}{date.today():%Y%m%d}{SUFFIX}"
        target = save_file(self, "保存报送包", name, PACKAGE_FILTER, SUFFIX, db_path=self.db.path,
                           inputs=[self.summary_file])
        if target is None:
            return
        summary = self.summary_file if stage.summary else None
        now = self.now()
        self.runner.write(lambda job: cycle.submit_stage(self.db, stage, district, target, year, now=now,
                                                         summary_file=summary, _job=job),
                          on_success=self._submitted, progress=f"正在生成{stage.short}的报送包…", title="未能报送")

    def _submitted(self, result: SubmitResult) -> None:
        self.submitted.emit(result)  # the change notice has already refreshed this panel and the 工作台
        messages.info(self, f"已报送{result.stage.short}：{result.path}\n\n{counts_text(result.counts)}。"
                            "请把这个文件用U盘或邮件交给市卫健委职业健康科。", "已报送")
