"""Small pieces the work bench is built from: a labelled progress bar, deadlines, shortfalls."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QListWidget, QProgressBar, QWidget

from ...domain.progress import Deadline

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


# Colours of a stage's state: what needs doing stands out, what is done is quiet.
STAGE_COLOURS = {"missing": "#1565c0", "overdue": "#c62828", "returned": "#c62828", "submitted": "#2e7d32",
                 "accepted": "#2e7d32"}


def deadline_text(deadline: Deadline) -> str:
    return f"{deadline.label}：{deadline.due.month}月{deadline.due.day}日前（{deadline.state}）"


def deadlines_label(deadlines: list[Deadline]) -> QLabel:
    """The city's stages: received / on time of the districts, and the countdown."""
    label = QLabel("\n".join(deadline_text(d) for d in deadlines) or "无")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


def stages_grid(deadlines: list[Deadline]) -> QGridLayout:
    """A district's stages, one row each: what is sent, by when, and its state from the submissions."""
    grid = QGridLayout()
    for row, deadline in enumerate(deadlines):
        grid.addWidget(QLabel(f"{deadline.due.month}月{deadline.due.day}日前"), row, 0)
        grid.addWidget(QLabel(deadline.label), row, 1)
        state = QLabel(deadline.state)
        state.setObjectName(f"stage_{deadline.stage}")
        state.setWordWrap(True)
        weight = "bold" if deadline.kind in ("overdue", "returned") else "normal"
        state.setStyleSheet(f"color: {STAGE_COLOURS[deadline.kind]}; font-weight: {weight};")
        grid.addWidget(state, row, 2)
    grid.setColumnStretch(2, 1)
    return grid


def shortfalls_list(lines: list[str], parent: QWidget | None = None) -> QListWidget:
    widget = QListWidget(parent)
    widget.addItems(lines or ["各项指标均已达到计划要求。"])
    widget.setMinimumHeight(90)
    return widget
