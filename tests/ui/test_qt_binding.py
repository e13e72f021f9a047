"""The Qt binding must not leak references to True/None: shiboken6 6.12.0 did, and Python 3.11 then
aborts ("Fatal Python error: bool_dealloc") after a few thousand signals, taking unsaved work with it."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = """
import sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
class Source(QObject):
    fired = Signal()
source, label = Source(), QLabel()
true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
for _ in range(5000):
    source.fired.emit()
    label.setText("柳州")
print(true_before - sys.getrefcount(True), none_before - sys.getrefcount(None))
"""


def test_signals_and_void_calls_keep_their_references() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-500:]
    lost_true, lost_none = map(int, result.stdout.split())
    assert abs(lost_true) < 50 and abs(lost_none) < 50, (lost_true, lost_none)
