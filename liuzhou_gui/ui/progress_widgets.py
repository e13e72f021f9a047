"""Small pieces the work bench is built from: a labelled progress bar, deadlines, shortfalls."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QListWidget, QProgressBar, QWidget

from ..domain.progress import Deadline

BLUE, GREEN = "#3d85c6", "#2e7d32"
BAR_STYLE = (
    "QProgressBar { border: 1px solid #9e9e9e; border-radius: 3px; background: white; text-align: center;"
    " min-height: 20px; color: %s; } QProgressBar::chunk { background-color: %s; }"
)
# A reached target fills the bar dark green: its text is white (black on #2e7d32 is hard to read).
# A bar still short of its target is mostly white behind the centred text, so that stays dark.
TEXT_ON_FULL, TEXT_ON_PARTIAL = "white", "#212121"


def progress_bar(value: int, target: int, text: str) -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, max(target, 1))
    bar.setValue(min(value, max(target, 1)))
    bar.setFormat(text)
    bar.setTextVisible(True)
    bar.setMinimumWidth(260)
    reached = bool(target) and value >= target
    bar.setStyleSheet(BAR_STYLE % ((TEXT_ON_FULL, GREEN) if reached else (TEXT_ON_PARTIAL, BLUE)))
    return bar


def add_bar_row(grid: QGridLayout, label: str, value: int, target: int, text: str, note: str = "") -> None:
    row = grid.rowCount()
    grid.addWidget(QLabel(label), row, 0)
    grid.addWidget(progress_bar(value, target, text), row, 1)
    grid.addWidget(QLabel(note), row, 2)


def clear_layout(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget() is not None:
            item.widget().deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())


def deadline_text(deadline: Deadline) -> str:
    return f"{deadline.label}：{deadline.due.month}月{deadline.due.day}日（{deadline.state}）"


def deadlines_label(deadlines: list[Deadline]) -> QLabel:
    upcoming = sorted(deadlines, key=lambda d: (d.done, d.days_left < 0, d.due))
    label = QLabel("\n".join(deadline_text(d) for d in upcoming) or "无")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


def shortfalls_list(lines: list[str], parent: QWidget | None = None) -> QListWidget:
    widget = QListWidget(parent)
    widget.addItems(lines or ["各项指标均已达到计划要求。"])
    widget.setMinimumHeight(90)
    return widget
