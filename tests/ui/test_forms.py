"""Expert, unit and lecture forms driven as a user would: typing, clicking, Enter and Esc."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QCheckBox, QDialog, QWidget
from sqlalchemy import func, select

from liuzhou_gui.storage.listing.choices import REGIONAL_MARK
from liuzhou_gui.storage.models import Expert, Lecture, Unit
from liuzhou_gui.ui import messages
from liuzhou_gui.ui.dialogs.expert_dialog import ExpertDialog
from liuzhou_gui.ui.dialogs.lecture_dialog import LectureDialog
from liuzhou_gui.ui.dialogs.unit_dialog import UnitDialog


def _count(db, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(model.deleted_at.is_(None)))


def _open(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_new_expert_is_typed_and_saved_with_enter(qtbot, type_text, installed_db) -> None:
    dialog = _open(qtbot, ExpertDialog(installed_db, None, district="柳南区"))
    type_text(dialog.ui.nameEdit, "王芳")
    type_text(dialog.ui.unitEdit, "柳州市工人医院")
    type_text(dialog.ui.phoneEdit, "13907721234")
    qtbot.keyClick(dialog.ui.phoneEdit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    with installed_db.session() as s:
        expert = s.scalars(select(Expert).where(Expert.name == "王芳")).one()
        assert (expert.unit, expert.phone, expert.district.name) == ("柳州市工人医院", "13907721234", "柳南区")
        assert "wf" in expert.search_key


def test_bad_phone_shows_the_reason_next_to_the_field_and_saves_nothing(qtbot, type_text, installed_db) -> None:
    before = _count(installed_db, Expert)
    dialog = _open(qtbot, ExpertDialog(installed_db, None, district="柳南区"))
    type_text(dialog.ui.nameEdit, "王芳")
    type_text(dialog.ui.unitEdit, "柳州市工人医院")
    type_text(dialog.ui.phoneEdit, "1390772")
    # As the user types: the message appears beside the field after a short pause.
    qtbot.waitUntil(lambda: bool(dialog.ui.error_phone.text()))
    assert "11 位" in dialog.ui.error_phone.text()
    assert dialog.ui.error_name.text() == ""
    qtbot.keyClick(dialog.ui.phoneEdit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert messages.shown == []  # shown once, beside the field: no message box on top
    assert dialog.ui.errorSummary.text() == "有 1 处需要修改，见红字。"
    assert _count(installed_db, Expert) == before


def test_edit_expert_keeps_bank_card_masked_until_shown(qtbot, type_text, installed_db, sample) -> None:
    dialog = _open(qtbot, ExpertDialog(installed_db, sample["expert"]))
    assert dialog.ui.bankCardEdit.text() == "6222 **** **** 3446"
    assert dialog.ui.bankCardEdit.isReadOnly()
    qtbot.mouseClick(dialog.ui.showCardButton, Qt.MouseButton.LeftButton)
    assert dialog.ui.bankCardEdit.text() == "6222020200112233446"
    dialog.ui.titleEdit.clear()
    type_text(dialog.ui.titleEdit, "主任医师")
    qtbot.mouseClick(dialog.ui.showCardButton, Qt.MouseButton.LeftButton)
    assert dialog.try_save()
    with installed_db.session() as s:
        expert = s.get(Expert, sample["expert"])
        assert (expert.title, expert.bank_card) == ("主任医师", "6222020200112233446")


def test_escape_with_unsaved_changes_asks_first(qtbot, type_text, installed_db) -> None:
    dialog = _open(qtbot, UnitDialog(installed_db, None, district="柳南区"))
    type_text(dialog.ui.nameEdit, "某公司")
    messages.answer_next(False)  # 不放弃
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert messages.shown[-1].kind == "question"
    messages.answer_next(True)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert _count(installed_db, Unit) == 0


def test_new_unit_and_duplicate_refused(qtbot, type_text, installed_db, sample) -> None:
    dialog = _open(qtbot, UnitDialog(installed_db, None, district="柳南区"))
    type_text(dialog.ui.nameEdit, "柳州钢铁厂")
    dialog.ui.categoriesBox.findChildren(QCheckBox)[0].click()
    type_text(dialog.ui.workerCountEdit, "1200")
    assert not dialog.try_save()
    assert "同名单位" in dialog.ui.error_name.text()
    dialog.ui.nameEdit.clear()
    type_text(dialog.ui.nameEdit, "柳南区社区卫生服务中心")
    assert dialog.try_save()
    with installed_db.session() as s:
        unit = s.get(Unit, dialog.saved_id)
        assert (unit.district.name, unit.worker_count, [c.name for c in unit.categories]) == (
            "柳南区", 1200, ["职业健康"])


def test_new_session_with_units_lecturers_and_categories(qtbot, type_text, installed_db, sample) -> None:
    dialog = _open(qtbot, LectureDialog(installed_db, None, year=2025, district="柳南区"))
    ui = dialog.ui
    assert not ui.districtCombo.isEnabled()
    experts = [ui.expertsPicker.list.item(i).text() for i in range(ui.expertsPicker.list.count())]
    assert any(text.startswith(REGIONAL_MARK) for text in experts)
    ui.heldOnEdit.setDate(QDate(2025, 7, 2))
    type_text(ui.placeEdit, "第一中学礼堂")
    ui.categoriesBox.findChildren(QCheckBox)[1].click()
    type_text(ui.unitsPicker.filter_edit, "dyzx")  # pinyin initials of 第一中学
    visible = [i for i in range(ui.unitsPicker.list.count()) if not ui.unitsPicker.list.isRowHidden(i)]
    assert [ui.unitsPicker.list.item(i).text() for i in visible] == ["柳南第一中学"]
    ui.unitsPicker.list.item(visible[0]).setCheckState(Qt.CheckState.Checked)
    type_text(ui.expertsPicker.filter_edit, "yj")
    picker = ui.expertsPicker.list
    for i in range(picker.count()):
        if not picker.isRowHidden(i) and picker.item(i).text() == "杨静（柳州市职业病防治院）":
            picker.item(i).setCheckState(Qt.CheckState.Checked)
    ui.statusCombo.setCurrentIndex(ui.statusCombo.findData("held"))
    ui.attendanceSpin.setValue(120)
    qtbot.keyClick(ui.placeEdit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted, messages.shown
    with installed_db.session() as s:
        lecture = s.get(Lecture, dialog.saved_id)
        assert lecture.held_on == date(2025, 7, 2)
        assert [u.name for u in lecture.units] == ["柳南第一中学"]
        assert [e.name for e in lecture.experts] == ["杨静"]
        assert [c.name for c in lecture.categories] == ["心理健康"]
        assert lecture.attendance == 120


def test_held_session_without_units_is_refused(qtbot, type_text, installed_db, sample) -> None:
    before = _count(installed_db, Lecture)
    dialog = _open(qtbot, LectureDialog(installed_db, None, year=2025, district="柳南区"))
    type_text(dialog.ui.placeEdit, "礼堂")
    dialog.ui.categoriesBox.findChildren(QCheckBox)[0].click()
    dialog.ui.statusCombo.setCurrentIndex(dialog.ui.statusCombo.findData("held"))
    assert not dialog.try_save()
    assert "覆盖单位" in dialog.ui.error_unit_ids.text()
    assert "不能为空" in dialog.ui.error_attendance.text()
    assert messages.shown == []
    assert dialog.focusWidget() is dialog.ui.attendanceSpin  # the first wrong field in reading order
    assert _count(installed_db, Lecture) == before


def test_double_booked_lecturer_is_refused_on_save(qtbot, type_text, installed_db, sample) -> None:
    dialog = _open(qtbot, LectureDialog(installed_db, None, year=2025, district="柳南区"))
    dialog.ui.heldOnEdit.setDate(QDate(2025, 6, 1))
    type_text(dialog.ui.placeEdit, "另一个礼堂")
    dialog.ui.categoriesBox.findChildren(QCheckBox)[0].click()
    dialog.ui.expertsPicker.set_checked([sample["expert"]])
    assert not dialog.try_save()
    assert "时间冲突" in dialog.ui.error_expert_ids.text()


def test_edit_session_loads_its_values(qtbot, type_text, installed_db, sample) -> None:
    dialog = _open(qtbot, LectureDialog(installed_db, sample["lecture"], year=2025))
    assert dialog.ui.placeEdit.text() == "钢厂礼堂"
    assert dialog.ui.unitsPicker.checked_ids() == [sample["steel"]]
    assert dialog.ui.attendanceSpin.value() == 80
    dialog.ui.topicEdit.clear()
    type_text(dialog.ui.topicEdit, "粉尘防护")
    assert dialog.try_save()
    with installed_db.session() as s:
        assert s.get(Lecture, sample["lecture"]).topic == "粉尘防护"


def test_new_unit_from_inside_the_lecture_form_comes_back_ticked(qtbot, installed_db, sample, type_text) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    dialog = _open(qtbot, LectureDialog(installed_db, None, year=2025, district="柳南区"))
    before = dialog.ui.unitsPicker.list.count()

    def fill_unit_form() -> None:
        unit_form = QApplication.activeModalWidget()
        assert isinstance(unit_form, UnitDialog)
        assert unit_form.ui.districtCombo.currentText() == "柳南区" and not unit_form.ui.districtCombo.isEnabled()
        type_text(unit_form.ui.nameEdit, "柳南新建物流园")
        unit_form.ui.categoriesBox.findChildren(QCheckBox)[0].click()
        assert unit_form.try_save()

    QTimer.singleShot(0, fill_unit_form)
    qtbot.mouseClick(dialog.ui.newUnitButton, Qt.MouseButton.LeftButton)
    picker = dialog.ui.unitsPicker
    assert picker.list.count() == before + 1
    ticked = [picker.list.item(i).text() for i in range(picker.list.count())
              if picker.list.item(i).checkState() == Qt.CheckState.Checked]
    assert ticked == ["柳南新建物流园"]
    assert dialog.dirty


def test_a_district_clerk_cannot_move_a_session_to_another_district(qtbot, installed_db, sample) -> None:
    """Issue 12: creating kept 县区 locked, editing let the clerk pick any district."""
    dialog = _open(qtbot, LectureDialog(installed_db, sample["lecture"], year=2025, district="柳南区"))
    assert dialog.ui.districtCombo.currentText() == "柳南区" and not dialog.ui.districtCombo.isEnabled()
    city = _open(qtbot, LectureDialog(installed_db, sample["lecture"], year=2025, district=None))
    assert city.ui.districtCombo.isEnabled()  # the city office may correct a district


def _geometries(dialog) -> dict[str, tuple[int, int, int, int]]:
    return {w.objectName(): w.geometry().getRect() for w in dialog.findChildren(QWidget)
            if w.objectName() and not w.objectName().startswith(("error_", "qt_")) and w.isVisible()}


def test_errors_appear_without_moving_the_form_each_once_and_the_first_field_focused(
        qtbot, type_text, installed_db) -> None:
    """Issue 12: the form moved under the mouse, and each error was shown three times."""
    dialog = _open(qtbot, UnitDialog(installed_db, None, district="柳南区"))
    qtbot.wait(50)
    before, size = _geometries(dialog), dialog.size()
    type_text(dialog.ui.phoneEdit, "12345")
    type_text(dialog.ui.workerCountEdit, "很多")
    assert not dialog.try_save()
    qtbot.wait(50)
    assert _geometries(dialog) == before and dialog.size() == size  # nothing moved
    shown = {name: getattr(dialog.ui, f"error_{name}").text() for name in ("name", "phone", "worker_count")}
    assert all(shown.values()), shown
    assert dialog.ui.errorSummary.text().startswith("有 4 处需要修改")  # a count, not the errors again
    assert "联系电话" not in dialog.ui.errorSummary.text()
    assert messages.shown == []
    assert dialog.focusWidget() is dialog.ui.nameEdit  # 单位名称 is the first wrong field from the top
    type_text(dialog.ui.nameEdit, "柳州螺蛳粉厂")
    qtbot.waitUntil(lambda: dialog.ui.error_name.text() == "")
    assert _geometries(dialog) == before


def test_a_negative_attendance_is_named_not_turned_into_unfilled(qtbot, type_text, installed_db, sample) -> None:
    """Issue 12: 覆盖人数 "-5" silently became 未填."""
    dialog = _open(qtbot, LectureDialog(installed_db, sample["lecture"], year=2025, district="柳南区"))
    spin = dialog.ui.attendanceSpin
    spin.lineEdit().selectAll()
    type_text(spin, "-5")
    qtbot.waitUntil(lambda: "不能为负数" in dialog.ui.error_attendance.text())  # said while typing
    spin.focusOutEvent(QFocusEvent(QEvent.Type.FocusOut))  # leaving the field: Qt would put 未填 back
    assert "-5" in spin.text()  # still what was typed
    assert not dialog.try_save()
    with installed_db.session() as s:
        assert s.get(Lecture, sample["lecture"]).attendance == 80  # unchanged, not 未填
    spin.lineEdit().selectAll()
    type_text(spin, "95")
    assert dialog.try_save()
    with installed_db.session() as s:
        assert s.get(Lecture, sample["lecture"]).attendance == 95


def test_enter_after_a_refused_count_does_not_save_it_as_unfilled(qtbot, type_text, installed_db, sample) -> None:
    dialog = _open(qtbot, LectureDialog(installed_db, sample["lecture"], year=2025, district="柳南区"))
    spin = dialog.ui.attendanceSpin
    spin.lineEdit().selectAll()
    type_text(spin, "-5")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert dialog.isVisible() and "不能为负数" in dialog.ui.error_attendance.text()
    with installed_db.session() as s:
        assert s.get(Lecture, sample["lecture"]).attendance == 80


def test_a_whole_date_can_be_typed_whatever_section_is_selected(qtbot, installed_db, sample) -> None:
    """Issue 12: typing a year was ignored unless the year section was selected."""
    dialog = _open(qtbot, LectureDialog(installed_db, sample["lecture"], year=2025, district="柳南区"))
    edit = dialog.ui.heldOnEdit
    edit.setFocus()
    edit.setCurrentSection(edit.Section.DaySection)
    qtbot.keyClicks(edit, "2026")
    assert edit.date() == QDate(2026, 6, 1)  # the year typed, month and day kept
    qtbot.wait(1600)  # a pause: the next digits are a new date
    qtbot.keyClicks(edit, "2025-7-9")
    assert edit.date() == QDate(2025, 7, 9)
    qtbot.wait(1600)
    qtbot.keyClicks(edit, "20250315")
    assert edit.date() == QDate(2025, 3, 15)


def test_a_district_clerk_cannot_move_a_unit_to_another_district(qtbot, installed_db, sample, monkeypatch) -> None:
    """Issue 12's follow-up: the unit form kept 县区 editable for a district clerk."""
    from liuzhou_gui.ui.pages import list_pages

    opened: list[UnitDialog] = []
    monkeypatch.setattr(list_pages, "_run", lambda dialog: opened.append(dialog) or False)
    with installed_db.session() as s:
        unit_id = s.scalars(select(Unit.id).limit(1)).one()
    for home in ("柳南区", None):
        page = list_pages.unit_page(installed_db, lambda home=home: home)
        qtbot.addWidget(page)
        page.spec.open_editor(unit_id)
        page.spec.open_editor(None)
    for dialog, editable in zip(opened, (False, False, True, True), strict=True):
        qtbot.addWidget(dialog)
        assert dialog.ui.districtCombo.isEnabled() is editable
    assert opened[1].ui.districtCombo.currentText() == "柳南区"
