"""Entry widgets that take what a clerk types: a date typed whole, a count that is never changed silently.

Both are used by the forms through Designer's "promoted widget" (forms/*.ui, customwidgets).
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QDateEdit, QDoubleSpinBox, QSpinBox, QWidget

from .qt_dates import py_date, qt_date

TYPING_PAUSE_MS = 1500  # a longer pause starts a new date
_SEPARATORS = "-/.年月日 "
_DATE_RE = re.compile(r"^(\d{4})(?:[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?)?[-/.年月]?$")
_COMPACT_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_typed_date(text: str, current: date) -> date | None:
    """What a typed string means, with the parts not typed yet taken from `current`.

    "2024" → that year; "2024-6" / "2024/06" → that month; "2024-6-1", "2024.06.01", "20240601",
    "2024年6月1日" → that day. None when it is not (yet) a date.
    """
    text = text.strip()
    match = _COMPACT_RE.match(text) or _DATE_RE.match(text)
    if not match:
        return None
    year = int(match[1])
    month = int(match[2]) if match[2] else current.month
    if not 1 <= month <= 12 or year < 1900:
        return None
    last_day = calendar.monthrange(year, month)[1]
    if match[3]:
        day = int(match[3])
        return date(year, month, day) if 1 <= day <= last_day else None
    return date(year, month, min(current.day, last_day))  # 2月 typed on 31 March: the 28th or 29th


class DateEntry(QDateEdit):
    """A QDateEdit that also takes a whole date typed in, whichever section the cursor is in.

    Qt's own editing changes only the selected section, so typing "2024" with the day selected was
    ignored. Digits and separators typed in a row are read as one date (the rest of the date kept
    until it is typed); arrows, Page Up/Down and the calendar work as before.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typed = ""
        self._since = QElapsedTimer()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text and (text.isdigit() or (text in _SEPARATORS and self._typed)):
            if not self._since.isValid() or self._since.elapsed() > TYPING_PAUSE_MS:
                self._typed = ""
            self._since.start()
            self._typed += text
            self._apply_typed()
            event.accept()
            return
        if event.key() not in (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt):
            self._typed = ""
        super().keyPressEvent(event)

    def _apply_typed(self) -> None:
        found = parse_typed_date(self._typed, py_date(self.date()))
        if found is None:
            return
        wanted = qt_date(found)
        if self.minimumDate() <= wanted <= self.maximumDate():
            self.setDate(wanted)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._typed = ""
        super().focusInEvent(event)

    @property
    def typed(self) -> str:
        """What was typed since the last pause (for the form's message when it is no date)."""
        return self._typed


if TYPE_CHECKING:
    _SpinBox = QAbstractSpinBox  # what the mixin is mixed into: QSpinBox or QDoubleSpinBox
else:
    _SpinBox = object


class _KeepsRefusedInput(_SpinBox):
    """For spin boxes whose lowest value means 未填: input the box cannot hold stays visible.

    Qt's spin box drops what it cannot take (a "-5" for 覆盖人数 became 未填 without a word). Here
    the text stays, `typed_value()` returns it for the form's validation (which then names the
    field and the reason), and `refused` fires on Enter so the form can say so before saving.
    """

    refused_text: str | None = None
    if TYPE_CHECKING:
        refused: Signal  # each subclass's own Signal(str): PySide binds signals of the Qt class only

    def _box(self) -> QSpinBox | QDoubleSpinBox:
        assert isinstance(self, QSpinBox | QDoubleSpinBox)
        return self

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        """(state, text, pos): PySide hands Qt's in/out arguments back as a tuple."""
        result: object = super().validate(text, pos)  # that tuple, or a bare state (older PySide)
        found = result[0] if isinstance(result, tuple) else result
        state = found if isinstance(found, QValidator.State) else QValidator.State.Invalid
        box = self._box()
        bare = text.removeprefix(box.prefix()).removesuffix(box.suffix()).strip()
        if state == QValidator.State.Acceptable or not bare or bare == self.specialValueText():
            self.refused_text = None
        elif bare in ("-", "+", "."):
            self.refused_text = None  # the start of a number
            state = QValidator.State.Intermediate
        else:
            self.refused_text = bare
            state = QValidator.State.Intermediate
        return state, text, pos

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.refused_text is not None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()  # to the dialog (保存), without the box first putting its old value back
            self.refused.emit(self.refused_text)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if self.refused_text is not None:  # leave the text as typed: the form's check says what is wrong
            QWidget.focusOutEvent(self, event)
            return
        super().focusOutEvent(event)

    def typed_value(self) -> int | float | str | None:
        """None for 未填, the number, or what was typed that the box cannot hold."""
        if self.refused_text is not None:
            return _number_or_text(self.refused_text)
        box = self._box()
        value = box.value()
        return None if value == box.minimum() and self.specialValueText() else value


def _number_or_text(text: str) -> int | float | str:
    try:
        number = float(text.replace(",", "").replace("，", ""))
    except ValueError:
        return text
    return int(number) if number.is_integer() else number


class CountSpin(_KeepsRefusedInput, QSpinBox):
    refused = Signal(str)


class PercentSpin(_KeepsRefusedInput, QDoubleSpinBox):
    refused = Signal(str)
