"""The "五进" unit form (forms/unit_form.ui) for a new or an existing unit."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QWidget

from ...domain.drafts import UnitDraft
from ...domain.reference import DISTRICTS, UNIT_KINDS
from ...domain.validation import parse_count
from ...operations import Outcome, records
from ...storage.database import Database
from ..generated.ui_unit_form import Ui_UnitForm
from .form_support import RecordForm, set_combo_text


def category_boxes(container: QWidget) -> list[QCheckBox]:
    return container.findChildren(QCheckBox)


class UnitDialog(RecordForm):
    def __init__(self, db: Database, unit_id: int | None = None, parent: QWidget | None = None,
                 *, district: str | None = None) -> None:
        super().__init__(db, unit_id, parent)
        self.ui = Ui_UnitForm()
        self.ui.setupUi(self)
        ui = self.ui
        ui.districtCombo.addItems([d.name for d in DISTRICTS])
        ui.kindCombo.addItems(UNIT_KINDS)
        if unit_id is None:
            self.setWindowTitle("新建五进单位")
            draft = UnitDraft(district=district or DISTRICTS[0].name, kind=UNIT_KINDS[1])
        else:
            opened = records.open_unit(db, unit_id)
            draft, self.version = opened.draft, opened.version
            self.setWindowTitle(f"编辑五进单位：{draft.name}")
        if district is not None:
            # A district bureau's own units, or one made from a lecture form: that district only.
            ui.districtCombo.setEnabled(False)
        self._show(draft)
        self.field_widgets = {
            "district": ui.districtCombo, "name": ui.nameEdit, "kind": ui.kindCombo,
            "categories": ui.categoriesBox, "credit_code": ui.creditCodeEdit, "address": ui.addressEdit,
            "contact": ui.contactEdit, "phone": ui.phoneEdit, "industry": ui.industryEdit,
            "worker_count": ui.workerCountEdit, "note": ui.noteEdit,
        }
        self.finish_setup()

    def _show(self, draft: UnitDraft) -> None:
        ui = self.ui
        set_combo_text(ui.districtCombo, draft.district)
        ui.nameEdit.setText(draft.name)
        set_combo_text(ui.kindCombo, draft.kind)
        for box in category_boxes(ui.categoriesBox):
            box.setChecked(box.text() in draft.categories)
        ui.creditCodeEdit.setText(draft.credit_code)
        ui.addressEdit.setText(draft.address)
        ui.contactEdit.setText(draft.contact)
        ui.phoneEdit.setText(draft.phone)
        ui.industryEdit.setText(draft.industry)
        ui.workerCountEdit.setText("" if draft.worker_count is None else str(draft.worker_count))
        ui.noteEdit.setText(draft.note)

    def build_draft(self) -> UnitDraft:
        ui = self.ui
        return UnitDraft(
            district=ui.districtCombo.currentText(), name=ui.nameEdit.text(), kind=ui.kindCombo.currentText(),
            categories=[b.text() for b in category_boxes(ui.categoriesBox) if b.isChecked()],
            credit_code=ui.creditCodeEdit.text(), address=ui.addressEdit.text(), contact=ui.contactEdit.text(),
            phone=ui.phoneEdit.text(), industry=ui.industryEdit.text(),
            worker_count=parse_count(ui.workerCountEdit.text()),  # a str result is clean()'s to report
            note=ui.noteEdit.text(),
        )

    def save(self, draft: UnitDraft) -> Outcome[int]:
        return records.save_unit(self.db, draft, self.record_id, self.version)
