"""工作台: computes the campaign's progress on a worker thread and shows the district or city view."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from ..domain.progress import Progress
from ..storage.database import Database
from ..storage.statistics import campaign_progress
from . import messages
from .city_bench import CityBench
from .district_bench import DistrictBench
from .worker import Worker


def compute_progress(db: Database, year: int, district: str | None, today: date | None = None) -> Progress:
    with db.session() as session:
        city = campaign_progress(session, year, today=today)
    if district is None:
        return city
    return next(p for p in city.districts if p.district == district)


class WorkbenchPage(QWidget):
    refreshed = Signal(object)  # the Progress shown

    def __init__(self, db: Database, parent: QWidget | None = None, *,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today  # the clock, injected so that tests can set the day
        self.progress: Progress | None = None
        self._wanted: tuple[int, str | None] | None = None
        self.worker = Worker(self)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(QLabel("正在统计…"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)

    def refresh(self, year: int, district: str | None) -> None:
        """Recompute off the GUI thread; a request during a computation runs after it."""
        self._wanted = (year, district)
        if not self.worker.busy:
            self._start()

    def _start(self) -> None:
        assert self._wanted is not None
        year, district = self._wanted
        self._wanted = None
        today = self.today()
        self.worker.start(lambda: compute_progress(self.db, year, district, today), self._show, self._failed)

    def _show(self, progress: Progress) -> None:
        if self._wanted is not None:
            self._start()
            return
        self.progress = progress
        view = DistrictBench(progress) if progress.district else CityBench(progress)
        self.scroll.setWidget(view)
        self.refreshed.emit(progress)

    def _failed(self, exc: BaseException, details: str) -> None:
        self.scroll.setWidget(QLabel("统计失败，请稍后重试。"))
        messages.error(self, f"统计工作进度时出错：{exc}", details=details)
        if self._wanted is not None:
            self._start()
