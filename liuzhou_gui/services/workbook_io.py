"""Saving openpyxl workbooks the safe way: never a half-written file, never a formula from user text."""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.worksheet.worksheet import Worksheet

from .files import write_atomically


def new_workbook(title: str) -> tuple[Workbook, Worksheet]:
    """A new workbook and its one sheet, named: `Workbook().active` may in general be a chart sheet or None."""
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a fresh Workbook always starts with one worksheet
    sheet.title = title
    return book, sheet


def keep_as_text(cells: Iterable[Cell | MergedCell]) -> None:
    """A value typed by a user ("=1+1", "+86…") stays text; openpyxl would make it a formula."""
    for cell in cells:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def save_workbook(book: Workbook, output: Path, what: str = "文件") -> Path:
    """Written beside the target and renamed over it, so a crash leaves the old file or the new one.

    Built in memory first: openpyxl's zip writer left open on a full disk fails again when it is
    collected, long after the user has been told.
    """
    buffer = io.BytesIO()
    book.save(buffer)
    content = buffer.getvalue()
    return write_atomically(output, lambda partial: partial.write_bytes(content), what)
