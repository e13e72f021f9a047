"""Smoke start (LIUZHOU_GUI_SMOKE_QUIT=1): show the main window, check the bundle's Qt parts, quit.

For the frozen-bundle test and the start-up benchmark. The installation must already be stored
(no first-start dialog can be answered here): without it the start fails at once instead of
waiting for a dialog. On the first event-loop turn after the window is exposed it prints
"main window shown in N ms" (N counted from the start of the process where the system tells it,
else from this module's import) and exits 0, or 1 with the missing parts on stderr.
The window is never closed, so no view settings are written.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLibraryInfo, QPluginLoader, QTimer
from PySide6.QtGui import QImageReader, QPainter, QPdfWriter, QWindow
from PySide6.QtWidgets import QApplication, QWidget

from ..services import installation
from ..storage.database import Database

SMOKE_ENV = "LIUZHOU_GUI_SMOKE_QUIT"
_IMPORTED = time.monotonic()


def enabled() -> bool:
    return os.environ.get(SMOKE_ENV) == "1"


def process_age_ms() -> float:
    """Milliseconds since the process started (Linux: from /proc, 10 ms steps)."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22 of stat(5), in clock ticks
        return (time.clock_gettime(time.CLOCK_BOOTTIME) - started) * 1000
    except (OSError, ValueError, IndexError, AttributeError):
        return (time.monotonic() - _IMPORTED) * 1000


def missing_parts(app: QApplication) -> list[str]:
    """What the user would miss: Chinese Qt texts, the icon, seal images, PDF preview, printers."""
    missing = []
    if "qtbase_zh_CN" not in (app.property("zh_catalogues") or "").split(","):
        missing.append("Qt 中文翻译 qtbase_zh_CN.qm")
    if app.windowIcon().isNull():
        missing.append("resources/app_icon.png")
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    missing += [f"Qt 图片插件 {name}" for name in ("jpeg", "ico") if name not in formats]
    if not _pdf_preview_works():
        missing.append("QtPdf / QtPdfWidgets")
    if sys.platform.startswith("linux") and not _plugin_loads("printsupport"):
        missing.append("Qt 打印插件 printsupport")  # Windows printing is inside QtPrintSupport itself
    return missing


def _pdf_preview_works() -> bool:
    """A one-page PDF written by Qt is read back and rendered by QtPdf, as the 报表 preview does."""
    try:
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView  # noqa: F401 - the preview widget's library
        from PySide6.QtPrintSupport import QPrinter  # noqa: F401 - printing of the previewed pages
    except ImportError:
        return False
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    painter = QPainter(writer)
    painter.drawText(100, 100, "附件1")
    painter.end()
    buffer.close()
    source = QBuffer(data)
    source.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(source)
    return document.pageCount() == 1 and not document.render(0, document.pagePointSize(0).toSize()).isNull()


def _plugin_loads(kind: str) -> bool:
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / kind
    return any(QPluginLoader(str(path)).load() for path in folder.glob("*") if path.is_file())


def run(app: QApplication, db: Database, open_window: Callable[[Database], QWidget | None]) -> int:
    """Stands in for app.exec() in run_gui: the exit status of the smoke start."""
    with db.session() as session:
        if installation.load(session) is None:
            print("smoke start: no installation stored (first start), nothing shown", file=sys.stderr)
            return 1
    window = open_window(db)
    assert window is not None
    QTimer.singleShot(0, lambda: _report_when_exposed(app, window))
    return app.exec()


def _report_when_exposed(app: QApplication, window: QWidget) -> None:
    handle: QWindow | None = window.windowHandle()  # None until the window is shown (the stubs say never)
    if handle is None or not handle.isExposed():
        QTimer.singleShot(0, lambda: _report_when_exposed(app, window))
        return
    print(f"main window shown in {process_age_ms():.0f} ms", flush=True)
    missing = missing_parts(app)
    if missing:
        print("missing: " + ", ".join(missing), file=sys.stderr, flush=True)
    app.exit(1 if missing else 0)
