"""报表: pick an attachment table, district and options; preview it, print it, save it as PDF or Excel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import AppError
from ...domain.reference import DISTRICTS
from ...operations.reports import Preview, preview_report, print_recorded, save_report
from ...operations.yearend import save_photo_appendix, save_summary
from ...services.report_choice import ALL_DISTRICTS, SEALED, ReportChoice, attachment_titles
from ...services.reports.catalog import CARD_TABLES, PDF_ONLY
from ...storage.database import Database
from .. import messages
from ..dialogs.file_choice import checked_output
from ..runner import Runner, broadcast, report_failure
from ..settings import view_settings
from ..widgets.report_preview import ReportPreview
from ..widgets.report_print import ask_and_print

FORMATS = {"pdf": ("保存 PDF", "PDF 文件 (*.pdf)"), "xlsx": ("保存 Excel", "Excel 工作簿 (*.xlsx)")}
FOLDER_KEY = "reports/folder"


class ReportsPage(QWidget):
    rendered = Signal(int)  # pages of a new preview (0: a notice instead of a preview)
    saved = Signal(list)  # the files written

    def __init__(self, db: Database, year_getter: Callable[[], int],
                 home_district_getter: Callable[[], str | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.year_getter = year_getter
        self.home_district_getter = home_district_getter
        self.home: str | None = "?"  # not yet set up: _setup_choices fills the pickers for the real one
        self.preview_runner = Runner(self)
        self.export_runner = Runner(self)
        self._generation = 0  # of the newest preview request; older results are dropped
        self._shown_generation = -1  # of the preview (or notice) on screen
        self.shown_preview: Preview | None = None  # what the preview shows now; saved as it is
        self._build()
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.refresh_preview)
        self._setup_choices()

    # --- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        self.attachment_combo = QComboBox()
        self.district_combo = QComboBox()
        self.year_label = QLabel()
        self.year_label.setToolTip("在窗口右下角切换活动年度")
        what = QGroupBox("报表")
        form = QFormLayout(what)
        form.addRow("表格：", self.attachment_combo)
        form.addRow("县区：", self.district_combo)
        form.addRow("年度：", self.year_label)

        self.seal_check = QCheckBox("加盖公章")
        self.seal_check.setChecked(True)
        self.seal_size = QDoubleSpinBox(minimum=20.0, maximum=80.0, value=42.0, singleStep=1.0, decimals=0,
                                        suffix=" mm")
        self.seal_size.setToolTip("公章直径（实际打印大小）")
        self.draft_check = QCheckBox("草稿水印（不盖章）")
        self.mask_check = QCheckBox("银行卡号脱敏（附件6）")
        self.actuals_check = QCheckBox("附件1 含完成数")
        options = QGroupBox("选项")
        options_layout = QFormLayout(options)
        options_layout.addRow(self.seal_check)
        options_layout.addRow("公章大小：", self.seal_size)
        options_layout.addRow(self.draft_check)
        options_layout.addRow(self.mask_check)
        options_layout.addRow(self.actuals_check)

        self.print_button = QPushButton("打印(&P)…")
        self.save_pdf_button = QPushButton("保存 PDF(&S)…")
        self.save_xlsx_button = QPushButton("保存 Excel(&E)…")
        self.print_button.clicked.connect(self.print_report)
        self.save_pdf_button.clicked.connect(lambda: self.save("pdf"))
        self.save_xlsx_button.clicked.connect(lambda: self.save("xlsx"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #555;")

        side = QVBoxLayout()
        side.addWidget(what)
        side.addWidget(options)
        self.summary_button = QPushButton("工作总结（Word）(&W)…")
        self.summary_button.setToolTip("按本年度数据生成工作总结草稿（.docx），需人工填写处标有【请填写：…】")
        self.summary_button.clicked.connect(self.save_summary)
        self.photos_button = QPushButton("活动图片（PDF）(&T)…")
        self.photos_button.setToolTip("已开展活动的照片：每场活动的日期、地点、主题和单位，每页两张")
        self.photos_button.clicked.connect(self.save_photos)
        for button in (self.print_button, self.save_pdf_button, self.save_xlsx_button, self.summary_button,
                       self.photos_button):
            button.setMinimumHeight(32)
            side.addWidget(button)
        side.addWidget(self.status)
        side.addStretch(1)
        panel = QWidget()
        panel.setLayout(side)
        panel.setFixedWidth(300)

        self.preview = ReportPreview(self)
        layout = QHBoxLayout(self)
        layout.addWidget(panel)
        layout.addWidget(self.preview, 1)

        self.attachment_combo.currentIndexChanged.connect(self._choice_changed)
        self.district_combo.currentIndexChanged.connect(self._choice_changed)
        for check in (self.seal_check, self.draft_check, self.mask_check, self.actuals_check):
            check.toggled.connect(self._choice_changed)
        self.seal_size.valueChanged.connect(self._choice_changed)

    def _setup_choices(self) -> None:
        """Fill the pickers for this installation: a district sees its own district, the city all."""
        home = self.home_district_getter()
        if home == self.home and self.attachment_combo.count():
            return
        self.home = home
        for combo in (self.attachment_combo, self.district_combo):
            combo.blockSignals(True)
            combo.clear()
        for key, title in attachment_titles(city=home is None):
            self.attachment_combo.addItem(title, key)
        if home is None:
            for district in DISTRICTS:
                self.district_combo.addItem(district.name, district.name)
            self.district_combo.addItem("全部县区（每个县区一个文件）", ALL_DISTRICTS)
        else:
            self.district_combo.addItem(home, home)
        for combo in (self.attachment_combo, self.district_combo):
            combo.blockSignals(False)
        self._update_controls()

    def _update_controls(self) -> None:
        choice = self.current_choice()
        self.year_label.setText(f"{choice.year} 年度")
        self.district_combo.setEnabled(choice.per_district and self.home is None)
        sealed = choice.attachment in SEALED
        self.seal_check.setEnabled(sealed and not choice.draft)
        self.seal_size.setEnabled(sealed and choice.use_seal and not choice.draft)
        self.mask_check.setEnabled(choice.attachment in CARD_TABLES)
        self.actuals_check.setEnabled(choice.attachment == 1)
        self.print_button.setEnabled(self.preview.page_count > 0 and choice.previewable)
        self.save_xlsx_button.setEnabled(choice.attachment not in PDF_ONLY)

    # --- the choice -----------------------------------------------------------------------------
    def current_choice(self) -> ReportChoice:
        attachment = self.attachment_combo.currentData()
        return ReportChoice(
            attachment=attachment if attachment is not None else 1,
            district=self.district_combo.currentData(),
            year=self.year_getter(),
            use_seal=self.seal_check.isChecked(),
            draft=self.draft_check.isChecked(),
            mask_cards=self.mask_check.isChecked(),
            seal_size_mm=self.seal_size.value(),
            with_actuals=self.actuals_check.isChecked(),
            city=self.home is None,
        )

    def select(self, attachment: int, district: str | None = None) -> None:
        """Choose a table (and district) as the user would in the pickers."""
        self.attachment_combo.setCurrentIndex(self.attachment_combo.findData(attachment))
        if district is not None:
            self.district_combo.setCurrentIndex(self.district_combo.findData(district))

    def _choice_changed(self) -> None:
        self.shown_preview = None  # never save an older choice's bytes
        self._update_controls()
        self._generation += 1  # a preview being made now is already out of date
        self.status.setText("正在生成预览…")
        self._debounce.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():  # coming back to the page: the year, bureau or data may have changed
            self.refresh()

    def refresh(self) -> None:
        """Re-read the window's year and bureau and redo the preview (when shown; else on the next show)."""
        self.shown_preview = None  # the data or the bureau changed: a save builds the table afresh
        self._setup_choices()
        self._update_controls()
        if self.isVisible():
            self.refresh_preview()

    # --- preview --------------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        """Render the current choice off the GUI thread; only the newest request is shown."""
        self._debounce.stop()
        self._generation += 1
        choice = self.current_choice()
        if not choice.previewable:
            self.preview.show_notice("已选择全部县区：保存时每个县区生成一个文件。\n预览和打印请选择一个县区。")
            self.status.setText("")
            self._update_controls()
            self.rendered.emit(0)
            return
        self.status.setText("正在生成预览…")
        if not self.preview_runner.busy:
            self._start_render()
        # else: _rendered starts the newest request when the running one comes back

    def _start_render(self) -> None:
        generation, choice = self._generation, self.current_choice()
        self.preview_runner.read(
            lambda job: preview_report(self.db, choice, job),
            on_success=lambda result: self._rendered(generation, choice, result),
            on_error=lambda exc: self._render_failed(generation, exc),
            on_done=lambda: self._render_ended(generation), title="生成报表预览时出错",
        )

    def _stale(self, generation: int) -> bool:
        if generation == self._generation:
            return False
        if self.current_choice().previewable:
            self._start_render()
        return True

    def _rendered(self, generation: int, choice: ReportChoice, result: Preview) -> None:
        if generation != self._generation:
            return  # out of date: _render_ended starts the newest
        self.shown_preview = result
        pages = self.preview.show_pdf(result.pdf)
        self.status.setText("\n".join(filter(None, [f"共 {pages} 页" if pages else "", result.hint])))
        self._update_controls()
        self.rendered.emit(pages)
        self._shown_generation = generation

    def _render_failed(self, generation: int, exc: AppError) -> None:
        if generation == self._generation:
            self._show_no_preview(exc.message)
            self._shown_generation = generation

    def _render_ended(self, generation: int) -> None:
        """After every render: start the newest request, or say so when a bug left nothing shown."""
        if self._stale(generation):
            return
        if self._shown_generation != generation:  # a bug: the runner has told the user already
            self._show_no_preview("生成预览时出错，请稍后重试。")

    def _show_no_preview(self, notice: str) -> None:
        self.preview.show_notice(notice)
        self.status.setText("")
        self._update_controls()
        self.rendered.emit(0)

    # --- print ----------------------------------------------------------------------------------
    def print_report(self) -> int:
        if self.preview.page_count == 0:
            return 0
        pages = ask_and_print(self, self.preview.document, self.current_choice().file_stem())
        if pages and self.shown_preview is not None:
            try:
                broadcast(print_recorded(self.db, self.shown_preview).changes)
            except Exception as exc:  # printed, but the 操作记录 entry could not be written: say so
                report_failure(self, exc, "打印记录没有写入")
        return pages

    # --- save -----------------------------------------------------------------------------------
    def _folder(self) -> Path:
        saved = view_settings().value(FOLDER_KEY)
        if saved and Path(str(saved)).is_dir():
            return Path(str(saved))
        return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))

    def save(self, fmt: str) -> None:
        """Ask where (a file, or a folder for 全部县区), then export on the worker with a progress dialog."""
        if self.export_runner.busy:
            return
        choice = self.current_choice()
        title, file_filter = FORMATS[fmt]
        if choice.batch:
            folder = QFileDialog.getExistingDirectory(self, f"{title}：选择保存的文件夹", str(self._folder()))
            if not folder:
                return
            target = Path(folder)
        else:
            stem = choice.file_stem()
            path, _ = QFileDialog.getSaveFileName(self, title, str(self._folder() / f"{stem}.{fmt}"), file_filter)
            if not path:
                return
            target = Path(path)
            if target.suffix.lower() != f".{fmt}":
                target = target.with_name(f"{target.name}.{fmt}")
        view_settings().setValue(FOLDER_KEY, str(target if choice.batch else target.parent))
        # A folder is checked here and each file in it again as it is written (services.reports.export).
        if checked_output(self, self.db.path, target) is None:
            return
        label = f"正在导出全部县区的{self.attachment_combo.currentText()}…" if choice.batch else \
            f"正在导出 {target.name}…"
        preview = self.shown_preview
        self.export_runner.write(lambda job: save_report(self.db, choice, fmt, target, job, preview),
                                 on_success=self._saved, on_error=self._save_failed,
                                 progress=label, cancellable=True, title="无法保存")

    def save_summary(self) -> None:
        """工作总结: the district's (or the city's) draft as a Word file, then an offer to open it."""
        if self.export_runner.busy:
            return
        choice = self.current_choice()
        who = self.home or "全市"
        path, _ = QFileDialog.getSaveFileName(self, "保存工作总结草稿",
                                              str(self._folder() / f"工作总结_{who}_{choice.year}.docx"),
                                              "Word 文档 (*.docx)")
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".docx":
            target = target.with_name(f"{target.name}.docx")
        view_settings().setValue(FOLDER_KEY, str(target.parent))
        if checked_output(self, self.db.path, target) is None:
            return
        home = self.home
        self.export_runner.write(lambda job: save_summary(self.db, home, choice.year, target, job),
                                 on_success=self._summary_saved, progress=f"正在生成 {target.name}…",
                                 title="工作总结没有生成")

    def save_photos(self) -> None:
        """活动图片: the district's (or the whole city's) photos appendix as a PDF, then an offer to open it."""
        if self.export_runner.busy:
            return
        year, who = self.current_choice().year, self.home or "全市"
        path, _ = QFileDialog.getSaveFileName(self, "保存活动图片", str(self._folder() / f"活动图片_{who}_{year}.pdf"),
                                              "PDF 文件 (*.pdf)")
        if not path:
            return
        target = Path(path) if path.lower().endswith(".pdf") else Path(f"{path}.pdf")
        view_settings().setValue(FOLDER_KEY, str(target.parent))
        if checked_output(self, self.db.path, target) is None:
            return
        home = self.home
        self.export_runner.write(lambda job: save_photo_appendix(self.db, home, year, target, job),
                                 on_success=self._summary_saved, progress=f"正在生成 {target.name}…",
                                 title="活动图片没有生成")

    def _summary_saved(self, path: Path) -> None:
        self.status.setText(f"已保存 {path.name}。")
        self.saved.emit([path])
        hint = "\n\n草稿中标有【请填写：…】的地方需要人工填写。" if path.suffix == ".docx" else ""
        if messages.ask(self, f"已保存：\n{path}{hint}\n\n要打开它吗？", "保存完成"):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _saved(self, paths: list[Path]) -> None:
        self.status.setText(f"已保存 {len(paths)} 个文件。")
        self.saved.emit(paths)
        if not paths:
            return
        folder = paths[0].parent
        what = f"已保存：\n{paths[0]}" if len(paths) == 1 else f"已保存 {len(paths)} 个文件到：\n{folder}"
        if messages.ask(self, f"{what}\n\n要打开所在文件夹吗？", "保存完成"):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _save_failed(self, exc: AppError) -> None:
        from ...services.reports.export import ExportCancelled  # loaded by the export that just ran

        if isinstance(exc, ExportCancelled):
            batch = "已写完的县区文件保留在文件夹中。" if self.current_choice().batch else "没有保存文件。"
            self.status.setText(f"已取消导出，{batch}")
        else:
            messages.warning(self, exc.message, "无法保存")
        self.saved.emit([])
