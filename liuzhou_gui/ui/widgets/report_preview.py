"""The PDF preview of the 报表 page: QPdfView over a QPdfDocument read from memory.

The document is loaded from a QBuffer, not from a file: QPdfDocument.load(path) keeps the file open
until the document is deleted, which would lock a saved file on Windows.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget


class ReportPreview(QWidget):
    loaded = Signal(int)  # page count of the document now shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setStyleSheet("QPdfView { background: #8a8a8a; }")
        self.notice = QLabel()
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("QLabel { font-size: 15px; color: #555; background: #f3f3f3; }")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.notice)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    @property
    def page_count(self) -> int:
        """Pages of the document shown (0 while a notice stands in for it)."""
        if self.stack.currentWidget() is not self.view:
            return 0
        return self.document.pageCount()

    def show_pdf(self, data: bytes) -> int:
        """Show a PDF from memory; returns its page count (0 if Qt could not read it)."""
        self.document.close()
        old, self._buffer = self._buffer, QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        if old is not None:
            old.close()
            old.deleteLater()
        self.document.load(self._buffer)
        if self.document.status() != QPdfDocument.Status.Ready:
            self.show_notice("无法显示预览：生成的 PDF 无法读取。")
            return 0
        self.stack.setCurrentWidget(self.view)
        self.view.pageNavigator().jump(0, QPointF())
        pages = self.document.pageCount()
        self.loaded.emit(pages)
        return pages

    def show_notice(self, text: str) -> None:
        """A message in place of the preview (a batch export, an error); the old document is dropped."""
        self.document.close()
        self.notice.setText(text)
        self.stack.setCurrentWidget(self.notice)
