"""A user's spreadsheet's rows under a header found by name (reading itself: `sheet_reader`).

Title rows above the header are skipped; headers are matched after folding full-width
characters and removing spaces, so "单 位 名 称" and "单位名称" are the same column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ...domain.errors import AppError
from ...domain.validation import clean_text
from . import sheet_limits
from .sheet_limits import HEADER_SEARCH_ROWS, too_many_rows
from .sheet_reader import read_sheet


def header_key(value: object) -> str:
    """Header text folded for matching: half-width, no spaces, no required-field stars."""
    return re.sub(r"[\s*＊]", "", clean_text(value))


@dataclass(frozen=True)
class SheetRows:
    header_row: int  # 1-based row number of the header
    columns: dict[str, int]  # column key → 0-based index
    headers: list[str]  # the header texts as written
    rows: list[tuple[int, tuple]]  # (1-based row number, values), blank rows dropped
    sheet_name: str = ""  # the sheet that was read (a workbook's active or first visible one; "" for CSV)


# The plan's tables (and this app's exports of them) end with a signer line and notes, each in one
# cell under the table: such a row ends the data.
FOOTER_PREFIXES = ("注:", "说明:", "填报人:")


def _filled(values: tuple) -> list:
    """The cells of a row that hold something (blank strings are empty)."""
    return [v for v in values if v is not None and not (isinstance(v, str) and not v.strip())]


def _is_footer(values: tuple) -> bool:
    filled = _filled(values)
    return len(filled) == 1 and isinstance(filled[0], str) and clean_text(filled[0]).startswith(FOOTER_PREFIXES)


def read_rows(path: Path, aliases: dict[str, str], required: set[str], titles: list[str] | None = None) -> SheetRows:
    """The rows of the sheet a user sees first, under the first row that names every required column.

    `titles` are the template's own titles of the required columns, named when no header is found.
    """
    sheet = read_sheet(path)
    header_row = 0
    columns: dict[str, int] = {}
    headers: list[str] = []
    rows: list[tuple[int, tuple]] = []
    limit = sheet_limits.MAX_DATA_ROWS
    for number, values in enumerate(sheet.rows, start=1):
        if not header_row:
            if number > HEADER_SEARCH_ROWS:
                break
            found = {aliases[header_key(v)]: i for i, v in enumerate(values) if header_key(v) in aliases}
            if required <= set(found):
                header_row, columns = number, found
                headers = [clean_text(v) for v in values]
            continue
        if not _filled(values):
            continue
        if _is_footer(values):
            break
        if len(rows) >= limit:
            raise too_many_rows(path.name, limit)
        if sheet.formulas_without_value:
            values = tuple(
                FormulaWithoutValue() if (number - 1, i) in sheet.formulas_without_value else v
                for i, v in enumerate(values)
            )
        rows.append((number, values))
    if not header_row:
        names = "、".join(titles or sorted(k for k, v in aliases.items() if v in required))
        where = f"（读取的是工作表“{sheet.name}”）" if sheet.name else ""
        raise AppError(f"“{path.name}”的前 {HEADER_SEARCH_ROWS} 行中找不到表头{where}，必须有这些列：{names}。")
    return SheetRows(header_row, columns, headers, rows, sheet.name)


class FormulaWithoutValue:
    """A formula cell saved without its computed value (e.g. written by a program, never opened in Excel)."""

    def __str__(self) -> str:
        return ""
