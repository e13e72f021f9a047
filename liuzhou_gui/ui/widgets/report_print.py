"""Printing the previewed PDF: each page rendered to an image and painted onto the printer.

QtPdf has no direct "print this document", so pages are rasterised. 300 dpi is plenty for text and
the seal; a printer's nominal 600–1200 dpi would need up to half a gigabyte per A4 page.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

MAX_DPI = 300


def _orientation(document: QPdfDocument, page: int) -> QPageLayout.Orientation:
    size = document.pagePointSize(page)
    wide = size.width() > size.height()
    return QPageLayout.Orientation.Landscape if wide else QPageLayout.Orientation.Portrait


def page_image(document: QPdfDocument, page: int, dpi: int) -> QImage:
    """The page at `dpi` on white paper (QtPdf renders onto a transparent image)."""
    points = document.pagePointSize(page)
    size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    rendered = document.render(page, size)
    paper = QImage(size, QImage.Format.Format_RGB32)
    paper.fill(QColor("white"))
    painter = QPainter(paper)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return paper


def print_document(document: QPdfDocument, printer: QPrinter, first: int = 1, last: int | None = None) -> int:
    """Print pages first..last (1-based, inclusive) in each page's own orientation; returns pages printed.

    Copies: a printer driver that makes copies itself gets the count from the print dialog; otherwise
    (PDF output, some drivers) the pages are sent that many times.
    """
    count = document.pageCount()
    last = min(last or count, count)
    pages = list(range(max(first, 1) - 1, last))
    if not pages:
        return 0
    copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
    sequence = [p for _ in range(copies) for p in pages] if printer.collateCopies() else \
        [p for p in pages for _ in range(copies)]
    dpi = min(printer.resolution(), MAX_DPI)
    printer.setFullPage(True)  # the PDF carries its own margins
    printer.setPageOrientation(_orientation(document, sequence[0]))
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for n, page in enumerate(sequence):
            if n:
                printer.setPageOrientation(_orientation(document, page))  # applies from the next page
                printer.newPage()
            image = page_image(document, page, dpi)
            # The page size changes with the orientation: map the painter to this page's paper.
            area = printer.paperRect(QPrinter.Unit.DevicePixel).toRect()
            painter.setViewport(area)
            painter.setWindow(area)
            scaled = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(area.x() + (area.width() - scaled.width()) // 2,
                           area.y() + (area.height() - scaled.height()) // 2, scaled.width(), scaled.height())
            painter.drawImage(target, image)
    finally:
        painter.end()
    return len(sequence)


def ask_and_print(parent: QWidget, document: QPdfDocument, title: str) -> int:
    """The print dialog (printer, copies, page range), then printing; returns pages printed (0: cancelled)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setFromTo(1, document.pageCount())
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印")
    dialog.setMinMax(1, document.pageCount())
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies, True)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return 0
    first, last = 1, document.pageCount()
    if printer.printRange() == QPrinter.PrintRange.PageRange:
        first, last = printer.fromPage(), printer.toPage()
    return print_document(document, printer, first, last)
