"""报送包 in the GUI: a district writes it on 数据交换, the city imports it by dropping it on the window."""

from __future__ import annotations

import json
import threading
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog, QPushButton
from sqlalchemy import func, select
from windows import open_main_window

from liuzhou_gui.services import installation
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.models import Unit
from liuzhou_gui.ui import messages
from liuzhou_gui.ui.main_window import MainWindow


def _window(qtbot, db: Database) -> MainWindow:
    return open_main_window(qtbot, db)


def _export(qtbot, monkeypatch, installed_db, target: Path) -> Path:
    window = _window(qtbot, installed_db)
    window.nav.setCurrentRow([window.nav.item(i).text() for i in range(window.nav.count())].index("数据交换"))
    page = window.exchange
    assert page.district_box.isVisibleTo(page) and not page.city_box.isVisibleTo(page)
    assert "柳南区 2025 年度" in page.district_label.text()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    with qtbot.waitSignal(page.packages.finished, timeout=20000):
        page.export_button.click()
    window.close()
    return target


@pytest.fixture
def package(qtbot, monkeypatch, installed_db, sample, tmp_path) -> Path:
    """柳南区's 2025 报送包 written from its own window (2 units, 1 expert, 1 lecture)."""
    return _export(qtbot, monkeypatch, installed_db, tmp_path / "柳南2025.lzbs")


@pytest.fixture
def city(tmp_path) -> Database:
    db = Database.open(tmp_path / "city.sqlite3")
    with db.transaction() as session:
        installation.save(session, installation.BUREAU_CHOICES[-1], "王五", "13800000000")
    yield db
    db.close()


def _drop(window: MainWindow, path: Path) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    try:
        enter = QDragEnterEvent(QPointF(50, 50), *args)
    except TypeError:  # PySide6 before 6.12 takes a QPoint (6.12 deprecates that form)
        enter = QDragEnterEvent(QPoint(50, 50), *args)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    return True


def _settled(qtbot, window: MainWindow) -> None:
    """Let the work bench finish the refresh an import started before the window goes away."""
    qtbot.waitUntil(lambda: not window.workbench.runner.busy, timeout=10000)


def _received(window: MainWindow) -> list[list[str]]:
    table = window.exchange.received
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def _with_created_at(package: Path, target: Path, created: datetime) -> Path:
    """The same content under a different creation time, signed again by the district's key (one
    installation key serves both windows here), as if it had written the package then."""
    from liuzhou_gui.services.trust.keys import installation_key
    from liuzhou_gui.services.trust.sealing import sign

    with zipfile.ZipFile(package) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    manifest = json.loads(members["manifest.json"])
    manifest["created_at"] = created.isoformat(timespec="seconds")
    members["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode("utf-8")
    members["manifest.sig"] = sign(installation_key(), members["manifest.json"])
    with zipfile.ZipFile(target, "w") as copy:
        for name, content in members.items():
            copy.writestr(name, content)
    return target


def test_package_written_by_a_district_is_dropped_on_the_city_window(qtbot, package, city) -> None:
    assert package.is_file() and "报送包已生成" in {m.title for m in messages.shown}
    window = _window(qtbot, city)
    assert window.exchange.city_box.isVisibleTo(window.exchange)
    assert window.units.model.total == 0 and _received(window) == []
    messages.answer_next(True)
    with qtbot.waitSignal(window.exchange.packages.finished, timeout=20000):
        assert _drop(window, package)
    question = next(m for m in messages.shown if m.title == "导入报送包")
    assert "县区：柳南区" in question.text and "年度：2025 年度" in question.text
    assert "单位 2 家，专家 1 名，活动 1 场" in question.text
    assert messages.shown[-1].title == "导入完成"
    rows = _received(window)
    assert len(rows) == 1 and rows[0][:2] == ["柳南区", "2025"] and rows[0][4:7] == ["2", "1", "1"]
    assert rows[0][7] == package.name
    # The lists and the work bench read the new data.
    assert window.units.model.total == 2 and window.lectures.model.total == 1
    qtbot.waitUntil(lambda: window.workbench.progress is not None
                    and window.workbench.progress.distinct.sessions == 1, timeout=10000)
    _settled(qtbot, window)


def test_the_backup_made_before_an_import_is_listed_at_once(qtbot, package, city) -> None:
    """Issue 12: 设置 → 备份 was stale after the automatic copy made before a package import."""
    window = _window(qtbot, city)
    panel = window.settings_page.backups
    assert [b.reason for b in panel.backups] == []
    messages.answer_next(True)
    with qtbot.waitSignal(window.exchange.packages.finished, timeout=20000):
        assert _drop(window, package)
    assert [b.reason for b in panel.backups] == ["before-package"]
    assert panel.table.rowCount() == 1 and panel.table.item(0, 1).text() == panel.backups[0].reason_label
    _settled(qtbot, window)


def test_declined_confirmation_writes_nothing(qtbot, package, city) -> None:
    window = _window(qtbot, city)
    messages.answer_next(False)
    with qtbot.waitSignal(window.exchange.packages.finished, timeout=20000):
        _drop(window, package)
    assert _received(window) == [] and window.units.model.total == 0


def test_an_older_package_asks_whether_to_force(qtbot, package, city, tmp_path, monkeypatch) -> None:
    window = _window(qtbot, city)
    actions = window.exchange.packages
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(package), "")))
    messages.answer_next(True)
    with qtbot.waitSignal(actions.finished, timeout=20000):
        window.exchange.import_button.click()  # 导入报送包…
    assert messages.shown[-1].title == "导入完成"
    created = datetime.fromisoformat(json.loads(zipfile.ZipFile(package).read("manifest.json"))["created_at"])
    older = _with_created_at(package, tmp_path / "旧.lzbs", created - timedelta(days=3))
    messages.answer_next(False)  # do not force
    with qtbot.waitSignal(actions.finished, timeout=20000):
        actions.import_file(older)
    assert messages.shown[-1].title == "较旧的报送包" and "较旧" in messages.shown[-1].text
    assert len(_received(window)) == 1
    messages.answer_next(True)  # force
    with qtbot.waitSignal(actions.finished, timeout=20000):
        actions.import_file(older)
    assert messages.shown[-1].title == "导入完成" and "替换" in messages.shown[-1].text
    assert len(_received(window)) == 2 and window.units.model.total == 2
    _settled(qtbot, window)


