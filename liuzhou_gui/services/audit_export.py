"""The audit trail as an Excel workbook (bank card numbers are already masked when recorded)."""

from __future__ import annotations

from pathlib import Path

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ..storage import audit
from ..storage.models import AuditEntry
from .workbook_io import keep_as_text, new_workbook, save_workbook

COLUMNS = (("时间", 20), ("操作人", 14), ("操作", 8), ("对象", 10), ("编号", 8), ("记录", 36), ("改动内容", 80))


def audit_rows(entries: list[AuditEntry]) -> list[tuple[str, str, str, str, int | None, str, str]]:
    return [
        (
            audit.local_time(entry.at).strftime("%Y-%m-%d %H:%M:%S"), entry.user,
            audit.ACTION_LABELS.get(entry.action, entry.action), audit.ENTITY_LABELS.get(entry.entity, entry.entity),
            entry.record_id, entry.label, audit.describe_changes(entry),
        )
        for entry in entries
    ]


def write_audit_workbook(entries: list[AuditEntry], output: Path) -> Path:
    book, sheet = new_workbook("操作记录")
    sheet.append([title for title, _ in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in audit_rows(entries):
        sheet.append(row)
        keep_as_text(sheet[sheet.max_row])
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    return save_workbook(book, output, "操作记录")
