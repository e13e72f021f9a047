"""关于: version, where the database, the data folder, the backups and the log file are."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ... import __version__
from ...storage.paths import backups_dir, data_dir
from .. import messages

LOG_FILE_NAME = "liuzhou_gui.log"  # the name cli.main gives its rotating log file


def log_file() -> Path:
    """The file the running app logs to (its root handler), else where the launcher puts it."""
    for handler in logging.getLogger().handlers:
        name = getattr(handler, "baseFilename", None)
        if name and name != os.devnull:
            return Path(name)
    return data_dir() / LOG_FILE_NAME


def open_path(parent: QWidget | None, path: Path) -> bool:
    """Open a folder or file with the system's program for it."""
    if not path.exists():
        messages.warning(parent, f"“{path}”还不存在。", "无法打开")
        return False
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        messages.warning(parent, f"无法打开“{path}”，请在文件管理器中手动打开。", "无法打开")
        return False
    return True


KEYS_HELP = (
    "签名密钥与指纹：每台电脑的软件都有自己的签名密钥，保存在数据文件夹的 keys 文件夹里（不在数据库和备份中）。"
    "报送包、下发包和盖章的 PDF 表格都用它签名，这是完整性签名（非法定电子印章），证明文件在签名后没有被改动。"
    "密钥的指纹（六组四位数字）显示在“设置”中，并印在每张盖章表格的下方。\n"
    "换了电脑、重装了系统或密钥丢失时：软件会生成新的密钥，数据不会丢失。县区请把新指纹（新盖章表格下方印的那串数字）"
    "电话告知市卫健委；市卫健委导入该县区的新报送包时会看到新旧两个指纹，核对无误后确认即可（命令行：package import "
    "--trust 新指纹）。市卫健委换了密钥时，各县区在收到新的下发包时同样核对并确认，或导入市卫健委导出的公钥证书"
    "（keys import）。不要把 keys 文件夹拷给别人；怀疑泄露时删除它，重新生成密钥并通知对方。"
)


class AboutDialog(QDialog):
    def __init__(self, db_path: Path, parent: QWidget | None = None, *, server: str | None = None) -> None:
        """`server`: the shared database's address (no password) when the data is on a server."""
        super().__init__(parent)
        self.setWindowTitle("关于")
        self.db_path = db_path
        self.data_folder = data_dir()
        self.log_path = log_file()

        title = QLabel("柳州市“十百千”职业健康科普宣传活动管理")
        title.setStyleSheet("font-size: 16px; font-weight: bold;")
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for key, label, value in (
            ("version", "版本：", __version__),
            ("database", *(("共享数据库：", server) if server else ("数据库文件：", str(db_path)))),
            ("data", "数据文件夹：", str(self.data_folder)),
            ("backups", "备份文件夹：", str(backups_dir(db_path))),
            ("log", "日志文件：", str(self.log_path)),
        ):
            shown = QLabel(value)
            # Paths are read out over the phone or pasted into a mail: selectable, never elided.
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setWordWrap(True)
            self.values[key] = shown
            form.addRow(label, shown)
        where = ("本单位的共享数据库服务器上（备份时另存为本机文件）" if server else "本机的数据库文件中")
        note = QLabel(f"本软件不连接互联网，所有数据只保存在{where}。出错时请把日志文件发给技术支持人员。")
        note.setWordWrap(True)
        self.keys_help = QLabel(KEYS_HELP)
        self.keys_help.setWordWrap(True)
        self.keys_help.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_folder_button = QPushButton("打开数据文件夹(&F)")
        self.open_log_button = QPushButton("打开日志(&L)")
        buttons.addButton(self.open_folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_log_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_folder_button.clicked.connect(lambda: open_path(self, self.data_folder))
        self.open_log_button.clicked.connect(lambda: open_path(self, self.log_path))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.keys_help)
        layout.addWidget(buttons)
        self.setMinimumWidth(640)