def test_tampered_package_is_refused(qtbot, package, city, tmp_path) -> None:
    tampered = tmp_path / "改过的.lzbs"
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(tampered, "w") as copy:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "data.json":
                content = content.replace("柳州钢铁厂".encode(), "柳州钢铁总厂".encode())
            copy.writestr(info, content)
    window = _window(qtbot, city)
    messages.shown.clear()
    with qtbot.waitSignal(window.exchange.packages.finished, timeout=20000):
        _drop(window, tampered)
    assert messages.shown[-1].kind == "error" and "校验码不符" in messages.shown[-1].text
    assert not any(m.kind == "question" for m in messages.shown)
    assert _received(window) == [] and window.units.model.total == 0


def test_a_district_window_does_not_import_packages(qtbot, installed_db, tmp_path) -> None:
    window = _window(qtbot, installed_db)
    assert not window.exchange.city_box.isVisibleTo(window.exchange)
    stray = tmp_path / "别的县.lzbs"
    stray.write_bytes(b"PK")
    assert _drop(window, stray)
    assert messages.shown[-1].kind == "warning" and "市卫健委导入" in messages.shown[-1].text
    assert not _drop(window, tmp_path / "单位.xlsx")  # not a package: the drag is not accepted


def test_cancel_during_package_import_writes_nothing(qtbot, package, city, monkeypatch) -> None:
    from liuzhou_gui.services.exchange import package_import

    window = _window(qtbot, city)
    saving, go_on = threading.Event(), threading.Event()
    original = package_import._lecture_draft

    def held_lecture_draft(*args, **kwargs):  # the import stops here, its units already written
        saving.set()
        go_on.wait(10)
        return original(*args, **kwargs)

    monkeypatch.setattr(package_import, "_lecture_draft", held_lecture_draft)
    messages.answer_next(True)
    window.exchange.packages.import_file(package)
    qtbot.waitUntil(saving.is_set, timeout=20000)
    dialogs = [d for d in window.exchange.findChildren(QProgressDialog) if d.isVisible() or d.labelText()]
    assert dialogs and "正在导入柳南区 2025 年度报送包" in dialogs[-1].labelText()
    with qtbot.waitSignal(window.exchange.packages.finished, timeout=20000):
        next(b for b in dialogs[-1].findChildren(QPushButton) if b.text() == "取消").click()
        go_on.set()
    assert messages.shown[-1].title == "已取消" and "没有任何改动" in messages.shown[-1].text
    assert _received(window) == [] and window.units.model.total == 0
    with city.session() as s:
        assert s.scalar(select(func.count()).select_from(Unit)) == 0


def test_a_package_replaced_after_the_confirmation_is_not_imported(qtbot, package, city, tmp_path,
                                                                   monkeypatch) -> None:
    """What the question showed is what gets imported: a file swapped while the question is open is refused."""
    other = _with_created_at(package, tmp_path / "other.lzbs", datetime.now() - timedelta(days=1))
    window = _window(qtbot, city)
    real_ask = messages.ask

    def swap_then_answer(*args, **kwargs):
        other.replace(package)  # another file under the confirmed name
        real_ask(*args, **kwargs)
        return True

    monkeypatch.setattr(messages, "ask", swap_then_answer)
    with qtbot.waitSignal(window.exchange.packages.finished, timeout=20000):
        assert _drop(window, package)
    assert "确认之后被替换或改动过" in messages.shown[-1].text
    assert _received(window) == [] and window.units.model.total == 0
    _settled(qtbot, window)
