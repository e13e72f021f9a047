"""The PyInstaller bundle built from build_installer.spec runs the app without the source tree.

Slow (a real build): it proves the spec collects every file the app reads at run time.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("pyinstaller")
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"), str(ROOT / "build_installer.spec")],
        cwd=work, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return work / "dist" / "liuzhou_gui"


def _run(bundle: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    # Run from an empty folder with a clean environment: nothing may come from the source tree.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(LIUZHOU_GUI_DATA_DIR=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen")
    exe = bundle / ("liuzhou-cli.exe" if sys.platform == "win32" else "liuzhou-cli")
    return subprocess.run(
        [str(exe), "--db", str(tmp_path / "frozen.sqlite3"), *args],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )


def test_bundle_has_both_executables_and_the_migrations(bundle: Path) -> None:
    assert (bundle / "liuzhou-gui").exists() or (bundle / "liuzhou-gui.exe").exists()
    internal = bundle / "_internal"
    versions = internal / "liuzhou_gui" / "storage" / "migrations" / "versions"
    assert sorted(p.name for p in versions.glob("0*.py")) == sorted(
        p.name for p in (ROOT / "liuzhou_gui" / "storage" / "migrations" / "versions").glob("0*.py")
    )
    translations = [p.name for p in internal.rglob("*.qm")]
    assert all("zh_CN" in name for name in translations)
    assert not list(internal.rglob("*WebEngine*"))


def test_frozen_command_line_creates_migrates_and_reports(bundle: Path, tmp_path: Path) -> None:
    result = _run(bundle, tmp_path, "stats", "--json")
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert stats["year"] == 2025 and stats["plan"]["合计"] == 100
    result = _run(bundle, tmp_path, "backup")
    assert result.returncode == 0, result.stderr
    assert "已备份到" in result.stdout


def test_frozen_command_line_reports_errors_in_chinese(bundle: Path, tmp_path: Path) -> None:
    result = _run(bundle, tmp_path, "stats", "--district", "火星")
    assert result.returncode == 2
    assert "没有名为“火星”的县区" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis (Debian package nsis) is not installed")
def test_installer_script_compiles(bundle: Path, tmp_path: Path) -> None:
    version = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)[1]
    result = subprocess.run(
        ["makensis", "-V2", f"-DVERSION={version}", f"-DSOURCE_DIR={bundle}", f"-DOUT_DIR={tmp_path}",
         str(ROOT / "packaging" / "installer.nsi")],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    installer = tmp_path / f"liuzhou_gui-{version}-setup.exe"
    assert installer.stat().st_size > 10_000_000
