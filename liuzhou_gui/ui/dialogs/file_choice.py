"""Open/save file dialogs that start in the folder used last time for that kind of file (a USB
stick for exchanged files), else in the user's Documents, never in the program's folder."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from ...services.output_guard import OutputRefused, check_output
from .. import messages
from ..settings import view_settings

FOLDER_KEY = "exchange/folder"
EXCEL_FILTER = "Excel 工作簿 (*.xlsx)"
EXCHANGE = "exchange"  # Excel imports, templates, 报送包: the USB stick
IMPORT_FILTER = "表格文件 (*.xlsx *.xlsm *.xlsb *.xls *.ods *.csv);;Excel 工作簿 (*.xlsx *.xlsm *.xlsb *.xls);;" \
    "OpenDocument 表格 (*.ods);;CSV 文本 (*.csv)"


def _key(kind: str) -> str:
    return f"{kind}/folder"


def start_folder(kind: str = EXCHANGE) -> str:
    saved = view_settings().value(_key(kind))
    if isinstance(saved, str) and Path(saved).is_dir():
        return saved
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def _remember(path: Path, kind: str) -> None:
    view_settings().setValue(_key(kind), str(path.parent))


def open_file(parent: QWidget | None, title: str, file_filter: str, *, kind: str = EXCHANGE) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(parent, title, start_folder(kind), file_filter)
    if not chosen:
        return None
    _remember(Path(chosen), kind)
    return Path(chosen)


def save_file(parent: QWidget | None, title: str, name: str, file_filter: str, suffix: str, *,
              db_path: Path, inputs: Iterable[Path | None] = (), kind: str = EXCHANGE) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(Path(start_folder(kind)) / name), file_filter)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != suffix:  # the user typed a bare name
        path = path.with_name(path.name + suffix)
    _remember(path, kind)
    return checked_output(parent, db_path, path, inputs)


def checked_output(parent: QWidget | None, db_path: Path, path: Path,
                   inputs: Iterable[Path | None] = ()) -> Path | None:
    """The chosen path, or None after telling the user why it would destroy something (services.output_guard)."""
    try:
        return check_output(db_path, path, inputs=inputs)
    except OutputRefused as exc:
        messages.warning(parent, exc.message, "不能保存到这里")
        return None
