"""Table models over an import plan: the file's rows (rows in error tinted) and the error list."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ...domain.cards import mask_bank_card
from ...services.importing.plan import ImportPlan

ROW_ERROR = QColor("#fde2e2")
CELL_ERROR = QColor("#f4a6a6")
DUPLICATE = QColor("#fff2cc")

Index = QModelIndex | QPersistentModelIndex


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ") if hasattr(value, "hour") and hasattr(value, "day") else value.isoformat()
    return str(value)


class PlanRowsModel(QAbstractTableModel):
    """行号 and the file's own columns; a row in error is tinted, its faulty cells darker."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.plan: ImportPlan | None = None
        self._reasons: dict[int, list[str]] = {}
        self._bad_cells: dict[int, set[int]] = {}

    def set_plan(self, plan: ImportPlan | None) -> None:
        self.beginResetModel()
        self.plan = plan
        self._reasons = defaultdict(list)
        self._bad_cells = defaultdict(set)
        if plan is not None:
            index_of_title = {plan.kind.title_of(key): index for key, index in plan.sheet.columns.items()}
            for error in plan.errors:
                self._reasons[error.row].append((f"【{error.column}】" if error.column else "") + error.message)
                if error.column in index_of_title:
                    self._bad_cells[error.row].add(index_of_title[error.column])
        self.endResetModel()

    def error_rows(self) -> set[int]:
        return set(self._reasons)

    def row_of_number(self, number: int) -> int | None:
        if self.plan is None:
            return None
        for row, (line, _values) in enumerate(self.plan.sheet.rows):
            if line == number:
                return row
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() or self.plan is None else len(self.plan.sheet.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.plan is None else len(self.plan.sheet.headers) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal or self.plan is None:
            return None
        return "行号" if section == 0 else (self.plan.sheet.headers[section - 1] or "")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.plan is None:
            return None
        number, values = self.plan.sheet.rows[index.row()]
        column = index.column() - 1
        if role == Qt.ItemDataRole.DisplayRole:
            if column < 0:
                return str(number)
            text = _shown(values[column]) if column < len(values) else ""
            # Card numbers masked here as everywhere: the user's own file still has them in full.
            return mask_bank_card(text) if column == self.plan.sheet.columns.get("bank_card") else text
        if role == Qt.ItemDataRole.BackgroundRole:
            if number in self._reasons:
                return CELL_ERROR if column in self._bad_cells.get(number, ()) else ROW_ERROR
            if number in self.plan.duplicates:
                return DUPLICATE
        if role == Qt.ItemDataRole.ToolTipRole:
            if number in self._reasons:
                return "\n".join(self._reasons[number])
            if number in self.plan.duplicates:
                return "与已有记录相同"
        return None


class PlanErrorsModel(QAbstractTableModel):
    HEADERS = ("行号", "列", "原因")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.errors: list = []

    def set_plan(self, plan: ImportPlan | None) -> None:
        self.beginResetModel()
        self.errors = list(plan.errors) if plan is not None else []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.errors)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        error = self.errors[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (str(error.row), error.column, error.message)[index.column()]
        return None
