"""Bank card numbers in the window: reveals are audited, and a PC without the key says so and keeps working."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox
from sqlalchemy import select
from windows import open_main_window

from liuzhou_gui.domain.cards import UNREADABLE_CARD_TEXT
from liuzhou_gui.storage import card_crypto
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.models import AuditEntry, Expert
from liuzhou_gui.storage.paths import DATA_DIR_ENV
from liuzhou_gui.ui.dialogs.expert_dialog import ExpertDialog
from liuzhou_gui.ui.pages.list_pages import expert_page

CARD = "6222020200112233446"  # the sample expert's


def _reveals(db) -> list[AuditEntry]:
    with db.session() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == "reveal").order_by(AuditEntry.id)))


def _card_column(page) -> list[str]:
    return [page.model.data(page.model.index(row, 7)) for row in range(page.model.rowCount())]


def _reopen_elsewhere(db: Database, tmp_path: Path, monkeypatch) -> Database:
    """The same file opened on a PC without its key (another user profile)."""
    db.close()
    other = tmp_path / "other-pc"
    other.mkdir()
    monkeypatch.setenv(DATA_DIR_ENV, str(other))
    return Database.open(db.path)


def test_showing_the_list_s_cards_is_written_to_the_audit_trail(qtbot, installed_db, sample) -> None:
    page = expert_page(installed_db, lambda: "柳南区")
    qtbot.addWidget(page)
    page.apply_filters()
    assert _reveals(installed_db) == []
    reveal = next(box for box in page.findChildren(QCheckBox) if box.text() == "显示银行卡号")
    reveal.setChecked(True)
    assert CARD in _card_column(page)
    entries = _reveals(installed_db)
    assert [(e.entity, e.record_id) for e in entries] == [("expert", None)]
    assert CARD not in entries[0].label + entries[0].changes and CARD[4:-4] not in entries[0].label
    reveal.setChecked(False)  # hiding again is no reveal
    assert len(_reveals(installed_db)) == 1


def test_showing_one_expert_s_card_is_audited_with_the_expert(qtbot, installed_db, sample) -> None:
    dialog = ExpertDialog(installed_db, sample["expert"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert _reveals(installed_db) == []  # opening the form shows the masked number only
    qtbot.mouseClick(dialog.ui.showCardButton, Qt.MouseButton.LeftButton)
    assert dialog.ui.bankCardEdit.text() == CARD
    entries = _reveals(installed_db)
    assert [(e.record_id, e.label) for e in entries] == [(sample["expert"], "杨静")]


def test_typing_a_new_card_is_no_reveal(qtbot, type_text, installed_db) -> None:
    dialog = ExpertDialog(installed_db, None, district="柳南区")
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.ui.bankCardEdit, CARD)
    qtbot.mouseClick(dialog.ui.showCardButton, Qt.MouseButton.LeftButton)  # hide
    qtbot.mouseClick(dialog.ui.showCardButton, Qt.MouseButton.LeftButton)  # and show what was typed
    assert _reveals(installed_db) == []


def test_without_the_key_the_window_says_so_and_the_lists_work(qtbot, installed_db, sample, tmp_path,
                                                                 monkeypatch) -> None:
    db = _reopen_elsewhere(installed_db, tmp_path, monkeypatch)
    try:
        window = open_main_window(qtbot, db)
        assert window.card_banner.isVisible()
        assert "1 位专家的银行卡号" in window.card_banner.text()
        page = window.experts
        page.search_edit.setText("杨静")
        page.apply_filters()
        row = next(r for r in range(page.model.rowCount()) if page.model.id_at(r) == sample["expert"])
        assert page.model.data(page.model.index(row, 7)) == UNREADABLE_CARD_TEXT
        assert page.model.data(page.model.index(row, 0)) == "杨静"
        # The form opens, saves other changes, and keeps the number it cannot read.
        stored = card_crypto.stored_card(Expert.bank_card)
        with db.session() as session:
            before = session.scalar(select(stored).where(Expert.id == sample["expert"]))
        dialog = ExpertDialog(db, sample["expert"])
        qtbot.addWidget(dialog)
        assert dialog.ui.bankCardEdit.text() == UNREADABLE_CARD_TEXT and dialog.ui.bankCardEdit.isReadOnly()
        dialog.ui.showCardButton.click()  # nothing to reveal: an empty field to type a new number into
        assert dialog.ui.bankCardEdit.text() == "" and "无法解密" in dialog.ui.bankCardEdit.placeholderText()
        assert _reveals(db) == []
        dialog.ui.titleEdit.setText("副主任医师")
        assert dialog.try_save()
        with db.session() as session:
            assert session.scalar(select(stored).where(Expert.id == sample["expert"])) == before
            assert session.get(Expert, sample["expert"]).title == "副主任医师"
        window.close()
    finally:
        db.close()


def test_with_the_key_there_is_no_notice(qtbot, installed_db, sample) -> None:
    window = open_main_window(qtbot, installed_db)
    assert not window.card_banner.isVisible()
    window.close()


def test_banner_screenshot(qtbot, installed_db, sample, tmp_path, monkeypatch) -> None:
    """Kept as a PNG for a person to look at (set LIUZHOU_SHOTS to a folder)."""
    import os

    folder = os.environ.get("LIUZHOU_SHOTS")
    db = _reopen_elsewhere(installed_db, tmp_path, monkeypatch)
    try:
        window = open_main_window(qtbot, db)
        window.resize(1200, 700)
        window.nav.setCurrentRow(1)
        window.experts.apply_filters()
        image = window.grab()
        assert not image.isNull()
        if folder:
            image.save(str(Path(folder) / "card_banner.png"))
        window.close()
    finally:
        db.close()


def test_import_preview_masks_the_file_s_card_numbers(qtbot, installed_db, tmp_path) -> None:
    from openpyxl import Workbook

    from liuzhou_gui.services.importing.plan import plan_import
    from liuzhou_gui.ui.models.import_preview import PlanRowsModel

    book = Workbook()
    book.active.append(["县区", "分类", "姓名", "所在单位", "个人银行卡号"])
    book.active.append(["柳南区", "职业健康", "韦新", "柳南区人民医院", CARD])
    path = tmp_path / "experts.xlsx"
    book.save(path)
    model = PlanRowsModel()
    model.set_plan(plan_import(installed_db, "experts", path))
    shown = [model.data(model.index(0, column)) for column in range(model.columnCount())]
    assert "6222 **** **** 3446" in shown and "韦新" in shown
    assert not any(CARD[4:-4] in str(text) for text in shown)
