"""What every record form shares: live validation next to each field, Save/Esc/close handling.

A form subclass provides `build_draft()` (the draft from the widgets), `save(draft)` (one call of
an operations function, returning its Outcome) and `field_widgets` ({draft field name: widget}).
After a save the Outcome's changes are broadcast, so every page showing them refreshes. Errors from
`draft.clean()` appear in the red label `error_<field>` of the .ui file as the user types
(debounced, only for fields already touched) and all at once on Save. Each error label keeps its
line of space while empty, so nothing moves under the mouse; on Save each error is shown once beside
its field, the summary line only counts them, and the first wrong field gets the focus.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from ...domain.errors import AppError, FieldError, RecordChanged, ValidationError
from ...operations import Outcome, conflicts
from ...storage.database import Database
from .. import messages
from ..runner import broadcast, report_failure
from .record_changed_dialog import Choice, RecordChangedDialog

log = logging.getLogger(__name__)

VALIDATE_DELAY_MS = 300


class RecordForm(QDialog):
    """Base of the expert, unit and lecture dialogs."""

    saved = Signal(int)  # id of the record written

    def __init__(self, db: Database, record_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.record_id = record_id
        self.saved_id: int | None = None
        # The version of the record this form opened (records.open_*); a save names it, and a record another
        # clerk saved meanwhile is refused with both versions (RecordChanged) instead of being overwritten.
        self.version: int | None = None
        self.changed_dialog: RecordChangedDialog | None = None
        self._dirty = False
        self._touched: set[str] = set()
        self._timer = QTimer(self, singleShot=True, interval=VALIDATE_DELAY_MS)
        self._timer.timeout.connect(self.validate_live)

    # --- to be provided by subclasses -------------------------------------------------
    field_widgets: dict[str, QWidget]
    ui: Any  # the dialog's generated Ui_* form; every one has a buttonBox and an errorSummary

    def build_draft(self) -> Any:
        raise NotImplementedError

    def _show(self, draft: Any) -> None:
        """Put a draft into the widgets."""
        raise NotImplementedError

    def save(self, draft: Any) -> Outcome[Any]:
        """Save through one operations function (its own transaction); the value is the record id."""
        raise NotImplementedError

    # --- wiring ------------------------------------------------------------------------
    def finish_setup(self) -> None:
        """Call at the end of the subclass __init__, after the widgets hold the record."""
        buttons: QDialogButtonBox = self.ui.buttonBox
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText("保存(&S)")
        save.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        for name, widget in self.field_widgets.items():
            self._watch(name, widget)
        for label in self._error_labels():
            _reserve_line(label)
        _reserve_line(self.ui.errorSummary)
        self._dirty = False

    def _error_labels(self) -> list[QLabel]:
        return [label for label in self.findChildren(QLabel) if label.objectName().startswith("error_")]

    def _watch(self, name: str, widget: QWidget) -> None:
        def changed(*_args: object) -> None:
            self._dirty = True
            self._touched.add(name)
            self._timer.start()

        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(changed)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(changed)
        elif isinstance(widget, QAbstractButton):
            widget.toggled.connect(changed)
        elif isinstance(widget, QDateEdit | QTimeEdit):
            widget.dateTimeChanged.connect(changed)
        elif isinstance(widget, QSpinBox | QDoubleSpinBox):
            # The editor's keystrokes: input the box cannot hold ("-5") changes no value but is checked
            widget.valueChanged.connect(changed)
            widget.lineEdit().textEdited.connect(changed)
        elif hasattr(widget, "valueChanged"):
            widget.valueChanged.connect(changed)
        elif hasattr(widget, "changed"):
            widget.changed.connect(changed)
        for child in widget.findChildren(QCheckBox):
            child.toggled.connect(changed)

    def mark_dirty(self) -> None:
        self._dirty = True

    @property
    def dirty(self) -> bool:
        return self._dirty

    # --- validation ----------------------------------------------------------------------
    def errors_of_draft(self) -> list[FieldError]:
        try:
            self.build_draft().clean()
        except ValidationError as exc:
            return list(exc.errors)
        return []

    def validate_live(self) -> None:
        errors = [e for e in self.errors_of_draft() if e.field in self._touched]
        self.show_errors(errors, summary=False)

    def show_errors(self, errors: list[FieldError], *, summary: bool = True) -> None:
        """Each error once, beside its field; the summary only counts them (and names an error
        that has no label of its own, which would otherwise not be shown at all)."""
        by_field: dict[str, list[str]] = {}
        for error in errors:
            by_field.setdefault(error.field, []).append(error.message)
        labelled = set()
        for label in self._error_labels():
            field_name = label.objectName().removeprefix("error_")
            messages_of_field = by_field.get(field_name, [])
            label.setText("；".join(messages_of_field))
            label.setToolTip(label.text())
            if messages_of_field:
                labelled.add(field_name)
        box: QLabel = self.ui.errorSummary
        unlabelled = [f"{e.label}：{e.message}" for e in errors if e.field not in labelled]
        if summary and errors:
            box.setText("；".join([f"有 {len(errors)} 处需要修改，见红字。", *unlabelled]))
        else:
            box.setText("")

    # --- save / cancel -------------------------------------------------------------------
    def try_save(self) -> bool:
        errors = self.errors_of_draft()
        if not errors:
            try:
                outcome = self.save(self.build_draft())
            except ValidationError as exc:
                errors = list(exc.errors)
            except RecordChanged as exc:  # nothing written; the form keeps what was typed
                self._show_both_versions(exc)
                return False
            except AppError as exc:  # read-only, full disk, locked…: said once, the form keeps what was typed
                messages.error(self, exc.message, "无法保存")
                return False
            except Exception as exc:  # a bug: one Chinese sentence, details in the log, the form stays
                report_failure(self, exc, "无法保存")
                return False
            else:
                self.saved_id = outcome.value
                broadcast(outcome.changes)
        if errors:
            self.show_errors(errors)  # no message box as well: the errors are on the form, once
            self._focus_first(errors)
            return False
        log.info("saved %s %s", type(self).__name__, self.saved_id)
        self._dirty = False
        self.saved.emit(self.saved_id)
        self.accept()
        return True

    def _show_both_versions(self, refusal: RecordChanged) -> None:
        """Another clerk saved (or deleted) the record since this form opened it: the two versions side by
        side, over the form, which keeps what was typed until the clerk chooses."""
        dialog = RecordChangedDialog(refusal, conflicts.compare(self.db, refusal), self)
        dialog.chosen.connect(lambda choice: self._version_chosen(refusal, choice))
        self.changed_dialog = dialog
        log.info("save refused: record %s changed elsewhere (now version %s)", refusal.record_id,
                 refusal.their_version)
        dialog.open()

    def _version_chosen(self, refusal: RecordChanged, choice: Choice) -> None:
        self.changed_dialog = None
        if choice is Choice.KEEP_MINE:
            if refusal.deleted:  # saved as a new record: the deleted one stays in 回收站
                self.record_id = self.version = None
            else:
                self.version = refusal.their_version  # over the version just shown, knowingly
            self.try_save()
        elif choice is Choice.TAKE_THEIRS:
            self._show(refusal.theirs)
            self.version = refusal.their_version
            self._touched.clear()
            self._dirty = False
            self.show_errors([])
            self.ui.errorSummary.setText("已换成同事保存的版本，可以关闭，或在此基础上修改后保存。")

    def _focus_first(self, errors: list[FieldError]) -> None:
        """The wrong field that comes first on the form (field_widgets is in the form's reading order)."""
        wrong = {e.field for e in errors}
        first = next((w for name, w in self.field_widgets.items() if name in wrong), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def reject(self) -> None:
        if self._dirty and not messages.ask(self, "有尚未保存的修改，确定放弃吗？", "放弃修改"):
            return
        self._dirty = False
        super().reject()


def _reserve_line(label: QLabel) -> None:
    """Always shown, one line high even when empty: an error appearing does not push the form down."""
    label.setVisible(True)
    label.setWordWrap(False)  # a long message is cut on screen, in full in the tooltip
    # Ignored width: a long message never widens the dialog; fixed height: one line, always.
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    label.setFixedHeight(label.fontMetrics().height() + 2)


def set_combo_text(combo: QComboBox, text: str | None) -> None:
    index = combo.findText(text or "")
    combo.setCurrentIndex(max(index, 0))

