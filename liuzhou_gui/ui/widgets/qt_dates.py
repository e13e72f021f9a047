"""Dates and times between Qt and Python, typed (PySide6's stubs give toPython() as `object`)."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QDateEdit, QWidget


def py_date(value: QDate) -> date:
    found = value.toPython()
    if not isinstance(found, date):
        raise TypeError(f"not a date: {value!r}")  # an invalid QDate
    return found


def py_time(value: QTime) -> time:
    found = value.toPython()
    if not isinstance(found, time):
        raise TypeError(f"not a time: {value!r}")
    return found


def qt_date(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def qt_time(value: time) -> QTime:
    return QTime(value.hour, value.minute, value.second, value.microsecond // 1000)


def date_edit(parent: QWidget | None = None, initial: QDate | None = None) -> QDateEdit:
    """A date box as every form and filter has it: yyyy-MM-dd with a calendar to pick from."""
    edit = QDateEdit(parent)
    if initial is not None:
        edit.setDate(initial)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit
