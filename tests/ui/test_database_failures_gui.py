"""A save that the database refuses for a reason outside the program (read-only file, full disk,
locked file): one clear Chinese message, the form stays open with everything typed, nothing written."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtWidgets import QCheckBox
from sqlalchemy import event, func, select, text

from liuzhou_gui.domain.drafts import UnitDraft
from liuzhou_gui.domain.errors import DiskFull
from liuzhou_gui.storage import database
from liuzhou_gui.storage.models import Unit
from liuzhou_gui.storage.units import save_unit
from liuzhou_gui.ui import messages
from liuzhou_gui.ui.dialogs.unit_dialog import UnitDialog

LONG_ADDRESS = "柳州市柳南区航一路" + "号" * 180


def _units(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Unit))


def _typed_unit_form(qtbot, type_text, db) -> UnitDialog:
    dialog = UnitDialog(db, None, district="柳南区")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(dialog.ui.nameEdit, "柳州螺蛳粉产业园")
    dialog.ui.categoriesBox.findChildren(QCheckBox)[0].click()
    type_text(dialog.ui.addressEdit, LONG_ADDRESS)
    type_text(dialog.ui.phoneEdit, "13907721234")
    return dialog


def _assert_refused_and_kept(dialog: UnitDialog, db, expected: str, units_before: int = 0) -> None:
    assert not dialog.try_save()
    assert dialog.isVisible()
    assert [m.kind for m in messages.shown] == ["error"]
    shown = messages.shown[0].text
    assert expected in shown
    assert "Traceback" not in shown and "OperationalError" not in shown and "attempt to" not in shown
    assert (dialog.ui.nameEdit.text(), dialog.ui.addressEdit.text(), dialog.ui.phoneEdit.text()) == (
        "柳州螺蛳粉产业园", LONG_ADDRESS, "13907721234")
    assert dialog.dirty  # closing still asks before the typed text is thrown away
    assert _units(db) == units_before


def test_save_on_a_read_only_database(qtbot, type_text, installed_db) -> None:
    # query_only refuses writes exactly as a read-only file does (and works as root, unlike chmod).
    event.listen(installed_db.engine, "connect", lambda conn, _r: conn.execute("PRAGMA query_only = ON"))
    dialog = _typed_unit_form(qtbot, type_text, installed_db)
    _assert_refused_and_kept(dialog, installed_db, "只读")


def _fill_disk(db) -> None:
    """SQLite's page limit as a full disk: units shaped like the form's until no page is left."""
    with db.session() as session:
        pages = session.execute(text("PRAGMA page_count")).scalar_one()
    event.listen(db.engine, "connect", lambda conn, _r: conn.execute(f"PRAGMA max_page_count = {pages + 4}"))
    for number in range(2000):
        try:
            with db.transaction() as session:
                save_unit(session, UnitDraft(district="柳南", name=f"填充单位{number:04d}", kind="企业",
                                             categories=["职业健康"], address=LONG_ADDRESS, phone="13907721234"))
        except DiskFull:
            return
    raise AssertionError("the page limit was never reached")


def test_save_on_a_full_disk(qtbot, type_text, installed_db) -> None:
    _fill_disk(installed_db)
    before = _units(installed_db)
    dialog = _typed_unit_form(qtbot, type_text, installed_db)
    _assert_refused_and_kept(dialog, installed_db, "磁盘空间已满", before)


def test_save_on_a_locked_file_then_again_once_it_is_free(qtbot, type_text, installed_db,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    dialog = _typed_unit_form(qtbot, type_text, installed_db)
    holder = sqlite3.connect(installed_db.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        _assert_refused_and_kept(dialog, installed_db, "正被其他程序使用")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert dialog.try_save()  # nothing was lost: the same form saves once the file is free
    assert _units(installed_db) == 1
