"""Every message box of the app goes through here, so tests can switch real dialogs off.

Tests call `suppress(answers)`: no dialog is shown, each message is recorded in `shown`, and
questions take their answer from the given list (or the default answer when it is empty).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)


@dataclass
class Shown:
    kind: str  # info, warning, error, question
    title: str
    text: str


_suppressed = False
_answers: list[bool] = []
shown: list[Shown] = []


def suppress(answers: list[bool] | None = None) -> None:
    """Tests: show nothing, record everything, answer questions from `answers` in order."""
    global _suppressed
    _suppressed = True
    _answers[:] = answers or []
    shown.clear()


def restore() -> None:
    global _suppressed
    _suppressed = False
    _answers.clear()
    _choices.clear()
    shown.clear()


def answer_next(*answers: bool) -> None:
    _answers.extend(answers)


def _record(kind: str, title: str, text: str) -> bool:
    shown.append(Shown(kind, title, text))
    log.info("%s: %s – %s", kind, title, text)
    return _suppressed


def info(parent: QWidget | None, text: str, title: str = "提示") -> None:
    if not _record("info", title, text):
        QMessageBox.information(parent, title, text)


def warning(parent: QWidget | None, text: str, title: str = "请注意") -> None:
    if not _record("warning", title, text):
        QMessageBox.warning(parent, title, text)


def error(parent: QWidget | None, text: str, title: str = "出错了", details: str = "") -> None:
    if _record("error", title, text):
        return
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def ask(parent: QWidget | None, text: str, title: str = "请确认", *, default: bool = False) -> bool:
    """A yes/no question; True for 是."""
    if _record("question", title, text):
        return _answers.pop(0) if _answers else default
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    default_button = QMessageBox.StandardButton.Yes if default else QMessageBox.StandardButton.No
    return QMessageBox.question(parent, title, text, buttons, default_button) == QMessageBox.StandardButton.Yes


_texts: list[str | None] = []


def answer_text_next(*texts: str | None) -> None:
    """Tests: what the next text questions are answered (None: cancelled)."""
    _texts.extend(texts)


def ask_text(parent: QWidget | None, text: str, title: str = "请填写") -> str | None:
    """A line of text from the user (a 退回 reason), None when cancelled."""
    if _record("text", title, text):
        return _texts.pop(0) if _texts else None
    from PySide6.QtWidgets import QInputDialog

    value, ok = QInputDialog.getMultiLineText(parent, title, text)
    return value if ok else None


_choices: list[str] = []


def answer_choice_next(*labels: str) -> None:
    """Tests: which button the next `choose` questions are answered with."""
    _choices.extend(labels)


def choose(parent: QWidget | None, text: str, title: str, labels: list[str], *, default: int = 0) -> str:
    """A question with several answers (重试 / 改用本机文件 / 退出): the label of the button pressed.
    Closing the box (Esc, ×) answers the last label, the way out."""
    if _record("choice", title, text):
        return _choices.pop(0) if _choices else labels[default]
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    buttons = [box.addButton(label, QMessageBox.ButtonRole.AcceptRole) for label in labels]
    box.setDefaultButton(buttons[default])
    box.setEscapeButton(buttons[-1])
    box.exec()
    clicked = box.clickedButton()
    return next((label for label, button in zip(labels, buttons, strict=True) if button is clicked), labels[-1])


opened_dialogs: list[QWidget] = []  # tests: the dialogs run_dialog would have shown


def run_dialog(dialog, title: str = "") -> bool:
    """exec() a dialog; True when accepted. Suppressed (tests): recorded, answered like ask (default 是)."""
    if _record("dialog", title or dialog.windowTitle(), ""):
        opened_dialogs.append(dialog)
        return _answers.pop(0) if _answers else True
    return bool(dialog.exec())
