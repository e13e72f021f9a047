"""Lists follow what other clerks save: a cheap look at the database's change marker every few seconds
while the app is the active one, fed into the change notice as F5 would be.

Another PC's (or process's) commit is seen at the next look and refreshes every page as a wholesale
change does (each keeps its selected record); nothing changed, nothing refreshed. While the app is in
the background nobody looks; coming back looks at once, so what changed meanwhile is shown."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication

from ..operations.core import Changes
from ..storage.change_marker import ChangeMarker
from ..storage.database import Database
from .runner import broadcast

log = logging.getLogger(__name__)

POLL_MS = 3000
# Everything kept in the database; the backups folder is this PC's own.
REMOTE_CHANGES = Changes.DATABASE & ~Changes.BACKUPS


class ChangeWatch(QObject):
    def __init__(self, db: Database, parent: QObject, interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.marker = ChangeMarker(db)
        self.marker.changed()  # primed: what exists now is what the pages are about to show
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.look)
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.applicationStateChanged.connect(self._state_changed)
        self._state_changed(app.applicationState())

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.look()
            self.timer.start()
        else:
            self.timer.stop()

    def look(self) -> None:
        if self.marker.changed():
            log.debug("the database changed elsewhere")
            broadcast(REMOTE_CHANGES)

    def close(self) -> None:
        self.timer.stop()
        self.marker.close()
