"""导入 Excel: pick a file, check it off the GUI thread, preview rows and errors, then import all or nothing."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import AppError
from ...domain.reference import DISTRICTS
from ...operations import imports
from ...services.importing.apply import ImportOutcome, ImportRefused
from ...services.importing.error_workbook import write_error_workbook
from ...services.importing.kinds import KINDS
from ...services.importing.plan import ImportPlan
from ...storage.database import Database
from .. import messages
from ..models.import_preview import PlanErrorsModel, PlanRowsModel
from ..runner import Runner
from .file_choice import EXCEL_FILTER, IMPORT_FILTER, open_file, save_file

NO_DISTRICT = "（不指定）"
CHECKING = "正在读取并检查每一行…"


class ImportDialog(QDialog):
    planned = Signal(object)  # the ImportPlan, or None when the file could not be read
    imported = Signal(object)  # the ImportOutcome

    def __init__(self, db: Database, kind: str, parent: QWidget | None = None,
                 default_district: str | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.kind = KINDS[kind]
        self.plan: ImportPlan | None = None
        self.outcome: ImportOutcome | None = None
        self.path: Path | None = None
        self._stage = ""  # "plan" or "apply" while the task runs
        self._close_when_idle = False  # closed while working: close once the work has stopped
        self.runner = Runner(self)
        self.runner.progressed.connect(self._show_progress)
        self.setWindowTitle(f"导入{self.kind.label}（Excel）")
        self.resize(1100, 720)
        self._build(default_district)
        self._update_buttons()

    # --- layout ---------------------------------------------------------------------------
    def _build(self, default_district: str | None) -> None:
        top = QHBoxLayout()
        self.file_label = QLabel("请选择要导入的表格文件（Excel .xlsx/.xls、WPS/LibreOffice .ods 或 CSV）。")
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton("选择文件(&O)…")
        self.choose_button.clicked.connect(self.choose_file)
        self.district_combo = QComboBox()
        self.district_combo.addItem(NO_DISTRICT, None)
        for district in DISTRICTS:
            self.district_combo.addItem(district.name, district.name)
        self.district_combo.setCurrentIndex(max(self.district_combo.findData(default_district), 0))
        self.district_combo.setToolTip("表中没有“县区”列或该列为空的行，计入这个县区")
        self.district_combo.currentIndexChanged.connect(self._district_changed)
        top.addWidget(self.file_label, 1)
        top.addWidget(QLabel("未填县区的行计入："))
        top.addWidget(self.district_combo)
        top.addWidget(self.choose_button)

        self.summary = QLabel()
        self.summary.setWordWrap(True)

        self.rows_model = PlanRowsModel(self)
        self.rows_view = self._table(self.rows_model)
        self.errors_model = PlanErrorsModel(self)
        self.errors_view = self._table(self.errors_model)
        self.errors_view.horizontalHeader().setStretchLastSection(True)
        self.errors_view.clicked.connect(self._show_error_row)
        self.errors_box = QGroupBox("错误清单（有错误时不导入任何数据）")
        QVBoxLayout(self.errors_box).addWidget(self.errors_view)

        self.duplicates_box = QGroupBox("与已有记录相同")
        self.duplicates_list = QListWidget()
        self.skip_radio = QRadioButton("跳过这些行(&K)")
        self.update_radio = QRadioButton("用表中的内容更新已有记录(&U)")
        self.skip_radio.setChecked(True)
        self.duplicate_choice = QButtonGroup(self)
        self.duplicate_choice.addButton(self.skip_radio)
        self.duplicate_choice.addButton(self.update_radio)
        duplicates_layout = QVBoxLayout(self.duplicates_box)
        duplicates_layout.addWidget(self.duplicates_list)
        duplicates_layout.addWidget(self.skip_radio)
        duplicates_layout.addWidget(self.update_radio)

        self.lower_panes = QSplitter(Qt.Orientation.Horizontal)
        self.lower_panes.addWidget(self.errors_box)
        self.lower_panes.addWidget(self.duplicates_box)
        self.lower_panes.setSizes([700, 350])
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.rows_view)
        splitter.addWidget(self.lower_panes)
        splitter.setSizes([420, 220])

        work = QHBoxLayout()
        self.progress_bar = QProgressBar()
        self.progress_label = QLabel()
        self.cancel_button = QPushButton("取消(&C)")
        self.cancel_button.clicked.connect(self.cancel_work)
        work.addWidget(self.progress_label)
        work.addWidget(self.progress_bar, 1)
        work.addWidget(self.cancel_button)
        self.work_row = QWidget()
        self.work_row.setLayout(work)
        self.work_row.hide()

        buttons = QHBoxLayout()
        self.errors_button = QPushButton("保存错误清单(&S)…")
        self.errors_button.setToolTip("把出错的行另存为 Excel，附“错误原因”列，发给填报单位修改")
        self.errors_button.clicked.connect(self.save_errors)
        self.import_button = QPushButton("导入(&I)")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        self.close_button = QPushButton("关闭")
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.errors_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.work_row)
        layout.addLayout(buttons)

    def _table(self, model) -> QTableView:
        view = QTableView(self)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(24)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        return view

    # --- state ----------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return bool(self._stage)

    def _update_buttons(self) -> None:
        plan = self.plan
        self.choose_button.setEnabled(not self.busy)
        self.district_combo.setEnabled(not self.busy)
        self.errors_button.setEnabled(not self.busy and plan is not None and bool(plan.errors))
        self.import_button.setEnabled(not self.busy and plan is not None and not plan.errors and bool(plan.drafts))
        self.close_button.setEnabled(not self.busy)
        self.work_row.setVisible(self.busy)

    def _show_plan(self, plan: ImportPlan | None) -> None:
        self.plan = plan
        self.rows_model.set_plan(plan)
        self.errors_model.set_plan(plan)
        self.duplicates_list.clear()
        has_errors = plan is not None and bool(plan.errors)
        has_duplicates = plan is not None and bool(plan.duplicates)
        self.errors_box.setVisible(has_errors)
        self.duplicates_box.setVisible(has_duplicates)
        self.lower_panes.setVisible(has_errors or has_duplicates)
        if plan is None:
            self.summary.setText("")
            self._update_buttons()
            return
        total = len(plan.sheet.rows)
        sheet = f"工作表“{plan.sheet.sheet_name}”：" if plan.sheet.sheet_name else ""
        if plan.errors:
            bad = len(self.rows_model.error_rows())
            self.summary.setText(
                f"<span style='color:#b00020'>{escape(sheet)}共 {total} 行，"
                f"其中 {bad} 行有错误（共 {len(plan.errors)} 处），"
                "不能导入。</span>请在 Excel 中改正后重新选择文件，或点“保存错误清单”发给填报单位修改。"
            )
        else:
            text = f"{sheet}共 {total} 行，全部检查通过，可以导入 {len(plan.drafts)} 条{self.kind.label}。"
            if plan.duplicates:
                text += f"其中 {len(plan.duplicates)} 条与已有记录相同，请在下方选择跳过或更新。"
            self.summary.setText(text)
        self.duplicates_box.setTitle(f"与已有记录相同（{len(plan.duplicates)} 条）")
        self.duplicates_list.addItems(
            [f"第 {d.row} 行：{d.label}" for d in sorted(plan.duplicates.values(), key=lambda d: d.row)[:1000]]
        )
        self.rows_view.resizeColumnsToContents()
        for column in range(self.rows_model.columnCount()):
            width = self.rows_view.columnWidth(column)
            self.rows_view.setColumnWidth(column, min(width + 8, 240))
        self.errors_view.resizeColumnToContents(0)
        self.errors_view.setColumnWidth(1, 110)
        self._update_buttons()

    def _show_error_row(self, index) -> None:
        row = self.rows_model.row_of_number(self.errors_model.errors[index.row()].row)
        if row is not None:
            self.rows_view.selectRow(row)
            self.rows_view.scrollTo(self.rows_model.index(row, 0))

    def _begin(self, stage: str, label: str) -> None:
        self._stage = stage
        self.progress_label.setText(label)
        self.progress_bar.setRange(0, 0)  # busy until the first count arrives
        self.cancel_button.setEnabled(True)
        self._update_buttons()

    def _end(self) -> None:
        if self._stage == "plan" and self.summary.text() == CHECKING:  # a bug: the runner has said so
            self.summary.setText("读取文件时出错，没有导入任何数据。")
        self._stage = ""
        self._update_buttons()
        if self._close_when_idle:
            self._close_when_idle = False
            super().reject()

    def _show_progress(self, done: int, total: int) -> None:
        if total:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))

    # --- checking the file ------------------------------------------------------------------------
    def choose_file(self) -> None:
        path = open_file(self, f"选择要导入的{self.kind.label}表格文件", IMPORT_FILTER)
        if path is not None:
            self.load(path)

    def _district_changed(self) -> None:
        if self.path is not None and not self.busy:
            self.load(self.path)

    def load(self, path: Path) -> None:
        """Read and check the file off the GUI thread; nothing is written."""
        if self.busy:
            return
        self.path = path
        self.file_label.setText(f"文件：{path}")
        self._show_plan(None)
        self.summary.setText(CHECKING)
        district = self.district_combo.currentData()
        self._begin("plan", "正在检查…")
        self.runner.read(lambda job: imports.check_workbook(self.db, self.kind.name, path, district, job),
                         on_success=self._planned, on_error=self._plan_failed, on_done=self._end,
                         title="读取文件时出错")

    def _planned(self, plan: ImportPlan) -> None:
        cancelled = self.runner.is_cancelled()
        if cancelled:  # the user no longer wants this file
            self.summary.setText("已取消检查。")
            self.planned.emit(None)
            return
        self._show_plan(plan)
        self.planned.emit(plan)

    def _plan_failed(self, exc: AppError) -> None:
        self._show_plan(None)
        self.summary.setText(f"<span style='color:#b00020'>{exc.message}</span>")
        if not self.runner.is_cancelled():
            messages.error(self, exc.message, "无法导入这个文件")
        self.planned.emit(None)

    # --- importing --------------------------------------------------------------------------------
    def start_import(self) -> None:
        plan = self.plan
        if plan is None or plan.errors or self.busy:
            return
        update = self.update_radio.isChecked()
        question = f"导入 {len(plan.drafts)} 条{self.kind.label}？"
        if plan.duplicates:
            action = "用表中的内容更新" if update else "跳过"
            question += f"\n其中 {len(plan.duplicates)} 条与已有记录相同，将{action}。"
        if not messages.ask(self, question, "确认导入", default=True):
            return
        self._begin("apply", "正在导入…")
        self.runner.write(lambda job: imports.import_rows(self.db, plan, update, job),
                          on_success=self._imported, on_error=self._import_failed, on_done=self._end,
                          title="导入没有完成")

    def _imported(self, outcome: ImportOutcome) -> None:
        self._close_when_idle = False  # too late to cancel: say what was imported, then close
        self._stage = ""
        self.outcome = outcome
        messages.info(self, f"已导入{self.kind.label}：新增 {outcome.created} 条，更新 {outcome.updated} 条，"
                            f"跳过已有的 {outcome.skipped} 条。", "导入完成")
        self.imported.emit(outcome)
        self.accept()

    def _import_failed(self, exc: AppError) -> None:
        if isinstance(exc, ImportRefused):  # rows that failed only when written (a lecturer booked twice)
            self._show_plan(exc.plan)
            messages.error(self, exc.message, "未导入")
        elif self.runner.is_cancelled():
            messages.info(self, exc.message, "已取消")
        else:
            messages.error(self, exc.message, "未导入")

    def cancel_work(self) -> None:
        if self.busy:
            self.runner.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText("正在取消…")

    def save_errors(self) -> None:
        plan = self.plan
        if plan is None or not plan.errors:
            return
        target = save_file(self, "保存错误清单", f"{plan.path.stem}-错误清单.xlsx", EXCEL_FILTER, ".xlsx",
                           db_path=self.db.path, inputs=[plan.path])
        if target is None:
            return
        try:
            write_error_workbook(plan, target)
        except AppError as exc:
            messages.error(self, exc.message, "无法保存错误清单")
            return
        messages.info(self, f"错误清单已保存：{target}\n其中“错误原因”列说明了每一行要改什么。", "已保存")

    def reject(self) -> None:
        if self.busy:  # Esc or the window's close button while working: cancel, close when stopped
            self._close_when_idle = True
            self.cancel_work()
            return
        super().reject()

    def closeEvent(self, event) -> None:
        if self.busy:
            self.reject()
            event.ignore()
            return
        super().closeEvent(event)
