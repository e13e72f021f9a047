"""Thumbnails of a lecture's photos: files dropped on it are offered for attaching, a double click opens one
large (PhotoViewer). Holds no data of its own: the lecture form fills it from storage.photos."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

THUMB = 120
PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".heic", ".heif", ".jpe"}
PHOTO_ID = Qt.ItemDataRole.UserRole


def pixmap_of(data: bytes) -> QPixmap:
    image = QImage.fromData(data)
    return QPixmap.fromImage(image)


class PhotoStrip(QListWidget):
    files_dropped = Signal(list)  # list[Path]
    open_requested = Signal(int)  # photo id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setMinimumHeight(THUMB + 50)
        self.setAcceptDrops(True)
        self.setDragDropMode(QListWidget.DragDropMode.DropOnly)
        self.setWordWrap(True)
        self.itemDoubleClicked.connect(lambda item: self.open_requested.emit(item.data(PHOTO_ID)))

    def show_photos(self, photos: list[tuple[int, bytes, str]]) -> None:
        """(id, JPEG bytes, caption) each; the thumbnail is scaled here, the data stays in the database."""
        self.clear()
        for photo_id, data, caption in photos:
            thumb = pixmap_of(data).scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation)
            item = QListWidgetItem(QIcon(thumb), caption or "（无说明）")
            item.setData(PHOTO_ID, photo_id)
            item.setToolTip(caption or "双击查看大图")
            self.addItem(item)

    def selected_id(self) -> int | None:
        item: QListWidgetItem | None = self.currentItem()  # None while nothing is selected (the stubs say never)
        return None if item is None else item.data(PHOTO_ID)

    @staticmethod
    def _paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        if not event.mimeData().hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(p.suffix.lower() in PHOTO_SUFFIXES for p in self._paths(event)) and self.isEnabled():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._paths(event)
        if paths:
            event.acceptProposedAction()
            # Every dropped file goes on: one that is not a photo is refused by name, with the rest.
            self.files_dropped.emit(paths)


class PhotoViewer(QDialog):
    """One photo large, its caption below."""

    def __init__(self, data: bytes, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(caption or "活动图片")
        pixmap = pixmap_of(data)
        label = QLabel()
        screen = self.screen().availableGeometry() if self.screen() else None
        limit = QSize(int(screen.width() * 0.8), int(screen.height() * 0.8)) if screen else QSize(1200, 900)
        label.setPixmap(pixmap.scaled(limit, Qt.AspectRatioMode.KeepAspectRatio,
                                      Qt.TransformationMode.SmoothTransformation)
                        if pixmap.width() > limit.width() or pixmap.height() > limit.height() else pixmap)
        scroll = QScrollArea()
        scroll.setWidget(label)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        text = QLabel(caption or "（无说明）")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(text)
        self.resize(min(pixmap.width(), limit.width()) + 40, min(pixmap.height(), limit.height()) + 80)
