"""Files shipped beside the code: the app icon (resources/ in the source tree or the bundle)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def app_icon() -> QIcon:
    icon = QIcon()
    for name in ("app_icon.png",):
        path = resources_dir() / name
        if path.exists():
            icon.addFile(str(path))
    return icon
