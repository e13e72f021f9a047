"""下载导入模板: an empty workbook per kind, with the header, an example row and drop-down lists."""

from __future__ import annotations

from pathlib import Path

from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ...domain.reference import CATEGORIES, DISTRICTS, EXPERT_LEVELS, SESSION_STATUSES, UNIT_KINDS
from ..workbook_io import new_workbook, save_workbook
from .kinds import KINDS

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
EXAMPLE_FONT = Font(color="808080", italic=True)
ROWS_WITH_LISTS = 2000

CHOICES = {
    "district": [d.name for d in DISTRICTS],
    "kind": list(UNIT_KINDS),
    "category": list(CATEGORIES),
    "level": list(EXPERT_LEVELS),
    "status": list(SESSION_STATUSES.values()),
}


def write_template(kind_name: str, output: Path) -> Path:
    kind = KINDS[kind_name]
    book, sheet = new_workbook(f"{kind.label}导入")
    sheet.append([c.title + ("*" if c.required else "") for c in kind.columns])
    sheet.append([c.example for c in kind.columns])
    for index, column in enumerate(kind.columns, start=1):
        header = sheet.cell(1, index)
        header.font = Font(bold=True, color="C00000" if column.required else "000000")
        header.fill = HEADER_FILL
        sheet.cell(2, index).font = EXAMPLE_FONT
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(column.title) * 2 + 4)
        letter = get_column_letter(index)
        cells = f"{letter}2:{letter}{ROWS_WITH_LISTS}"
        choices = CHOICES.get(column.key) or (list(CATEGORIES) if column.key == "categories" else None)
        if choices:
            rule = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
            rule.error, rule.errorTitle = "请从下拉列表中选择", "输入有误"
            if column.key == "categories":
                # Several categories may be typed ("职业健康、心理健康"): offer the list, refuse nothing.
                rule.showErrorMessage = False
                header.comment = Comment(f"可填写多个，用“、”分隔：{'、'.join(CATEGORIES)}", "liuzhou_gui")
            sheet.add_data_validation(rule)
            rule.add(cells)
    if sheet.cell(1, 1).comment is None:
        sheet.cell(1, 1).comment = Comment("带 * 的列必须填写；第 2 行是示例（原样导入时会被跳过）。", "liuzhou_gui")
    sheet.freeze_panes = "A2"
    return save_workbook(book, output, "模板")
