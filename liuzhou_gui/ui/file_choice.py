"""Open/save file dialogs for exchanged files that start in the folder used last time (a USB stick)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from .settings import view_settings

FOLDER_KEY = "exchange/folder"
EXCEL_FILTER = "Excel 工作簿 (*.xlsx)"
IMPORT_FILTER = "表格文件 (*.xlsx *.xlsm *.xlsb *.xls *.ods *.csv);;Excel 工作簿 (*.xlsx *.xlsm *.xlsb *.xls);;" \
    "OpenDocument 表格 (*.ods);;CSV 文本 (*.csv)"


def _folder() -> str:
    saved = view_settings().value(FOLDER_KEY)
    if isinstance(saved, str) and Path(saved).is_dir():
        return saved
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def _remember(path: Path) -> None:
    view_settings().setValue(FOLDER_KEY, str(path.parent))


def open_file(parent: QWidget | None, title: str, file_filter: str) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(parent, title, _folder(), file_filter)
    if not chosen:
        return None
    _remember(Path(chosen))
    return Path(chosen)


def save_file(parent: QWidget | None, title: str, name: str, file_filter: str, suffix: str) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(Path(_folder()) / name), file_filter)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != suffix:  # the user typed a bare name
        path = path.with_name(path.name + suffix)
    _remember(path)
    return path
