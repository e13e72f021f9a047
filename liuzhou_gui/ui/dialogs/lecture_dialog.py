"""The 科普活动 (lecture) form (forms/lecture_form.ui) for a new or an existing lecture."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QObject, QTime
from PySide6.QtWidgets import QCheckBox, QWidget

from ...domain.drafts import LectureDraft
from ...domain.reference import DISTRICTS, SESSION_STATUSES, STATUS_PLANNED
from ...domain.validation import cleaned_count, cleaned_percent
from ...operations import Outcome, records
from ...storage.database import Database
from ...storage.listing.choices import expert_choices, unit_choices
from ..generated.ui_lecture_form import Ui_LectureForm
from ..widgets.qt_dates import py_date, py_time, qt_date, qt_time
from .form_support import RecordForm, set_combo_text
from .lecture_evaluation import EvaluationSection
from .unit_dialog import UnitDialog


class LectureDialog(RecordForm):
    def __init__(self, db: Database, lecture_id: int | None = None, parent: QWidget | None = None,
                 *, year: int, district: str | None = None) -> None:
        super().__init__(db, lecture_id, parent)
        self.ui = Ui_LectureForm()
        self.ui.setupUi(self)
        ui = self.ui
        ui.districtCombo.addItems([d.name for d in DISTRICTS])
        for code, label in SESSION_STATUSES.items():
            ui.statusCombo.addItem(label, code)
        for spin in (ui.attendanceSpin, ui.questionnairesSpin):
            spin.setMinimum(-1)
        self.evaluation = EvaluationSection(db, lecture_id, self)
        ui.columnsLayout.addWidget(self.evaluation.widget)
        self.resize(1320, 760)
        if lecture_id is None:
            self.setWindowTitle("新建科普活动")
            today = date.today()
            held_on = today if today.year == year else date(year, 5, 15)
            draft = LectureDraft(year=year, district=district or DISTRICTS[0].name, held_on=held_on,
                                 status=STATUS_PLANNED)
        else:
            opened = records.open_lecture(db, lecture_id)
            draft, self.version = opened.draft, opened.version
            self.setWindowTitle(f"编辑科普活动：{draft.held_on} {draft.place}")
        self.year = draft.year
        ui.heldOnEdit.setDateRange(QDate(self.year - 1, 1, 1), QDate(self.year + 1, 12, 31))
        ui.heldOnEdit.calendarWidget().setGridVisible(True)
        if district is not None:  # a district bureau's own lectures: created and edited in its district only
            ui.districtCombo.setEnabled(False)
        self._show(draft)
        ui.districtCombo.currentTextChanged.connect(self._district_changed)
        ui.timesCheck.toggled.connect(self._times_toggled)
        ui.newUnitButton.clicked.connect(self.new_unit)
        self.field_widgets = {
            "held_on": ui.heldOnEdit, "end_time": ui.timesBox, "district": ui.districtCombo,
            "place": ui.placeEdit, "categories": ui.categoriesBox, "topic": ui.topicEdit,
            "organiser": ui.organiserEdit, "status": ui.statusCombo, "attendance": ui.attendanceSpin,
            "questionnaires": ui.questionnairesSpin, "satisfaction": ui.satisfactionSpin,
            "subsidised": ui.subsidisedCheck, "note": ui.noteEdit, "unit_ids": ui.unitsPicker,
            "expert_ids": ui.expertsPicker, **self.evaluation.field_widgets,
        }
        del self.field_widgets["opinions"]  # a QPlainTextEdit: watched below
        self.finish_setup()
        self.field_widgets["opinions"] = self.evaluation.ui.opinionsEdit
        self.evaluation.ui.opinionsEdit.textChanged.connect(lambda: self._touch("opinions"))
        ui.statusCombo.currentIndexChanged.connect(lambda *_: self._status_changed())
        for spin in self.evaluation.rating_spins:
            spin.valueChanged.connect(lambda *_: self._status_changed())
        self._status_changed()
        for edit in (ui.startTimeEdit, ui.endTimeEdit):
            edit.timeChanged.connect(lambda *_: self._touch("end_time"))
        self._spin_fields: dict[QObject, str] = {
            ui.attendanceSpin: "attendance", ui.questionnairesSpin: "questionnaires",
            ui.satisfactionSpin: "satisfaction",
        }
        for box in (ui.attendanceSpin, ui.questionnairesSpin, ui.satisfactionSpin):
            box.refused.connect(self._refused)

    def _refused(self, _text: str) -> None:
        """Enter on a value the box cannot hold: say so now, beside the field."""
        name = self._spin_fields.get(self.sender())
        if name is not None:
            self._touch(name)
            self.validate_live()

    def _touch(self, name: str) -> None:
        self.mark_dirty()
        self._touched.add(name)
        self._timer.start()

    def _show(self, draft: LectureDraft) -> None:
        ui = self.ui
        ui.heldOnEdit.setDate(qt_date(draft.held_on) if draft.held_on else QDate(self.year, 5, 15))
        has_times = draft.start_time is not None
        ui.timesCheck.setChecked(has_times)
        ui.startTimeEdit.setTime(qt_time(draft.start_time) if draft.start_time else QTime(9, 0))
        ui.endTimeEdit.setTime(qt_time(draft.end_time) if draft.end_time else QTime(11, 0))
        self._times_toggled(has_times)
        set_combo_text(ui.districtCombo, draft.district)
        ui.placeEdit.setText(draft.place)
        for box in ui.categoriesBox.findChildren(QCheckBox):
            box.setChecked(box.text() in draft.categories)
        ui.topicEdit.setText(draft.topic)
        ui.organiserEdit.setText(draft.organiser)
        ui.statusCombo.setCurrentIndex(max(ui.statusCombo.findData(draft.status), 0))
        # A stored record's numbers are clean: cleaned_* only tells the type checker so.
        attendance, questionnaires = cleaned_count(draft.attendance), cleaned_count(draft.questionnaires)
        satisfaction = cleaned_percent(draft.satisfaction)
        ui.expertsPicker.set_items(expert_choices(self.db), draft.expert_ids)
        ui.attendanceSpin.setValue(-1 if attendance is None else attendance)
        ui.questionnairesSpin.setValue(-1 if questionnaires is None else questionnaires)
        ui.satisfactionSpin.setValue(-1 if satisfaction is None else satisfaction)
        ui.subsidisedCheck.setChecked(draft.subsidised)
        ui.noteEdit.setText(draft.note)
        self.evaluation.show(draft)
        ui.unitsPicker.set_items(unit_choices(self.db, ui.districtCombo.currentText()), draft.unit_ids)

    def _status_changed(self) -> None:
        """The evaluation belongs to held lectures; a rate typed by hand only where no counts are given."""
        self.evaluation.set_held(self.ui.statusCombo.currentData())
        counted = self.evaluation.counts_given()
        self.ui.satisfactionSpin.setEnabled(not counted)
        self.ui.satisfactionSpin.setToolTip("由右侧各项满意度份数计算" if counted else "")

    def _times_toggled(self, on: bool) -> None:
        self.ui.startTimeEdit.setEnabled(on)
        self.ui.endTimeEdit.setEnabled(on)

    def _district_changed(self, district: str) -> None:
        self.ui.unitsPicker.set_items(unit_choices(self.db, district), [])

    def new_unit(self) -> None:
        """Create a unit of this lecture's district without leaving the form; it comes back ticked."""
        district = self.ui.districtCombo.currentText()
        dialog = UnitDialog(self.db, None, self, district=district)
        if dialog.exec() and dialog.saved_id is not None:
            picker = self.ui.unitsPicker
            picker.set_items(unit_choices(self.db, district), [*picker.checked_ids(), dialog.saved_id])
            self._touch("unit_ids")

    def build_draft(self) -> LectureDraft:
        ui = self.ui
        times = ui.timesCheck.isChecked()
        start = py_time(ui.startTimeEdit.time()) if times else None
        end = py_time(ui.endTimeEdit.time()) if times else None
        return LectureDraft(
            year=self.year, district=ui.districtCombo.currentText(), held_on=py_date(ui.heldOnEdit.date()),
            start_time=start, end_time=end, place=ui.placeEdit.text(),
            unit_ids=ui.unitsPicker.checked_ids(),
            categories=[b.text() for b in ui.categoriesBox.findChildren(QCheckBox) if b.isChecked()],
            expert_ids=ui.expertsPicker.checked_ids(), topic=ui.topicEdit.text(),
            # typed_value: a number the box cannot hold ("-5") is passed on for clean() to name, never 未填
            attendance=ui.attendanceSpin.typed_value(),
            organiser=ui.organiserEdit.text(), status=ui.statusCombo.currentData(),
            questionnaires=ui.questionnairesSpin.typed_value(),
            satisfaction=ui.satisfactionSpin.typed_value(),
            subsidised=ui.subsidisedCheck.isChecked(),
            note=ui.noteEdit.text(), **self.evaluation.values(),
        )

    def save(self, draft: LectureDraft) -> Outcome[int]:
        return records.save_lecture(self.db, draft, self.record_id, self.version)
