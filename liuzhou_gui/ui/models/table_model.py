"""A read-only table model over a list query, fetched in batches (it never holds the truth).

The query (storage.listing: columns, filters as WHERE clauses, pages) is Qt-free; the model counts
the matching rows once and fetches the visible rows page by page as the view scrolls
(canFetchMore/fetchMore). Subclasses only name their query class.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from ...storage.database import Database
from ...storage.listing import Column, ListQuery, RowView, text_or_blank

BATCH_SIZE = 200
ID_ROLE = Qt.ItemDataRole.UserRole

Index = QModelIndex | QPersistentModelIndex


class QueryTableModel(QAbstractTableModel):
    """Base of the expert, unit and lecture list models."""

    count_changed = Signal(int)
    query_class: type[ListQuery] = ListQuery

    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self.query = self.query_class()
        self.sort_column = 0
        self.sort_order = Qt.SortOrder.AscendingOrder
        self._rows: list[Any] = []
        self._extra: dict[int, dict[str, str]] = {}
        self.total = 0
        self.loaded = False  # nothing is queried before the first set_filters

    @property
    def columns(self) -> Sequence[Column]:
        return self.query.columns

    @property
    def filters(self) -> dict[str, Any]:
        return self.query.filters

    # --- loading ------------------------------------------------------------------------------
    def set_filters(self, **filters: Any) -> None:
        self.query.filters = filters
        self.loaded = True
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows, self._extra = [], {}
        with self.db.session() as session:
            first = self._load_batch(session)
            # A short first batch is the whole answer: the count query (a second scan) is not needed.
            self.total = len(first) if len(first) < BATCH_SIZE else self.query.count(session)
        self.endResetModel()
        self.count_changed.emit(self.total)

    def _page(self, session, offset: int) -> list[Any]:
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        return self.query.fetch_page(session, offset, BATCH_SIZE, self.sort_column, descending)

    def _load_batch(self, session) -> list[Any]:
        rows = self._page(session, len(self._rows))
        self._extra.update(self.query.extra_values(session, [r[0] for r in rows]))
        self._rows.extend(rows)
        return rows

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's own signature
        return not parent.isValid() and len(self._rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        with self.db.session() as session:
            rows = self._page(session, len(self._rows))
            if not rows:
                self.total = len(self._rows)
                return
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
            self._extra.update(self.query.extra_values(session, [r[0] for r in rows]))
            self._rows.extend(rows)
            self.endInsertRows()

    # --- Qt model interface ----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.show(RowView(row, self._extra.get(row[0], {})))
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return row[0]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].header
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self.columns):
            self.sort_column, self.sort_order = column, order
            if self.loaded:
                self.refresh()

    def id_at(self, row: int) -> int | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def row_of_id(self, record_id: int) -> int | None:
        for number, row in enumerate(self._rows):
            if row[0] == record_id:
                return number
        return None


__all__ = ["BATCH_SIZE", "Column", "QueryTableModel", "RowView", "text_or_blank"]
