"""The main window: navigation, pages, status bar with the database file and the campaign year."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..operations import Changes
from ..operations import settings as settings_ops
from ..services import installation
from ..storage.campaigns import pending_new_year
from ..storage.database import Database
from ..storage.lookups import campaign_years
from . import messages
from .pages.audit_page import AuditPage
from .pages.exchange_page import ExchangePage, package_paths
from .pages.list_page import ListPage
from .pages.list_pages import expert_page, lecture_page, unit_page
from .pages.settings_page import SettingsPage
from .pages.submissions_page import SubmissionsPage
from .pages.workbench_page import WorkbenchPage
from .resources import app_icon
from .runner import ChangeWatch, broadcast, change_notice
from .settings import view_settings
from .widgets.card_notice import CardKeyBanner


def reports_available() -> bool:
    """The 报表 page needs both the report writers and its own page module."""
    try:
        return all(importlib.util.find_spec(name) is not None
                   for name in ("liuzhou_gui.services.reports.export", "liuzhou_gui.ui.pages.reports_page"))
    except ModuleNotFoundError:
        return False


class MainWindow(QMainWindow):
    def __init__(self, db: Database, setup: installation.Installation, *,
                 now: Callable[[], datetime] = datetime.now) -> None:
        super().__init__()
        self.db = db
        self.setup = setup
        self.now = now  # the clock every stage state is judged by; tests set it
        self.setWindowTitle("柳州市“十百千”职业健康科普宣传活动管理")
        self.setWindowIcon(app_icon())
        with db.session() as session:
            self.years = campaign_years(session)
        settings = view_settings()
        saved_year = settings.value("window/year")
        self.year = int(saved_year) if saved_year and int(saved_year) in self.years else self.years[-1]

        self.nav = QListWidget()
        self.nav.setFixedWidth(130)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setStyleSheet("QListWidget { font-size: 15px; } QListWidget::item { padding: 10px 8px; }")
        self.stack = QStackedWidget()
        self.workbench = WorkbenchPage(db, today=lambda: self.now().date())
        home = lambda: self.setup.district  # noqa: E731 - read at call time: 设置 can change it
        self.experts = expert_page(db, home, self)
        self.units = unit_page(db, home, self)
        self.lectures = lecture_page(db, lambda: self.year, home, self)
        self.settings_page = SettingsPage(db)
        pages: list[tuple[str, QWidget]] = [
            ("工作台", self.workbench), ("专家", self.experts), ("五进单位", self.units),
            ("科普活动", self.lectures),
        ]
        self.reports = None
        if reports_available():
            from .pages.reports_page import ReportsPage

            self.reports = ReportsPage(db, lambda: self.year, home)
            pages.append(("报表", self.reports))
        self.exchange = ExchangePage(db, lambda: self.year, lambda: self.setup, now=self.now)
        pages.append(("数据交换", self.exchange))
        self.submissions = SubmissionsPage(db, lambda: self.year, today=lambda: self.now().date())
        pages.append(("报送情况", self.submissions))
        self.audit_page = AuditPage(db)
        pages.append(("操作记录", self.audit_page))
        pages.append(("设置", self.settings_page))
        for title, page in pages:
            self.nav.addItem(title)
            self.stack.addWidget(page)
        self._show_city_pages()
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        for number in range(len(pages)):
            QShortcut(QKeySequence(f"Ctrl+{number + 1}"), self, lambda n=number: self.nav.setCurrentRow(n))

        central = QWidget()
        outer = QVBoxLayout(central)
        self.card_banner = CardKeyBanner(db)  # bank card numbers this PC cannot decrypt
        outer.addWidget(self.card_banner)
        layout = QHBoxLayout()
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        outer.addLayout(layout, 1)
        self.setCentralWidget(central)
        self._build_status_bar()

        # Each page refreshes itself from the change notice; the window keeps what it shows itself
        # (years, bureau, 工作台) and the 报表 preview, which depends on the window's year.
        change_notice().changed.connect(self._on_changes)
        self.change_watch = ChangeWatch(db, self)  # other clerks' saves refresh the pages too
        self.setAcceptDrops(True)  # a 报送包 dropped on the window is imported (数据交换)
        self.settings_page.backups.notice.connect(self.show_notice)
        QShortcut(QKeySequence(Qt.Key.Key_F1), self, self.settings_page.show_about)
        self._apply_home_district_defaults()
        self._restore_window()
        self.experts.apply_filters()
        self.units.apply_filters()
        self.lectures.set_fixed(year=self.year)
        self.refresh_workbench()

    @property
    def list_pages(self) -> list[ListPage]:
        return [self.experts, self.units, self.lectures]

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.bureau_label = QLabel()
        self.db_label = QLabel(f"数据库：{self.db.location.display}")  # a file, or the server (no password)
        self.year_combo = QComboBox()
        self.year_combo.setToolTip("切换活动年度")
        for year in self.years:
            self.year_combo.addItem(f"{year} 年度", year)
        self.year_combo.setCurrentIndex(self.years.index(self.year))
        self.year_combo.currentIndexChanged.connect(lambda _i: self.set_year(self.year_combo.currentData()))
        bar.addWidget(self.bureau_label)
        bar.addWidget(self.db_label, 1)
        self.notice_label = QLabel()  # the daily backup's outcome; a failure stays until replaced
        bar.addPermanentWidget(self.notice_label)
        bar.addPermanentWidget(QLabel("活动年度："))
        bar.addPermanentWidget(self.year_combo)
        self._show_bureau()

    def _show_bureau(self) -> None:
        self.bureau_label.setText(f"{self.setup.bureau}　填报人：{self.setup.reporter}")

    def offer_new_year(self) -> int | None:
        """Once per calendar year without a campaign: start it from last year's plan, or wait for the city's
        下发包 (which brings the year with it). Returns the year started."""
        with self.db.session() as session:
            year = pending_new_year(session, self.now().date())
        if year is None:
            return None
        last = self.years[-1]
        who = "" if self.setup.is_city else "，或者等市卫健委的下发包（导入后自动建立新年度并带来市里的计划和截止日期）"
        start = messages.ask(
            self, f"今天已是 {year} 年，软件里还没有 {year} 年度的活动（现在显示的是 {last} 年度）。\n\n"
                  f"要按 {last} 年度的计划开始 {year} 年度吗？计划场次和补助名额照搬，截止日期按方案顺延到 {year} 年，"
                  f"以后可在“设置”中修改{who}。\n\n选“否”则暂不新建，本提示不再出现。",
            f"开始 {year} 年度", default=self.setup.is_city)
        outcome = settings_ops.answer_new_year(self.db, year, start, last)
        broadcast(outcome.changes)  # a year added: the window's year list switches to it
        if not start:
            return None
        self.show_notice(f"已开始 {year} 年度（按 {last} 年度的计划）。", 8000)
        return year

    def _show_city_pages(self) -> None:
        """报送情况 is the city office's page."""
        row = self.stack.indexOf(self.submissions)
        self.nav.item(row).setHidden(not self.setup.is_city)
        if self.setup.is_city:
            self.submissions.reload()

    def _show_year(self) -> None:
        """The year in use, always in sight: in the title as well as the status bar."""
        self.setWindowTitle(f"柳州市“十百千”职业健康科普宣传活动管理 — {self.year} 年度")

    def _apply_home_district_defaults(self) -> None:
        """A district bureau's lists start on its own district (unless the user chose otherwise)."""
        district = self.setup.district
        settings = view_settings()
        for page in self.list_pages:
            if district and not settings.contains(f"lists/{page.spec.name}/filter_district"):
                page.combos["district"].blockSignals(True)
                page.set_filter("district", district)
                page.combos["district"].blockSignals(False)

    def set_year(self, year: int) -> None:
        if year == self.year or year not in self.years:
            return
        self.year = year
        self.year_combo.setCurrentIndex(self.years.index(year))
        self.lectures.set_fixed(year=year)
        self.exchange.reload()
        self._refresh_reports()
        self.refresh_workbench()

    def refresh_workbench(self) -> None:
        self._show_year()
        if self.setup.is_city:
            self.submissions.reload()
        self.workbench.refresh(self.year, self.setup.district)

    def _on_changes(self, changes: Changes) -> None:
        """What the window itself shows: the bureau, the years, the 工作台 and the 报表 preview."""
        if changes & Changes.SETTINGS:
            self._installation_changed()
        if changes & Changes.CAMPAIGN:
            self._reload_years()
        elif changes & (Changes.RECORDS | Changes.PACKAGES | Changes.SUBMISSIONS):
            self._refresh_reports()
            self.refresh_workbench()
        if changes & Changes.AUDIT and self.audit_page.isVisible():
            self.audit_page.apply_filters()
        if changes & Changes.EXPERTS:  # an import or a restore may bring numbers this PC cannot decrypt
            self.card_banner.refresh()

    def _installation_changed(self) -> None:
        with self.db.session() as session:
            loaded = installation.load(session)
        if loaded is not None:
            self.setup = loaded
        self._show_bureau()
        self._show_city_pages()
        self.exchange.reload()
        self._refresh_reports()
        self.refresh_workbench()

    def _refresh_reports(self) -> None:
        """The 报表 page previews for the window's year and bureau: tell it when they change."""
        if self.reports is not None:
            self.reports.refresh()

    def _reload_years(self) -> None:
        """A year added here or by a 报送包 becomes the window's year; a restore may take years away."""
        with self.db.session() as session:
            years = campaign_years(session)
        added = sorted(set(years) - set(self.years))
        wanted = added[-1] if added else self.year
        self.years = years
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for y in self.years:
            self.year_combo.addItem(f"{y} 年度", y)
        self.year_combo.blockSignals(False)
        self.year = -1
        self.set_year(wanted if wanted in self.years else self.years[-1])

    def show_notice(self, text: str, timeout_ms: int = 0) -> None:
        self.notice_label.setText(text)
        self.notice_label.setStyleSheet("" if timeout_ms else "color: #c62828;")
        if timeout_ms:
            QTimer.singleShot(timeout_ms, self, lambda: self._clear_notice(text))

    def _clear_notice(self, text: str) -> None:
        if self.notice_label.text() == text:  # not a newer notice shown meanwhile
            self.notice_label.clear()

    def _restore_window(self) -> None:
        settings = view_settings()
        geometry = settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        state = settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        page = settings.value("window/page", 0)  # an int, or its text from the settings file
        row = int(page) if isinstance(page, int | str) and str(page).isdigit() else 0
        self.nav.setCurrentRow(row % self.nav.count())

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = view_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/page", self.nav.currentRow())
        settings.setValue("window/year", self.year)
        for page in self.list_pages:
            page.save_state()
        settings.sync()
        self.change_watch.close()
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if package_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = package_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.exchange.import_dropped(paths)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_F5:  # read everything again (another program changed the file)
            change_notice().changed.emit(Changes.DATABASE)
        else:
            super().keyPressEvent(event)
