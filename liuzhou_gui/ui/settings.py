"""Per-user view settings (window geometry, column widths, last filters) in an INI file.

Installation settings that the reports need (which bureau, 填报人) live in the database instead:
see installation.py.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from ..storage.paths import data_dir

SETTINGS_FILE = "liuzhou_gui.ini"


def view_settings() -> QSettings:
    return QSettings(str(data_dir() / SETTINGS_FILE), QSettings.Format.IniFormat)
