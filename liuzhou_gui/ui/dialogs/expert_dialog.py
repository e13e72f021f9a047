"""The expert form (forms/expert_form.ui) for a new or an existing expert."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...domain.cards import card_text, is_unreadable
from ...domain.drafts import ExpertDraft
from ...domain.reference import CATEGORIES, DISTRICTS, EXPERT_LEVELS, LEVEL_CITY
from ...operations import Outcome, records
from ...storage.database import Database
from ..generated.ui_expert_form import Ui_ExpertForm
from ..widgets.card_notice import audited_reveal
from .form_support import RecordForm, set_combo_text

NO_DISTRICT = "（无，自治区级专家）"


class ExpertDialog(RecordForm):
    def __init__(self, db: Database, expert_id: int | None = None, parent: QWidget | None = None,
                 *, district: str | None = None) -> None:
        super().__init__(db, expert_id, parent)
        self.ui = Ui_ExpertForm()
        self.ui.setupUi(self)
        ui = self.ui
        ui.levelCombo.addItems(EXPERT_LEVELS)
        ui.categoryCombo.addItems(CATEGORIES)
        ui.districtCombo.addItems([NO_DISTRICT, *(d.name for d in DISTRICTS)])
        self._card = self._stored_card = ""
        if expert_id is None:
            self.setWindowTitle("新建专家")
            draft = ExpertDraft(level=LEVEL_CITY, category=CATEGORIES[0], district=district)
        else:
            opened = records.open_expert(db, expert_id)
            draft, self.version = opened.draft, opened.version
            self.setWindowTitle(f"编辑专家：{draft.name}")
        self._show(draft)
        ui.showCardButton.toggled.connect(self._reveal_card)
        ui.bankCardEdit.textEdited.connect(self._card_typed)
        self.field_widgets = {
            "name": ui.nameEdit, "level": ui.levelCombo, "category": ui.categoryCombo,
            "district": ui.districtCombo, "unit": ui.unitEdit, "title": ui.titleEdit, "phone": ui.phoneEdit,
            "bank_card": ui.bankCardEdit, "group": ui.groupEdit, "note": ui.noteEdit,
        }
        self.finish_setup()

    def _show(self, draft: ExpertDraft) -> None:
        ui = self.ui
        ui.nameEdit.setText(draft.name)
        set_combo_text(ui.levelCombo, draft.level)
        set_combo_text(ui.categoryCombo, draft.category)
        set_combo_text(ui.districtCombo, draft.district or NO_DISTRICT)
        ui.unitEdit.setText(draft.unit)
        ui.titleEdit.setText(draft.title)
        ui.phoneEdit.setText(draft.phone)
        self._card = self._stored_card = draft.bank_card
        editable = not self._card and not is_unreadable(self._card)  # an empty number is typed straight in
        self._reveal_card(editable)
        ui.showCardButton.setChecked(editable)
        ui.groupEdit.setText(draft.group)
        ui.noteEdit.setText(draft.note)

    def _reveal_card(self, shown: bool) -> None:
        """Masked and read-only until the user asks to see (and edit) the number; seeing a stored one is audited."""
        edit = self.ui.bankCardEdit
        if shown and self._card and self._card is self._stored_card and not is_unreadable(self._card) \
                and not audited_reveal(self, self.db, self.record_id, self.ui.nameEdit.text()):
            self.ui.showCardButton.setChecked(False)
            return
        if shown and is_unreadable(self._card):
            edit.setText("")  # typing a number replaces the one this PC cannot read
            edit.setPlaceholderText("本机无法解密原卡号，可重新录入")
        else:
            edit.setText(card_text(self._card, masked=not shown))
        edit.setReadOnly(not shown)
        self.ui.showCardButton.setText("隐藏" if shown else "显示")

    def _card_typed(self, text: str) -> None:
        self._card = text

    def build_draft(self) -> ExpertDraft:
        ui = self.ui
        district = ui.districtCombo.currentText()
        return ExpertDraft(
            name=ui.nameEdit.text(), level=ui.levelCombo.currentText(), category=ui.categoryCombo.currentText(),
            unit=ui.unitEdit.text(), title=ui.titleEdit.text(),
            district=None if district == NO_DISTRICT else district, phone=ui.phoneEdit.text(),
            bank_card=self._card, group=ui.groupEdit.text(), note=ui.noteEdit.text(),
        )

    def save(self, draft: ExpertDraft) -> Outcome[int]:
        return records.save_expert(self.db, draft, self.record_id, self.version)
