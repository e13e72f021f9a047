"""工作台: computes the campaign's progress on a worker thread and shows the district or city view."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from ...domain.errors import AppError
from ...domain.progress import Progress
from ...operations.progress import campaign_progress_for
from ...storage.database import Database
from ..runner import Runner
from .city_bench import CityBench
from .district_bench import DistrictBench


class WorkbenchPage(QWidget):
    refreshed = Signal(object)  # the Progress shown

    def __init__(self, db: Database, parent: QWidget | None = None, *,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today  # the clock, injected so that tests can set the day
        self.progress: Progress | None = None
        self._wanted: tuple[int, str | None] | None = None
        self.runner = Runner(self)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(QLabel("正在统计…"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)

    def refresh(self, year: int, district: str | None) -> None:
        """Recompute off the GUI thread; a request during a computation runs after it."""
        self._wanted = (year, district)
        if not self.runner.busy:
            self._start()

    def _start(self) -> None:
        assert self._wanted is not None
        year, district = self._wanted
        self._wanted = None
        today = self.today()
        self.runner.read(lambda job: campaign_progress_for(self.db, year, district, job, today=today),
                         on_success=self._show, on_error=self._failed, on_done=self._next, title="统计工作进度时出错")

    def _next(self) -> None:
        """A request that came in during the computation (or a failed one): run the newest now."""
        if self._wanted is not None:
            self._start()

    def _show(self, progress: Progress) -> None:
        if self._wanted is not None:
            return  # out of date already: _next computes the newest
        self.progress = progress
        view = DistrictBench(progress) if progress.district else CityBench(progress)
        self.scroll_area.setWidget(view)
        self.refreshed.emit(progress)

    def _failed(self, exc: AppError) -> None:
        self.scroll_area.setWidget(QLabel(f"统计失败：{exc.message}"))
