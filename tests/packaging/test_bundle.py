"""The PyInstaller bundle built from build_installer.spec runs the app without the source tree.

Slow (a real build): it proves the spec collects every file the app reads at run time.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image, ImageDraw
from pypdf import PdfReader

from liuzhou_gui.services import installation
from liuzhou_gui.services.reports.tables import PER_DISTRICT
from liuzhou_gui.storage.database import Database

ROOT = Path(__file__).resolve().parents[2]
# The first test waits for PyInstaller (its own limit: 900 s) before its own work: beyond the suite's 300 s.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]


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


def _env(tmp_path: Path) -> dict[str, str]:
    """A clean environment: nothing from the source tree or the virtualenv, no user folder touched."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "XDG_", "QT_"))}
    home = tmp_path / "home"
    env.update(
        HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"), XDG_RUNTIME_DIR=str(home / "run"),
        LIUZHOU_GUI_DATA_DIR=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen",
    )
    return env


def _exe(bundle: Path, name: str) -> Path:
    return bundle / (f"{name}.exe" if sys.platform == "win32" else name)


def _run(bundle: Path, tmp_path: Path, *args: str, db: Path | None = None, gui: bool = False,
         **extra_env: str) -> subprocess.CompletedProcess:
    # Run from an empty folder: nothing may come from the source tree.
    db = db or tmp_path / "frozen.sqlite3"
    return subprocess.run(
        [str(_exe(bundle, "liuzhou-gui" if gui else "liuzhou-cli")), "--db", str(db), *args],
        cwd=tmp_path, env=_env(tmp_path) | extra_env, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="module")
