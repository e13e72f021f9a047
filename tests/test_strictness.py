"""The suite's own strictness (pyproject.toml [tool.pytest.ini_options]) does what it says.

Each case runs pytest on a small test file in tmp_path, with our configuration (-c pyproject.toml).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CASES = '''
from PySide6.QtCore import qWarning


def test_qt_warning(qtbot):
    qWarning("a widget went wrong")


def test_expected_qt_warning(qtbot):
    qWarning("This plugin does not support propagateSizeHints()")


def test_hangs():
    import time
    time.sleep(60)
'''


def _pytest(tmp_path: Path, tests: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    cases = tmp_path / "test_cases.py"
    cases.write_text(CASES, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"), "--rootdir", str(tmp_path),
         "-p", "no:cacheprovider", "-q", *args, *(f"{cases}::{name}" for name in tests)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120, check=False,
    )


def test_a_qt_warning_fails_the_test_unless_it_is_listed(tmp_path: Path) -> None:
    result = _pytest(tmp_path, ["test_qt_warning", "test_expected_qt_warning"])
    assert result.returncode == 1, result.stdout
    assert "1 failed, 1 passed" in result.stdout
    assert "test_qt_warning" in result.stdout and "a widget went wrong" in result.stdout


def test_a_hung_test_fails_after_the_timeout(tmp_path: Path) -> None:
    result = _pytest(tmp_path, ["test_hangs"], "-o", "timeout=2")
    assert result.returncode != 0
    assert "Timeout" in result.stdout + result.stderr


def test_an_unknown_setting_is_refused(tmp_path: Path) -> None:
    result = _pytest(tmp_path, ["test_expected_qt_warning"], "-o", "qt_log_levl_fail=WARNING")
    assert result.returncode != 0
    assert "qt_log_levl_fail" in result.stdout + result.stderr
