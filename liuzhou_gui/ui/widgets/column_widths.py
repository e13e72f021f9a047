"""List columns as wide as their content after every refresh, except the ones the user sized.

A column the user drags (or double-clicks) keeps that width, also after the next start (QSettings,
by column title, so a new column in a later version does not shift them). Every other column is
fitted to its header and the loaded rows each time the model is reset: after a save, an import or
显示银行卡号, 单位名称, 联系电话 and card numbers are never cut. Long free text (地址, 备注…) is
capped so it cannot take the whole width; the last column does not stretch for the same reason.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QObject
from PySide6.QtWidgets import QTableView

from ..settings import view_settings

MAX_WIDTH = 420
LONG_TEXT_MAX_WIDTH = 240
LONG_TEXT_TITLES = {"地址", "备注", "主题", "地点", "改动内容", "覆盖单位", "授课专家", "所在单位"}
PADDING = 14
ROWS_MEASURED = 200  # the loaded rows are enough to size a column


class ColumnWidths(QObject):
    def __init__(self, table: QTableView, settings_key: str) -> None:
        super().__init__(table)
        self.table = table
        self.key = settings_key  # e.g. "lists/units/widths"
        self.user: dict[str, int] = {}
        self._fitting = False
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setResizeContentsPrecision(ROWS_MEASURED)
        header.sectionResized.connect(self._resized)
        table.model().modelReset.connect(self.fit)
        self._load()

    def _title(self, column: int) -> str:
        return str(self.table.model().headerData(column, self.table.horizontalHeader().orientation()))

    def _resized(self, column: int, _old: int, new: int) -> None:
        if not self._fitting:
            self.user[self._title(column)] = new

    def fit(self) -> None:
        """Fit every column the user has not sized; apply the user's widths to the others."""
        header = self.table.horizontalHeader()
        self._fitting = True
        try:
            header.setStretchLastSection(False)  # a restored header state may have turned it on
            for column in range(header.count()):
                title = self._title(column)
                if title in self.user:
                    header.resizeSection(column, self.user[title])
                    continue
                content = max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))
                cap = LONG_TEXT_MAX_WIDTH if title in LONG_TEXT_TITLES else MAX_WIDTH
                header.resizeSection(column, min(content + PADDING, max(cap, header.sectionSizeHint(column))))
        finally:
            self._fitting = False

    def restore_header(self, state: object) -> bool:
        """The saved header (sort column, order of columns); its widths are not taken as the user's."""
        self._fitting = True
        try:
            return isinstance(state, QByteArray | bytes) and self.table.horizontalHeader().restoreState(state)
        finally:
            self._fitting = False

    def forget(self) -> None:
        """Back to fitted widths everywhere."""
        self.user.clear()
        self.fit()

    def save(self) -> None:
        view_settings().setValue(self.key, json.dumps(self.user, ensure_ascii=False))

    def _load(self) -> None:
        stored = view_settings().value(self.key)
        try:
            loaded = json.loads(stored) if isinstance(stored, str) else {}
        except ValueError:  # a hand-edited or damaged settings file: fitted widths
            loaded = {}
        if isinstance(loaded, dict):
            self.user = {str(k): int(v) for k, v in loaded.items()
                         if isinstance(v, int) and not isinstance(v, bool) and 20 <= v <= 2000}
