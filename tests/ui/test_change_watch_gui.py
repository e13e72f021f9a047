"""Lists follow another PC's saves: the change marker is looked at every few seconds while the app is
active; a unit inserted through another connection appears within the poll period, and nothing
changed means nothing is read again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from windows import open_main_window

from liuzhou_gui.domain.drafts import UnitDraft
from liuzhou_gui.operations import records
from liuzhou_gui.storage.database import Database
from liuzhou_gui.ui.runner import POLL_MS, change_notice


def _active_window(qtbot, db):
    window = open_main_window(qtbot, db)
    window.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.applicationState() == Qt.ApplicationState.ApplicationActive)
    assert window.change_watch.timer.isActive()
    return window


def _names(page) -> set[str]:
    """Every text the list shows."""
    model = page.model
    return {model.data(model.index(row, column)) for row in range(model.rowCount())
            for column in range(model.columnCount())}


def test_a_unit_another_pc_inserts_shows_within_the_poll_period(qtbot, installed_db, db_path, sample) -> None:
    window = _active_window(qtbot, installed_db)
    assert "柳南机械厂" not in _names(window.units)
    other_pc = Database.open(db_path)
    try:
        unit_id = records.save_unit(other_pc, UnitDraft(district="柳南", name="柳南机械厂", kind="企业",
                                                        categories=["职业健康"])).value
    finally:
        other_pc.close()
    qtbot.waitUntil(lambda: window.units.model.row_of_id(unit_id) is not None, timeout=POLL_MS + 1000)
    assert "柳南机械厂" in _names(window.units)


def test_nothing_changed_nothing_is_read_again(qtbot, installed_db, sample, monkeypatch) -> None:
    window = _active_window(qtbot, installed_db)
    window.change_watch.timer.setInterval(50)  # many looks in a short test
    heard = []
    change_notice().changed.connect(heard.append)
    reads, looks = [], []
    monkeypatch.setattr(window.units.model, "refresh", lambda: reads.append(1))
    marker = window.change_watch.marker
    look = marker.changed
    monkeypatch.setattr(marker, "changed", lambda: looks.append(1) or look())
    with installed_db.session():  # reading is no change
        pass
    qtbot.wait(600)
    assert len(looks) >= 3  # it did look
    assert heard == [] and reads == []
    window.close()
    assert not window.change_watch.timer.isActive()
