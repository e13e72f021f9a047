"""数据交换: Excel import and templates for each kind; the 报送包 per stage (district submits, city imports and
reviews); the 下发包 (city writes, district applies)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
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

from ...operations import Changes
from ...services.exchange.package_import import received_packages
from ...services.importing.kinds import KINDS
from ...services.installation import Installation
from ...storage.database import Database
from .. import messages
from ..dialogs.package_dialogs import PackageActions, is_package
from ..runner import change_notice
from .directive_actions import DirectiveActions, is_directive
from .import_actions import import_buttons
from .review_panel import ReviewPanel
from .submit_panel import SubmitPanel

RECEIVED_HEADERS = ("县区", "年度", "生成时间", "导入时间", "单位", "专家", "活动", "文件")


def package_paths(mime: QMimeData) -> list[Path]:
    """The 报送包 and 下发包 files among dropped URLs."""
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [path for path in paths if is_package(path) or is_directive(path)]


class ExchangePage(QWidget):
    def __init__(self, db: Database, year: Callable[[], int], setup: Callable[[], Installation],
                 parent: QWidget | None = None, *, now: Callable[[], datetime] = datetime.now) -> None:
        super().__init__(parent)
        self.db = db
        self.year = year
        self.setup = setup
        self.now = now
        self.packages = PackageActions(db, self)
        self.directives = DirectiveActions(db, self, now=now)
        self._build()
        self.reload()
        change_notice().changed.connect(self._on_changes)

    def _build(self) -> None:
        excel = QGroupBox("从 Excel 导入")
        grid = QGridLayout(excel)
        home = lambda: self.setup().district  # noqa: E731 - read at call time: 设置 can change it
        for row, kind in enumerate(KINDS.values()):
            grid.addWidget(QLabel(f"{kind.label}："), row, 0)
            for column, button in enumerate(import_buttons(self, self.db, kind.name, home)):
                grid.addWidget(button, row, column + 1)
        hint = QLabel("导入前会逐行检查，有任何错误都不会导入；"
                      "可把出错的行连同“错误原因”另存为 Excel，发给填报单位修改。")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        grid.addWidget(hint, len(KINDS), 0, 1, 4)
        grid.setColumnStretch(3, 1)

        self.district_box = QWidget()
        district_layout = QVBoxLayout(self.district_box)
        district_layout.setContentsMargins(0, 0, 0, 0)
        self.submit_panel = SubmitPanel(self.db, self.year, lambda: self.setup().district, now=self.now)
        full = QGroupBox("完整报送包（不计为任何环节的报送）")
        full_layout = QVBoxLayout(full)
        self.district_label = QLabel()
        self.district_label.setWordWrap(True)
        self.export_button = QPushButton("生成报送包(&P)…")
        self.export_button.clicked.connect(self.export_package)
        full_layout.addWidget(self.district_label)
        full_layout.addLayout(self._left(self.export_button))
        down = QGroupBox("市卫健委下发包")
        down_layout = QVBoxLayout(down)
        down_hint = QLabel("导入市卫健委发来的下发包（.lzxf，也可拖到本窗口上）：本年度计划、补助名额、截止日期、"
                           "专家联系方式和对本县区报送的审核结果。应用前会列出所有改动；本县区自己填写的内容不会被改动。")
        down_hint.setWordWrap(True)
        self.directive_button = QPushButton("导入下发包(&D)…")
        self.directive_button.clicked.connect(self.directives.choose_and_import)
        down_layout.addWidget(down_hint)
        down_layout.addLayout(self._left(self.directive_button))
        district_layout.addWidget(self.submit_panel, 1)
        district_layout.addWidget(full)
        district_layout.addWidget(down)

        self.city_box = QGroupBox("县区报送包")
        city_layout = QVBoxLayout(self.city_box)
        city_hint = QLabel("导入县区交来的报送包文件（.lzbs），也可以把文件直接拖到本窗口上。"
                           "导入前会核对校验码；同一县区同一年度的数据会被整体替换。")
        city_hint.setWordWrap(True)
        self.import_button = QPushButton("导入报送包(&I)…")
        self.import_button.clicked.connect(self.packages.choose_and_import)
        self.received = QTableWidget(0, len(RECEIVED_HEADERS))
        self.received.setHorizontalHeaderLabels(RECEIVED_HEADERS)
        self.received.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.received.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.received.verticalHeader().hide()
        self.received.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.received.horizontalHeader().setStretchLastSection(True)
        self.received_label = QLabel()
        city_layout.addWidget(city_hint)
        city_layout.addLayout(self._left(self.import_button))
        city_layout.addWidget(self.received_label)
        city_layout.addWidget(self.received, 1)
        self.review_panel = ReviewPanel(self.db, self.year, now=self.now)
        self.review_panel.directive_button.clicked.connect(lambda: self.directives.export(self.year()))

        layout = QVBoxLayout(self)
        layout.addWidget(excel)
        layout.addWidget(self.district_box, 2)
        layout.addWidget(self.review_panel, 2)
        layout.addWidget(self.city_box, 1)

    @staticmethod
    def _left(button: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(button)
        row.addStretch(1)
        return row

    def reload(self) -> None:
        """Show the district's or the city's part, for the window's year."""
        setup = self.setup()
        self.district_box.setVisible(not setup.is_city)
        self.city_box.setVisible(setup.is_city)
        self.review_panel.setVisible(setup.is_city)
        if not setup.is_city:
            self.district_label.setText(
                f"把{setup.district} {self.year()} 年度的全部数据，连同盖章的附件2、3、5、6，"
                "生成一个报送包文件（.lzbs）。市卫健委导入后数据随之更新，但这不算任何一个环节的报送；"
                "按期报送请用上面的“查看并报送”。"
            )
            self.submit_panel.reload()
        else:
            self.reload_received()
            self.review_panel.reload()

    def reload_received(self) -> None:
        rows = received_packages(self.db)
        self.received.setRowCount(len(rows))
        for index, row in enumerate(rows):
            counts = row["counts"]
            values = (
                row["district"], str(row["year"]), f"{row['created_at']:%Y-%m-%d %H:%M}",
                f"{row['received_at']:%Y-%m-%d %H:%M}", str(counts.get("units", 0)), str(counts.get("experts", 0)),
                str(counts.get("sessions", 0)), row["file_name"] or "",
            )
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if 4 <= column <= 6:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.received.setItem(index, column, item)
        title = f"已导入的报送包（{len(rows)} 个，最新的在前）：" if rows else "还没有导入过报送包。"
        self.received_label.setText(title)

    # --- actions ------------------------------------------------------------------------------
    def export_package(self) -> None:
        district = self.setup().district
        if district is None:
            messages.info(self, "报送包由县区卫生健康局生成；市卫健委在这里导入县区交来的报送包。")
            return
        self.packages.export(district, self.year())

    def import_dropped(self, paths: list[Path]) -> None:
        """A 报送包 (city) or a 下发包 (district) dropped on the window."""
        if len(paths) == 1 and is_directive(paths[0]):
            if self.setup().is_city:
                messages.warning(self, "下发包由县区卫生健康局导入；市卫健委在这里生成下发包。")
                return
            self.directives.import_file(paths[0])
            return
        if not self.setup().is_city:
            messages.warning(self, "报送包由市卫健委导入。本软件属于" + self.setup().bureau + "，不能导入报送包。")
            return
        if len(paths) > 1:
            messages.info(self, "请一次拖入一个报送包。")
            return
        self.packages.import_file(paths[0])

    def _on_changes(self, changes: Changes) -> None:
        if changes & Changes.SETTINGS:  # the bureau changed: the district's or the city's part
            self.reload()
            return
        if changes & Changes.PACKAGES and self.setup().is_city:
            self.reload_received()
        if changes & (Changes.SUBMISSIONS | Changes.CAMPAIGN):
            if self.setup().is_city:
                self.review_panel.reload()
            else:
                self.submit_panel.reload()
