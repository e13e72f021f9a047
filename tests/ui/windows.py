"""Opening the main window in tests as the app does: on the installation the database holds."""

from __future__ import annotations

from liuzhou_gui.services import installation
from liuzhou_gui.storage.database import Database
from liuzhou_gui.ui.main_window import MainWindow


def open_main_window(qtbot, db: Database, *, wait_for_bench: bool = True, timeout: int = 10_000) -> MainWindow:
    """Shown, and (unless told otherwise) with the work bench's first figures drawn."""
    with db.session() as session:
        setup = installation.load(session)
    window = MainWindow(db, setup)
    qtbot.addWidget(window)
    if not wait_for_bench:
        window.show()
        return window
    with qtbot.waitSignal(window.workbench.refreshed, timeout=timeout):
        window.show()
    return window
