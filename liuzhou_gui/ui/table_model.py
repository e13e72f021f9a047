"""A read-only table model over a database query, fetched in batches (it never holds the truth).

Subclasses describe their columns (header, SQL sort expression, how to show a row) and turn
the current filters into WHERE clauses. The model counts the matching rows with one query and
fetches the visible rows with LIMIT/OFFSET as the view scrolls (canFetchMore/fetchMore).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..storage.database import Database

BATCH_SIZE = 200
ID_ROLE = Qt.ItemDataRole.UserRole

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    header: str
    sort: Any  # SQL expression for ORDER BY
    show: Callable[[Any], str]  # row → text
    align_right: bool = False


class QueryTableModel(QAbstractTableModel):
    """Base of the expert, unit and session list models."""

    count_changed = Signal(int)
    columns: Sequence[Column] = ()
    id_column: Any = None  # the primary key Column (Model.__table__.c.id), the last sort key

    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self.filters: dict[str, Any] = {}
        self.sort_column = 0
        self.sort_order = Qt.SortOrder.AscendingOrder
        self._rows: list[Any] = []
        self._extra: dict[int, dict[str, str]] = {}
        self.total = 0
        self.loaded = False  # nothing is queried before the first set_filters

    # --- to be provided by subclasses ------------------------------------------------------
    def select_rows(self):
        """A select() of the row columns (the first one the id), joined as needed."""
        raise NotImplementedError

    def where_clauses(self) -> list[Any]:
        raise NotImplementedError

    def count_statement(self):
        """How many rows match; a subclass may count from fewer tables."""
        return select(func.count()).select_from(self.select_rows().where(*self.where_clauses()).subquery())

    def extra_values(self, session: Session, ids: list[int]) -> dict[int, dict[str, str]]:
        """Many-to-many columns (categories, units, lecturers) of the given rows."""
        return {}

    # --- loading ------------------------------------------------------------------------------
    def set_filters(self, **filters: Any) -> None:
        self.filters = filters
        self.loaded = True
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows, self._extra = [], {}
        with self.db.session() as session:
            first = self._load_batch(session)
            # A short first batch is the whole answer: the count query (a second scan) is not needed.
            self.total = len(first) if len(first) < BATCH_SIZE else (session.scalar(self.count_statement()) or 0)
        self.endResetModel()
        self.count_changed.emit(self.total)

    def _ordered(self):
        expression = self.columns[self.sort_column].sort
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        key = expression.desc() if descending else expression.asc()
        tie = self.id_column.desc() if descending else self.id_column.asc()
        return self.select_rows().where(*self.where_clauses()).order_by(key, tie)

    def fetch_page(self, session: Session, offset: int) -> list[Any]:
        """The rows offset … offset + BATCH_SIZE of the current filter and sort."""
        return list(session.execute(self._ordered().limit(BATCH_SIZE).offset(offset)))

    def _load_batch(self, session: Session) -> list[Any]:
        rows = self.fetch_page(session, len(self._rows))
        self._extra.update(self.extra_values(session, [r[0] for r in rows]))
        self._rows.extend(rows)
        return rows

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's own signature
        return not parent.isValid() and len(self._rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        with self.db.session() as session:
            rows = self.fetch_page(session, len(self._rows))
            if not rows:
                self.total = len(self._rows)
                return
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
            self._extra.update(self.extra_values(session, [r[0] for r in rows]))
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


class RowView:
    """A fetched row with its many-to-many texts: row.name, row.extra('categories')."""

    def __init__(self, row: Any, extra: dict[str, str]) -> None:
        self._row = row
        self._extra = extra

    def __getattr__(self, name: str) -> Any:
        return getattr(self._row, name)

    def extra(self, name: str) -> str:
        return self._extra.get(name, "")


def text_or_blank(value: object) -> str:
    return "" if value is None else str(value)
