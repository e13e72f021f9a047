"""The sender's rows back, with a 错误原因 column, so a township can fix its own file."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from ..workbook_io import keep_as_text, new_workbook, save_workbook
from .plan import ImportPlan

ERROR_FILL = PatternFill("solid", fgColor="FFF2CC")


def _safe(value: object) -> object:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)[:32_767]
    return value if isinstance(value, int | float) or value is None or hasattr(value, "isoformat") else str(value)


def write_error_workbook(plan: ImportPlan, output: Path) -> Path:
    reasons: dict[int, list[str]] = defaultdict(list)
    for error in plan.errors:
        reasons[error.row].append((f"【{error.column}】" if error.column else "") + error.message)
    book, sheet = new_workbook("错误行")
    sheet.append([*plan.sheet.headers, "原行号", "错误原因"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, values in plan.sheet.rows:
        if number not in reasons:
            continue
        width = len(plan.sheet.headers)
        row = [_safe(v) for v in (list(values) + [None] * width)[:width]]
        sheet.append([*row, number, "；".join(reasons[number])])
        keep_as_text(sheet[sheet.max_row])
        sheet.cell(sheet.max_row, width + 2).fill = ERROR_FILL
    sheet.column_dimensions[get_column_letter(len(plan.sheet.headers) + 2)].width = 60
    return save_workbook(book, output, "错误清单")
