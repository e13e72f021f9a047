"""The 导入 Excel… and 下载导入模板… buttons of the list pages and the 数据交换 page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QPushButton, QWidget

from ...domain.errors import AppError
from ...services.importing.kinds import KINDS
from ...services.importing.template import write_template
from ...storage.database import Database
from .. import messages
from ..dialogs.file_choice import EXCEL_FILTER, open_file, save_file
from ..dialogs.import_dialog import ImportDialog


def run_import(parent: QWidget | None, db: Database, kind: str, default_district: str | None) -> bool:
    """Open the import dialog and ask for a file; True when something was imported."""
    dialog = ImportDialog(db, kind, parent, default_district)
    path = open_file(parent, f"选择要导入的{dialog.kind.label} Excel 文件", EXCEL_FILTER)
    if path is None:
        dialog.deleteLater()
        return False
    dialog.load(path)
    dialog.exec()
    imported = dialog.outcome is not None
    dialog.deleteLater()
    return imported


def save_template(parent: QWidget | None, kind: str, db_path: Path) -> Path | None:
    """下载导入模板: the empty workbook of a kind, saved where the user says."""
    label = KINDS[kind].label
    target = save_file(parent, f"保存{label}导入模板", f"{label}导入模板.xlsx", EXCEL_FILTER, ".xlsx",
                       db_path=db_path)
    if target is None:
        return None
    try:
        write_template(kind, target)
    except AppError as exc:
        messages.error(parent, exc.message, "无法保存模板")
        return None
    messages.info(parent, f"导入模板已保存：{target}\n带 * 的列必须填写，第 2 行是示例。", "已保存")
    return target


def import_buttons(parent: QWidget, db: Database, kind: str,
                   home_district: Callable[[], str | None]) -> list[QPushButton]:
    """导入 Excel… and 下载导入模板… for a list page or the 数据交换 page (the import's changes are
    broadcast by the runner: every page that shows them reads again)."""
    label = KINDS[kind].label
    importer = QPushButton("导入 Excel…", parent)
    importer.setToolTip(f"从 Excel 文件导入{label}：先检查每一行，有错误时不导入任何数据")
    importer.setObjectName(f"import_{kind}")

    importer.clicked.connect(lambda: run_import(parent, db, kind, home_district()))
    template = QPushButton("下载导入模板…", parent)
    template.setToolTip(f"{label}导入模板：含表头、示例行和下拉选项")
    template.setObjectName(f"template_{kind}")
    template.clicked.connect(lambda: save_template(parent, kind, db.path))
    return [importer, template]
