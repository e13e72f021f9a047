"""First start (and 设置): which bureau this installation belongs to, its 填报人 and 联系电话."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from ...domain.reference import CITY_OFFICE
from ...operations import Outcome, settings
from ...services import installation
from ...storage.database import Database
from .. import messages
from ..generated.ui_first_start import Ui_FirstStartForm
from .form_support import RecordForm, set_combo_text

CHOOSE = "（请选择）"
NEEDED = (f"本软件需要先选择所属单位（本县区的卫生健康局，或{CITY_OFFICE}）才能使用：报表、报送包和"
          "可看的县区都由它决定。\n\n不选择就退出软件吗？")


@dataclass
class InstallationDraft:
    bureau: str
    reporter: str
    phone: str

    def clean(self) -> installation.Installation:
        return installation.check(self.bureau, self.reporter, self.phone)


class FirstStartDialog(RecordForm):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, None, parent)
        self.ui = Ui_FirstStartForm()
        self.ui.setupUi(self)
        ui = self.ui
        ui.bureauCombo.addItem(CHOOSE)
        ui.bureauCombo.addItems(installation.BUREAU_CHOICES)
        with db.session() as session:
            current = installation.load(session)
        if current is not None:
            self.setWindowTitle("所属单位与填报人")
            set_combo_text(ui.bureauCombo, current.bureau)
            ui.reporterEdit.setText(current.reporter)
            ui.phoneEdit.setText(current.reporter_phone)
        ui.bureauCombo.setToolTip(f"区县卫生健康局只看本县区；{CITY_OFFICE}可看全部县区。")
        self.field_widgets = {"bureau": ui.bureauCombo, "reporter": ui.reporterEdit, "reporter_phone": ui.phoneEdit}
        self.finish_setup()
        self.result_installation: installation.Installation | None = current

    def build_draft(self) -> InstallationDraft:
        ui = self.ui
        return InstallationDraft(ui.bureauCombo.currentText(), ui.reporterEdit.text(), ui.phoneEdit.text())

    def reject(self) -> None:
        """At first start 取消 would quit the app: say why the office is needed, and let the user go back."""
        if self.result_installation is not None:  # 设置 → 修改: the bureau stays as it was
            super().reject()
            return
        if messages.ask(self, NEEDED, "需要选择所属单位"):
            self.done(0)  # no second "放弃修改?" question: the answer was just given
        # else: the dialog stays open with whatever was typed

    def save(self, draft: InstallationDraft) -> Outcome[int]:
        outcome = settings.save_installation(self.db, draft.bureau, draft.reporter, draft.phone)
        self.result_installation = outcome.value
        return Outcome(0, outcome.changes)
