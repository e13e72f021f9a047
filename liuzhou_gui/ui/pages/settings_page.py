"""设置: bureau and 填报人, the bureau's seal image, campaign years, backups, 关于."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import AppError
from ...domain.reference import DISTRICTS
from ...domain.stages import STAGES
from ...operations import Changes, Outcome
from ...operations import settings as settings_ops
from ...services import installation
from ...services.district_settings import city_seal_path
from ...services.trust.key_files import trusted_rows
from ...services.trust.policy import own_key
from ...storage.database import Database
from ...storage.lookups import campaign_for_year, campaign_years, district_by_name
from ...storage.paths import seals_dir
from ...storage.trusted_keys import CITY, party_label
from .. import messages
from ..dialogs.about_dialog import AboutDialog
from ..dialogs.file_choice import open_file
from ..dialogs.first_start_dialog import FirstStartDialog
from ..runner import broadcast, change_notice
from ..widgets.qt_dates import date_edit, py_date
from .backups_panel import BackupsPanel
from .shared_database_panel import SharedDatabasePanel

CITY_SEAL_CHOICE = "柳州市卫生健康委员会（市卫健委的表）"


class SettingsPage(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        who = QGroupBox("所属单位与填报人")
        form = QFormLayout(who)
        self.bureau_label, self.reporter_label, self.phone_label = QLabel(), QLabel(), QLabel()
        form.addRow("所属单位：", self.bureau_label)
        form.addRow("填报人：", self.reporter_label)
        form.addRow("联系电话：", self.phone_label)
        change = QPushButton("修改(&M)…")
        change.setMaximumWidth(160)
        change.clicked.connect(self.change_installation)
        form.addRow("", change)

        seal = QGroupBox("公章图片（打印报表时盖在“（盖章）”处）")
        seal_layout = QHBoxLayout(seal)
        self.seal_district = QComboBox()
        self.seal_district.addItems([d.name for d in DISTRICTS] + [CITY_SEAL_CHOICE])
        self.seal_district.currentTextChanged.connect(self._show_seal)
        self.seal_preview = QLabel("未设置")
        self.seal_preview.setFixedSize(140, 140)
        self.seal_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.seal_preview.setStyleSheet("border: 1px solid #bbb; background: white;")
        choose = QPushButton("选择公章图片(&S)…")
        choose.clicked.connect(self.choose_seal)
        column = QVBoxLayout()
        column.addWidget(self.seal_district)
        column.addWidget(choose)
        column.addStretch(1)
        seal_layout.addLayout(column)
        seal_layout.addWidget(self.seal_preview)
        seal_layout.addStretch(1)

        years = QGroupBox("活动年度")
        years_outer = QVBoxLayout(years)
        years_layout = QHBoxLayout()
        self.years_label = QLabel()
        self.new_year = QSpinBox(minimum=2000, maximum=2100)
        add = QPushButton("新增年度（沿用上一年度的计划和名额）(&A)")
        add.clicked.connect(lambda: self.add_year(self.new_year.value()))
        years_layout.addWidget(self.years_label)
        years_layout.addStretch(1)
        years_layout.addWidget(self.new_year)
        years_layout.addWidget(add)
        years_outer.addLayout(years_layout)
        # Each year's stage deadlines: the plan's by default, moved when a year's plan moves them.
        deadlines = QHBoxLayout()
        self.deadline_year = QComboBox()
        self.deadline_year.currentIndexChanged.connect(lambda _i: self._show_deadlines())
        self.deadline_edits = {stage.code: date_edit() for stage in STAGES}
        deadlines.addWidget(QLabel("截止日期："))
        deadlines.addWidget(self.deadline_year)
        for stage in STAGES:
            deadlines.addWidget(QLabel(stage.short.split("（")[0]))
            deadlines.addWidget(self.deadline_edits[stage.code])
        save_deadlines = QPushButton("保存截止日期")
        save_deadlines.clicked.connect(self.save_deadlines)
        deadlines.addWidget(save_deadlines)
        deadlines.addStretch(1)
        years_outer.addLayout(deadlines)

        signing = QGroupBox("本机签名密钥（完整性签名，非法定电子印章）")
        signing_layout = QVBoxLayout(signing)
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint_label.setStyleSheet("font-size: 15px; font-family: monospace;")
        self.trusted_label = QLabel()
        self.trusted_label.setWordWrap(True)
        signing_layout.addWidget(self.fingerprint_label)
        signing_layout.addWidget(self.trusted_label)

        self.backups = BackupsPanel(db, self)
        about = QPushButton("关于本软件(&I)…")
        about.setToolTip("版本、数据文件夹和日志文件（F1）")
        about.clicked.connect(self.show_about)
        about_row = QHBoxLayout()
        about_row.addStretch(1)
        about_row.addWidget(about)

        # The page is taller than a 1366×768 laptop's window: it scrolls instead of pushing the
        # window's minimum height past the screen.
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(who)
        layout.addWidget(seal)
        layout.addWidget(years)
        self.shared_database = SharedDatabasePanel(self)
        keys_and_server = QHBoxLayout()
        keys_and_server.addWidget(signing, 1)
        keys_and_server.addWidget(self.shared_database, 1)
        layout.addLayout(keys_and_server)
        layout.addWidget(self.backups, 1)
        layout.addLayout(about_row)
        scroll = QScrollArea(self)
        scroll.setObjectName("settingsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.reload()
        change_notice().changed.connect(self._on_changes)

    def _on_changes(self, changes: Changes) -> None:
        if changes & (Changes.SETTINGS | Changes.CAMPAIGN | Changes.PACKAGES):
            self.reload()

    def reload(self) -> None:
        with self.db.session() as session:
            current = installation.load(session)
            years = campaign_years(session)
        if current is not None:
            self.bureau_label.setText(current.bureau)
            self.reporter_label.setText(current.reporter)
            self.phone_label.setText(current.reporter_phone)
            self.seal_district.setCurrentText(current.district or CITY_SEAL_CHOICE)
            self.seal_district.setEnabled(current.is_city)
        self.years_label.setText("已有年度：" + "、".join(str(y) for y in years))
        self.new_year.setValue((max(years) + 1) if years else 2025)
        self._show_seal(self.seal_district.currentText())
        self.deadline_year.blockSignals(True)
        self.deadline_year.clear()
        for year in years:
            self.deadline_year.addItem(f"{year} 年度", year)
        self.deadline_year.setCurrentIndex(len(years) - 1)
        self.deadline_year.blockSignals(False)
        self._show_deadlines()
        self._show_keys(current is not None and current.is_city)

    def _show_keys(self, is_city: bool) -> None:
        try:
            key = own_key(self.db)
            rows = trusted_rows(self.db)
        except AppError as exc:
            self.fingerprint_label.setText(exc.message)
            self.trusted_label.setText("")
            return
        self.fingerprint_label.setText(f"指纹：{key.fingerprint}")
        city = next((r for r in rows if r["party"] == party_label(CITY)), None)
        lines = ["报送包、下发包和盖章的 PDF 表格都用这把密钥签名；指纹印在每张盖章表格的下方，供对方核对。"]
        if not is_city:
            lines.append(f"已登记的市卫健委密钥：{city['fingerprint']}" if city else "尚未登记市卫健委的密钥"
                         "（收到第一个下发包时登记；在此之前报送包不加密，也不带银行卡号）。")
        districts = [r for r in rows if r is not city]
        if districts:
            lines.append(f"已登记 {len(districts)} 个县区的密钥。")
        self.trusted_label.setText("\n".join(lines))

    def _show_deadlines(self) -> None:
        year = self.deadline_year.currentData()
        if year is None:
            return
        with self.db.session() as session:
            campaign = campaign_for_year(session, year)
            for stage in STAGES:
                due = getattr(campaign, stage.deadline_field)
                self.deadline_edits[stage.code].setDate(QDate(due.year, due.month, due.day))

    def save_deadlines(self) -> bool:
        year = self.deadline_year.currentData()
        wanted = {code: py_date(edit.date()) for code, edit in self.deadline_edits.items()}
        try:
            outcome = settings_ops.set_deadlines(self.db, year, wanted)
        except AppError as exc:
            messages.error(self, exc.message, "未能保存截止日期")
            self._show_deadlines()
            return False
        broadcast(outcome.changes)  # the 工作台 and 报送情况 count days against them
        messages.info(self, f"已保存 {year} 年度的截止日期。" if outcome.value else "截止日期没有变化。")
        return True

    def change_installation(self) -> None:
        FirstStartDialog(self.db, self).exec()  # its save broadcasts SETTINGS: this page and the window read again

    def show_about(self) -> None:
        AboutDialog(self.db.path, self, server=self.db.location.display if self.db.is_server else None).exec()

    # --- seal -------------------------------------------------------------------------------
    def choose_seal(self) -> None:
        path = open_file(self, "选择公章图片", "图片 (*.png *.jpg *.jpeg)", kind="seal")
        if path is not None:
            self.set_seal(self.seal_district.currentText(), path)

    def set_seal(self, district: str, source: Path) -> bool:
        """The services check the image (PNG/JPEG), copy it beside the database and record it."""
        outcome: Outcome[Path | None] | Outcome[None]
        try:
            if district == CITY_SEAL_CHOICE:
                outcome = settings_ops.set_city_seal(self.db, source)
            else:
                outcome = settings_ops.set_seal(self.db, district, source)
        except AppError as exc:
            messages.warning(self, exc.message, "无法使用这张图片")
            return False
        broadcast(outcome.changes)
        self._show_seal(district)
        return True

    def _show_seal(self, district: str) -> None:
        if district == CITY_SEAL_CHOICE:
            path = city_seal_path(self.db)
            image = QPixmap(str(path)) if path else QPixmap()
        else:
            with self.db.session() as session:
                name = district_by_name(session, district).seal_file
            image = QPixmap(str(seals_dir(self.db.path) / name)) if name else QPixmap()
        if image.isNull():
            self.seal_preview.setPixmap(QPixmap())
            self.seal_preview.setText("未设置")
        else:
            self.seal_preview.setPixmap(image.scaled(130, 130, Qt.AspectRatioMode.KeepAspectRatio,
                                                     Qt.TransformationMode.SmoothTransformation))

    # --- years --------------------------------------------------------------------------------
    def add_year(self, year: int) -> bool:
        try:
            outcome = settings_ops.add_year(self.db, year)
        except AppError as exc:
            messages.error(self, exc.message, "无法新增年度")
            return False
        broadcast(outcome.changes)  # the window's year list, this page's "已有年度"
        messages.info(self, f"已新增 {year} 年度，计划和补助名额沿用上一年度，可在报表中核对。")
        return True
