"""Saving openpyxl workbooks the safe way: never a half-written file, never a formula from user text."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell

from ..domain.errors import AppError


def keep_as_text(cells: Iterable[Cell]) -> None:
    """A value typed by a user ("=1+1", "+86…") stays text; openpyxl would make it a formula."""
    for cell in cells:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def save_workbook(book: Workbook, output: Path, what: str = "文件") -> Path:
    """Written beside the target and renamed over it, so a crash leaves the old file or the new one."""
    partial = output.with_name(output.name + ".partial")
    try:
        book.save(partial)
        partial.replace(output)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise AppError(f"无法写入{what}“{output}”：{exc.strerror or exc}") from exc
    return output