def demo_db(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The frozen `demo` fills a database; the city office installation is then stored in it the way
    the first-start dialog stores it (installation.save), so the GUI starts without that dialog."""
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.sqlite3"
    result = _run(bundle, folder, "demo", db=path)
    assert result.returncode == 0, result.stderr
    assert "五进单位 1250 家，专家 60 名，科普活动 157 场" in result.stdout
    db = Database.open(path)
    try:
        with db.transaction() as session:
            installation.save(session, installation.BUREAU_CHOICES[-1], "王五", "0772-2868517")
    finally:
        db.close()
    return path


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
    assert not [p for p in internal.rglob("*Qt6Qml*")] + [p for p in internal.rglob("*Qt6Quick*")]
    assert list(internal.rglob("*Qt6PdfWidgets*")) and list(internal.rglob("*Qt6PrintSupport*"))
    assert list(internal.rglob("_rl_accel*"))  # reportlab's C accelerators, imported where analysis cannot see


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
        # Uncompressed: LZMA over the whole bundle takes minutes and proves nothing about the script.
        ["makensis", "-V2", "-DNO_COMPRESSION", f"-DVERSION={version}", f"-DSOURCE_DIR={bundle}",
         f"-DOUT_DIR={tmp_path}", str(ROOT / "packaging" / "installer.nsi")],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    installer = tmp_path / f"liuzhou_gui-{version}-setup.exe"
    assert installer.stat().st_size > 10_000_000


def test_frozen_demo_data_reaches_the_statistics(bundle: Path, demo_db: Path, tmp_path: Path) -> None:
    result = _run(bundle, tmp_path, "stats", "--json", db=demo_db)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["total"]["sessions"] > 0


SHOWN = re.compile(r"^main window shown in (\d+) ms$", re.M)


def test_frozen_gui_shows_the_main_window_and_quits(bundle: Path, demo_db: Path, tmp_path: Path) -> None:
    result = _run(bundle, tmp_path, db=demo_db, gui=True, LIUZHOU_GUI_SMOKE_QUIT="1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert SHOWN.search(result.stdout), result.stdout
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "home").exists() or not any((tmp_path / "home").rglob("liuzhou*"))


def test_frozen_gui_without_an_installation_fails_instead_of_waiting(bundle: Path, tmp_path: Path) -> None:
    result = _run(bundle, tmp_path, gui=True, LIUZHOU_GUI_SMOKE_QUIT="1")
    assert result.returncode == 1
    assert not SHOWN.search(result.stdout)


@contextlib.contextmanager
def _hidden(bundle: Path, pattern: str):
    """Files of the bundle matching pattern renamed away for the block (the bundle is shared)."""
    found = [p for p in (bundle / "_internal").rglob(pattern)]
    assert found, f"{pattern} is not in the bundle"
    moved = [p.rename(p.with_name(p.name + ".hidden")) for p in found]
    try:
        yield
    finally:
        for original, hidden in zip(found, moved, strict=True):
            hidden.rename(original)


@pytest.mark.parametrize(("pattern", "reported"), [
    ("qtbase_zh_CN.qm", "中文翻译"),  # Qt's own buttons and dialogs in English
    ("*Qt6Pdf.*", "QtPdf"),  # the 报表 preview (libQt6Pdf.so.6 / Qt6Pdf.dll, not Qt6PdfWidgets)
    ("app_icon.png", "app_icon.png"),  # resources/
    pytest.param("printsupport", "打印插件", marks=pytest.mark.skipif(
        not sys.platform.startswith("linux"), reason="Windows printing is built into QtPrintSupport")),
])
def test_frozen_gui_fails_when_a_resource_is_missing(
    bundle: Path, demo_db: Path, tmp_path: Path, pattern: str, reported: str,
) -> None:
    with _hidden(bundle, pattern):
        result = _run(bundle, tmp_path, db=demo_db, gui=True, LIUZHOU_GUI_SMOKE_QUIT="1")
    assert result.returncode != 0
    # Either the start fails outright (the 报表 page imports QtPdf) or the smoke check names the part.
    assert reported in result.stderr or not SHOWN.search(result.stdout), result.stdout + result.stderr


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
@pytest.mark.parametrize("table", ["1", "2", "3", "4", "5", "6", "summary"])
def test_frozen_export_of_each_table(bundle: Path, demo_db: Path, tmp_path: Path, table: str, fmt: str) -> None:
    district = ["--district", "柳南"] if table.isdigit() and int(table) in PER_DISTRICT else []
    out = tmp_path / f"table.{fmt}"
    result = _run(bundle, tmp_path, "export", table, *district, "--format", fmt, "-o", str(out), db=demo_db)
    assert result.returncode == 0, result.stderr
    if fmt == "pdf":
        assert out.read_bytes().startswith(b"%PDF")
        text = "".join(page.extract_text() for page in PdfReader(out).pages)
        assert "职业健康" in text or "专家" in text  # Chinese text drawn with an embedded font, not blank
    else:
        cells = [v for row in load_workbook(out).active.iter_rows(values_only=True) for v in row if v]
        assert any("十百千" in str(v) or "汇总" in str(v) for v in cells)


def test_frozen_export_draws_a_seal_scan(bundle: Path, demo_db: Path, tmp_path: Path) -> None:
    """Pillow in the bundle turns a scan into a transparent seal; reportlab places it on the page."""
    scan = Image.new("RGB", (300, 300), (250, 249, 246))
    ImageDraw.Draw(scan).ellipse((30, 30, 270, 270), outline=(205, 28, 32), width=12)
    scan.save(tmp_path / "公章.png")
    out = tmp_path / "附件2.pdf"
    result = _run(bundle, tmp_path, "export", "2", "--district", "柳南", "--seal", str(tmp_path / "公章.png"),
                  "-o", str(out), db=demo_db)
    assert result.returncode == 0, result.stderr
    page = PdfReader(out).pages[0]
    assert any(x.get_object()["/Subtype"] == "/Image" for x in page["/Resources"]["/XObject"].values())


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods", "csv"])
def test_frozen_import_reads_each_spreadsheet_format(bundle: Path, tmp_path: Path, fmt: str) -> None:
    """python-calamine (a compiled module) and olefile are imported only when a file is read: present."""
    import importlib.util

    writers = Path(__file__).parents[1] / "importing" / "sheet_files.py"
    spec = importlib.util.spec_from_file_location("sheet_files", writers)
    sheet_files = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sheet_files)
    source = sheet_files.write_rows(fmt, tmp_path / "units", [["县区", "单位名称", "单位性质", "活动分类"],
                                                  ["柳南区", "柳州螺蛳粉厂", "企业", "职业健康"]])
    result = _run(bundle, tmp_path, "import", "units", str(source))
    assert result.returncode == 0, result.stderr
    assert "新增 1 条" in result.stdout


def test_frozen_year_end_files(bundle: Path, demo_db: Path, tmp_path: Path) -> None:
    """python-docx's template, pillow-heif's decoder and the chart's font reach the bundle: the 工作总结, a
    HEIC photo attached and the 活动图片 appendix, all from the frozen command line."""
    from docx import Document
    from pillow_heif import register_heif_opener

    register_heif_opener()
    db = tmp_path / "year_end.sqlite3"
    shutil.copy(demo_db, db)
    out = tmp_path / "总结.docx"
    result = _run(bundle, tmp_path, "summary", "--district", "柳南", "-o", str(out), db=db)
    assert result.returncode == 0, result.stderr
    document = Document(str(out))
    assert document.paragraphs[0].text.startswith("柳南区卫生健康局") and len(document.inline_shapes) == 1
    Image.new("RGB", (2400, 1800), (30, 120, 200)).save(tmp_path / "IMG_0001.HEIC")
    listing = _run(bundle, tmp_path, "photos", "list", "--district", "柳南", db=db)
    session_id = next(line.split()[0] for line in listing.stdout.splitlines() if line.strip()[:1].isdigit())
    result = _run(bundle, tmp_path, "photos", "attach", session_id, str(tmp_path / "IMG_0001.HEIC"), db=db)
    assert result.returncode == 0, result.stderr
    appendix = tmp_path / "图片.pdf"
    result = _run(bundle, tmp_path, "export", "photos", "--district", "柳南", "-o", str(appendix), db=db)
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(appendix).pages[0].images) == 1
