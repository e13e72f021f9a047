"""A searchable multi-pick list: a filter box (text or pinyin initials) over check-box items."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ...domain.search import search_key

ID_ROLE = Qt.ItemDataRole.UserRole
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class MultiPick(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter_edit = QLineEdit(self, placeholderText="输入名称或拼音首字母筛选", clearButtonEnabled=True)
        self.list = QListWidget(self)
        self.count_label = QLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list)
        layout.addWidget(self.count_label)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.list.itemChanged.connect(self._item_changed)
        self._update_count()

    def set_items(self, items: list[tuple[int, str, str]], checked: list[int] | None = None) -> None:
        """items: (id, shown text, search key or '' to compute one), in the order to show."""
        keep = set(self.checked_ids() if checked is None else checked)
        self.list.blockSignals(True)
        self.list.clear()
        # Already chosen entries first, so an opened record shows what it has without scrolling.
        for item_id, text, key in sorted(items, key=lambda entry: entry[0] not in keep):
            item = QListWidgetItem(text, self.list)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked if item_id in keep else Qt.CheckState.Unchecked)
            item.setData(ID_ROLE, item_id)
            item.setData(KEY_ROLE, (key or search_key(text)) + text.lower())
        self.list.blockSignals(False)
        self._apply_filter(self.filter_edit.text())
        self._update_count()

    def checked_ids(self) -> list[int]:
        return [
            self.list.item(i).data(ID_ROLE) for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, ids: list[int]) -> None:
        wanted = set(ids)
        self.list.blockSignals(True)
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(ID_ROLE) in wanted else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self._update_count()

    def _apply_filter(self, text: str) -> None:
        needle = "".join(text.lower().split())
        for i in range(self.list.count()):
            item = self.list.item(i)
            self.list.setRowHidden(i, bool(needle) and needle not in item.data(KEY_ROLE))

    def _item_changed(self, _item: QListWidgetItem) -> None:
        self._update_count()
        self.changed.emit()

    def _update_count(self) -> None:
        self.count_label.setText(f"已选 {len(self.checked_ids())} 项，共 {self.list.count()} 项")
