"""A form saves over a record another clerk changed behind it: refused, both versions side by side with
the differences marked, and the clerk's choice carried out; nothing lost in any of them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from liuzhou_gui.domain.drafts import UnitDraft
from liuzhou_gui.operations import records
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.models import Expert, Lecture, Unit
from liuzhou_gui.ui.dialogs.expert_dialog import ExpertDialog
from liuzhou_gui.ui.dialogs.lecture_dialog import LectureDialog
from liuzhou_gui.ui.dialogs.record_changed_dialog import DIFFERENT, RecordChangedDialog
from liuzhou_gui.ui.dialogs.unit_dialog import UnitDialog


def _open(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _change_behind(db_path, unit_id: int, **changes) -> None:
    """Another PC: its own Database object, its own connection, saves the unit."""
    other_pc = Database.open(db_path)
    try:
        opened = records.open_unit(other_pc, unit_id)
        records.save_unit(other_pc, UnitDraft(**opened.draft.__dict__ | changes), unit_id, opened.version)
    finally:
        other_pc.close()


def _refusal(qtbot, form) -> RecordChangedDialog:
    assert not form.try_save()
    qtbot.waitUntil(lambda: form.changed_dialog is not None and form.changed_dialog.isVisible())
    return form.changed_dialog


def _rows(dialog: RecordChangedDialog) -> dict[str, tuple[str, str, bool]]:
    table = dialog.table
    rows = {}
    for row in range(table.rowCount()):
        label = table.item(row, 0).text()
        marked = table.item(row, 1).background().color() == DIFFERENT
        rows[label.removeprefix("≠ ")] = (table.item(row, 1).text(), table.item(row, 2).text(), marked)
    return rows


def _unit(db, unit_id: int) -> Unit:
    with db.session() as session:
        return session.get_one(Unit, unit_id)


def test_keep_mine_saves_over_the_version_just_shown(qtbot, type_text, installed_db, db_path, sample) -> None:
    form = _open(qtbot, UnitDialog(installed_db, sample["steel"], district="柳南区"))
    _change_behind(db_path, sample["steel"], contact="韦工", phone="0772-3333333")
    form.ui.contactEdit.clear()
    type_text(form.ui.contactEdit, "覃芳")

    refusal = _refusal(qtbot, form)
    assert refusal.windowTitle() == "此记录已被他人修改"
    assert "有 2 项与您填写的不同" in refusal.explanation.text()
    rows = _rows(refusal)
    assert rows["联系人"] == ("覃芳", "韦工", True)
    assert rows["联系电话"] == ("（空）", "0772-3333333", True)
    assert rows["单位名称"] == ("柳州钢铁厂", "柳州钢铁厂", False)
    labels = [refusal.table.item(row, 0).text() for row in range(refusal.table.rowCount())]
    assert "≠ 联系人" in labels and "单位名称" in labels  # marked in words too, not by colour alone
    assert form.isVisible() and form.ui.contactEdit.text() == "覃芳"  # the form keeps what was typed
    assert _unit(installed_db, sample["steel"]).contact == "韦工"  # nothing of the refused save written

    qtbot.mouseClick(refusal.keep_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.isVisible())
    unit = _unit(installed_db, sample["steel"])
    assert (unit.contact, unit.phone, unit.version) == ("覃芳", "", 3)


def test_take_theirs_fills_the_form_with_the_stored_version(qtbot, type_text, installed_db, db_path, sample) -> None:
    form = _open(qtbot, UnitDialog(installed_db, sample["steel"], district="柳南区"))
    _change_behind(db_path, sample["steel"], address="柳南区航鹰大道1号")
    type_text(form.ui.noteEdit, "我的备注")
    refusal = _refusal(qtbot, form)
    qtbot.mouseClick(refusal.take_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.changed_dialog is None)
    assert form.isVisible()
    assert (form.ui.addressEdit.text(), form.ui.noteEdit.text()) == ("柳南区航鹰大道1号", "")
    assert "同事保存的版本" in form.ui.errorSummary.text() and not form.dirty
    unit = _unit(installed_db, sample["steel"])
    assert (unit.address, unit.note, unit.version) == ("柳南区航鹰大道1号", "", 2)
    # Saving now saves over the version taken, without a second refusal.
    type_text(form.ui.noteEdit, "核对过")
    assert form.try_save()
    assert _unit(installed_db, sample["steel"]).note == "核对过"


def test_back_to_the_form_writes_nothing_and_keeps_the_typing(qtbot, type_text, installed_db, db_path, sample) -> None:
    form = _open(qtbot, UnitDialog(installed_db, sample["steel"], district="柳南区"))
    _change_behind(db_path, sample["steel"], industry="钢铁")
    type_text(form.ui.industryEdit, "冶金")
    refusal = _refusal(qtbot, form)
    assert refusal.back_button.isDefault()  # Enter never overwrites the other clerk's work
    qtbot.keyClick(refusal, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: form.changed_dialog is None)
    assert form.isVisible() and form.ui.industryEdit.text() == "冶金" and form.dirty
    assert _unit(installed_db, sample["steel"]).industry == "钢铁"


def test_a_record_deleted_behind_the_form_can_be_saved_as_a_new_one(qtbot, type_text, installed_db, db_path,
                                                                   sample) -> None:
    form = _open(qtbot, ExpertDialog(installed_db, sample["expert"]))
    other_pc = Database.open(db_path)
    try:
        records.delete_expert(other_pc, sample["expert"])
    finally:
        other_pc.close()
    type_text(form.ui.titleEdit, "主任医师")
    refusal = _refusal(qtbot, form)
    assert "已被删除" in refusal.windowTitle() + refusal.explanation.text()
    assert _rows(refusal)["姓名"] == ("杨静", "（已被删除）", False)
    assert refusal.keep_button.text() == "另存为新记录" and not refusal.take_button.isVisible()
    qtbot.mouseClick(refusal.keep_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.isVisible())
    with installed_db.session() as session:
        again = session.get_one(Expert, form.saved_id)
        assert form.saved_id != sample["expert"] and (again.name, again.title) == ("杨静", "主任医师")
        assert session.get_one(Expert, sample["expert"]).deleted_at is not None  # still in 回收站


def test_a_lecture_changed_behind_its_form_names_units_and_lecturers(qtbot, type_text, installed_db, db_path,
                                                                     sample) -> None:
    form = _open(qtbot, LectureDialog(installed_db, sample["lecture"], year=2025, district="柳南区"))
    other_pc = Database.open(db_path)
    try:
        opened = records.open_lecture(other_pc, sample["lecture"])
        opened.draft.unit_ids = [sample["steel"], sample["school"]]
        opened.draft.attendance = 120
        records.save_lecture(other_pc, opened.draft, sample["lecture"], opened.version)
    finally:
        other_pc.close()
    form.ui.topicEdit.clear()
    type_text(form.ui.topicEdit, "粉尘危害")
    rows = _rows(_refusal(qtbot, form))
    assert rows["覆盖单位"] == ("柳州钢铁厂", "柳州钢铁厂、柳南第一中学", True)
    assert rows["覆盖人数"] == ("80", "120", True)
    assert rows["主题"] == ("粉尘危害", "噪声防护", True)
    assert rows["授课专家"] == ("杨静", "杨静", False)
    qtbot.mouseClick(form.changed_dialog.take_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.changed_dialog is None)
    assert sorted(form.ui.unitsPicker.checked_ids()) == sorted([sample["steel"], sample["school"]])
    assert form.ui.expertsPicker.checked_ids() == [sample["expert"]]
    with installed_db.session() as session:
        assert session.scalar(select(func.count()).select_from(Lecture)) == 1
