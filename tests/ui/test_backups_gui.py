"""设置 → 备份: back up, restore (every page shows the restored data), the daily copy at start,
and a damaged database at start answered with the newest good backup."""

from __future__ import annotations

import os
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication
from windows import open_main_window

from liuzhou_gui.domain.drafts import ExpertDraft
from liuzhou_gui.domain.errors import AppError
from liuzhou_gui.operations import backups as backup_operations
from liuzhou_gui.services import backup
from liuzhou_gui.services.recovery import newest_good_backup
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.experts import save_expert
from liuzhou_gui.storage.lectures import delete_lecture
from liuzhou_gui.storage.paths import backups_dir
from liuzhou_gui.ui import app as app_module
from liuzhou_gui.ui import messages
from liuzhou_gui.ui.main_window import MainWindow
from liuzhou_gui.ui.pages import backups_panel
from liuzhou_gui.ui.pages.backups_panel import BackupsPanel


def _window(qtbot, db) -> MainWindow:
    return open_main_window(qtbot, db)


def _names(page) -> list[str]:
    model = page.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def _shown_rows(panel) -> list[list[str]]:
    table = panel.table
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_another_databases_backups_are_not_offered(qtbot, installed_db, tmp_path) -> None:
    demo = Database.open(tmp_path / "demo.sqlite3")
    try:
        backup.make_backup(demo)
    finally:
        demo.close()
    panel = BackupsPanel(installed_db)
    qtbot.addWidget(panel)
    assert _shown_rows(panel) == []
    assert not panel.restore_button.isEnabled()


def test_backup_now_runs_in_the_background_and_lists_the_copy(qtbot, installed_db, sample) -> None:
    window = _window(qtbot, installed_db)
    panel = window.settings_page.backups
    assert panel.table.rowCount() == 0 and not panel.restore_button.isEnabled()
    with qtbot.waitSignal(panel.runner.finished, timeout=10_000):
        panel.backup_now()
        assert not panel.busy_bar.isHidden() and not panel.backup_button.isEnabled()
    assert panel.busy_bar.isHidden() and panel.backup_button.isEnabled()
    rows = _shown_rows(panel)
    assert len(rows) == 1
    assert rows[0][1] == "手动备份"
    assert rows[0][2:5] == ["18", "2", "1"]  # 17 regional experts + 杨静, two units, one lecture
    assert rows[0][0].startswith(f"{datetime.now():%Y-%m-%d}")
    assert rows[0][6].endswith(".sqlite3") and "已备份" in panel.status_label.text()
    assert panel.restore_button.isEnabled()  # the new copy is selected
    window.close()


def test_restore_brings_back_the_data_on_every_page(qtbot, installed_db, sample) -> None:
    window = _window(qtbot, installed_db)
    panel = window.settings_page.backups
    kept = backup.make_backup(installed_db, "manual")
    # After the backup: a new expert, a deleted lecture and a new year.
    with installed_db.transaction() as s:
        save_expert(s, ExpertDraft(name="李四", level="市级", category="心理健康", unit="柳州市工人医院",
                                   district="柳南"))
        delete_lecture(s, sample["lecture"])
    assert window.settings_page.add_year(2026)
    window.experts.model.refresh()
    assert "李四" in _names(window.experts)
    assert window.lectures.model.total == 0 and window.year == 2026
    panel.reload()
    assert panel.select_path(kept)

    messages.answer_next(True)
    with qtbot.waitSignal(panel.runner.finished, timeout=10_000):
        panel.restore_selected()
    question = next(m for m in messages.shown if m.kind == "question")
    assert "恢复前会先自动备份当前的数据" in question.text and "专家 18 名" in question.text
    assert messages.shown[-1].title == "恢复完成"
    assert QApplication.activeModalWidget() is None  # the progress dialog is gone

    names = _names(window.experts)
    assert "杨静" in names and "李四" not in names
    assert [window.year_combo.itemData(i) for i in range(window.year_combo.count())] == [2025]
    assert window.year == 2025 and window.lectures.model.total == 1
    assert "2026" not in window.settings_page.years_label.text()
    # The state before the restore was kept, and the list shows it at once.
    before = [b for b in backup.list_backups(installed_db.path) if b.reason == "before-restore"]
    assert len(before) == 1 and before[0].counts["expert"] == 19
    assert "恢复前" in [row[1] for row in _shown_rows(panel)]
    window.close()


def test_restore_asks_first_and_no_changes_nothing(qtbot, installed_db, sample) -> None:
    window = _window(qtbot, installed_db)
    panel = window.settings_page.backups
    backup.make_backup(installed_db, "manual")
    with installed_db.transaction() as s:
        delete_lecture(s, sample["lecture"])
    panel.reload()
    panel.table.selectRow(0)
    messages.answer_next(False)
    panel.restore_selected()
    assert not panel.runner.busy
    assert [b.reason for b in backup.list_backups(installed_db.path)] == ["manual"]
    window.lectures.model.refresh()
    assert window.lectures.model.total == 0
    window.close()


def test_a_damaged_backup_is_refused_with_a_message(qtbot, installed_db, sample) -> None:
    window = _window(qtbot, installed_db)
    panel = window.settings_page.backups
    broken = backups_dir(installed_db.path) / f"{installed_db.path.stem}-manual-20250101-080000.sqlite3"
    broken.write_bytes(os.urandom(8192))
    panel.reload()
    assert _shown_rows(panel)[0][2] == "?"
    panel.table.selectRow(0)
    messages.answer_next(True)
    with qtbot.waitSignal(panel.runner.finished, timeout=10_000):
        panel.restore_selected()
    assert messages.shown[-1].kind == "error" and "不是本软件的数据库" in messages.shown[-1].text
    assert "杨静" in _names(window.experts)
    assert QApplication.activeModalWidget() is None
    window.close()


def test_open_backup_folder_opens_the_folder(qtbot, installed_db, monkeypatch) -> None:
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(Path(url.toLocalFile())) or True)
    panel = backups_panel.BackupsPanel(installed_db)
    qtbot.addWidget(panel)
    panel.folder_button.click()
    assert opened == [backups_dir(installed_db.path)]


# --- the daily copy at start ------------------------------------------------------------------
def test_daily_backup_runs_after_the_window_shows_once_a_day(qtbot, installed_db, sample) -> None:
    window = app_module.open_main_window(installed_db)
    qtbot.addWidget(window)
    panel = window.settings_page.backups
    assert backup.list_backups(installed_db.path) == []  # not before the window is up
    with qtbot.waitSignal(panel.daily_finished, timeout=10_000) as made:
        pass
    assert made.args[0] is not None
    assert [row[1] for row in _shown_rows(panel)] == ["每日自动备份"]
    assert "已自动备份今天的数据" in window.notice_label.text()
    window.close()

    second = app_module.open_main_window(installed_db)  # the same day: no second copy
    qtbot.addWidget(second)
    with qtbot.waitSignal(second.settings_page.backups.daily_finished, timeout=10_000) as again:
        pass
    assert again.args[0] is None
    assert [b.reason for b in backup.list_backups(installed_db.path)] == ["daily"]
    assert second.notice_label.text() == ""
    second.close()

    # Yesterday's copy does not count for today.
    old = made.args[0]
    old.rename(old.with_name(old.name.replace(f"{datetime.now():%Y%m%d}",
                                              f"{datetime.now() - timedelta(days=1):%Y%m%d}")))
    third = app_module.open_main_window(installed_db)
    qtbot.addWidget(third)
    with qtbot.waitSignal(third.settings_page.backups.daily_finished, timeout=10_000):
        pass
    assert [b.reason for b in backup.list_backups(installed_db.path)] == ["daily", "daily"]
    # Nothing but, in a calendar year with no campaign yet, the new-year question: once for three starts.
    assert [m.title for m in messages.shown] in ([], [f"开始 {date.today().year} 年度"])
    third.close()


def test_a_failed_daily_backup_is_logged_and_shown_in_the_status_bar(qtbot, installed_db, monkeypatch,
                                                                       caplog) -> None:
    def fail(_db, _job=None):
        raise AppError("磁盘空间已满")

    monkeypatch.setattr(backup_operations, "daily_backup", fail)
    window = app_module.open_main_window(installed_db)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.settings_page.backups.daily_finished, timeout=10_000):
        pass
    assert "今天的自动备份没有完成：磁盘空间已满" in window.notice_label.text()
    # No dialog about the backup at start (the new-year question of a year with no campaign aside).
    assert [m for m in messages.shown if not m.title.endswith(f"{date.today().year} 年度")] == []
    assert any("daily backup failed" in r.getMessage() for r in caplog.records)
    window.close()


# --- a damaged database at start -----------------------------------------------------------
def _run_gui_and_read_experts(path: Path) -> tuple[int, list[list[str]]]:
    seen: list[list[str]] = []

    def close_main_window() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible() and widget.experts.model.loaded:
                poll.stop()
                seen.append(_names(widget.experts))
                widget.close()

    poll = QTimer(interval=20)
    poll.timeout.connect(close_main_window)
    poll.start()
    try:
        return app_module.run_gui(path), seen
    finally:
        poll.stop()


@pytest.fixture
def damaged(installed_db, sample, monkeypatch):
    """A good manual backup, then a newer expert, then the file cut to a third of its length."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    good = backup.make_backup(installed_db, "manual")
    with installed_db.transaction() as s:
        save_expert(s, ExpertDraft(name="李四", level="市级", category="心理健康", unit="柳州市工人医院",
                                   district="柳南"))
    installed_db.close()
    data = installed_db.path.read_bytes()
    installed_db.path.write_bytes(data[: len(data) // 3])
    return good


def test_damaged_database_at_start_is_replaced_by_the_newest_good_backup(qtbot, installed_db, damaged) -> None:
    broken = installed_db.path.read_bytes()
    # A newer backup that is itself damaged is passed over.
    (backups_dir(installed_db.path) / f"{installed_db.path.stem}-daily-29991231-000000.sqlite3").write_bytes(b"x" * 50)
    assert newest_good_backup(installed_db.path).path == damaged
    messages.answer_next(True)
    code, seen = _run_gui_and_read_experts(installed_db.path)
    assert code == 0
    question = messages.shown[0]
    assert question.kind == "question" and question.title == "数据库文件已损坏"
    assert "损坏" in question.text and "最近一份完好的备份" in question.text and "手动备份" in question.text
    assert messages.shown[1].title == "恢复完成"
    assert seen and "杨静" in seen[0] and "李四" not in seen[0]
    kept = list(installed_db.path.parent.glob(f"{installed_db.path.stem}-damaged-*{installed_db.path.suffix}"))
    assert len(kept) == 1 and kept[0].read_bytes() == broken  # kept, never written to


def test_declining_the_backup_leaves_the_damaged_file_untouched(qtbot, installed_db, damaged) -> None:
    broken = installed_db.path.read_bytes()
    messages.answer_next(False)
    code, seen = _run_gui_and_read_experts(installed_db.path)
    assert code == 1 and seen == []
    assert installed_db.path.read_bytes() == broken


def test_random_bytes_without_a_backup_get_an_explanation(qtbot, db_path, monkeypatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    db_path.write_bytes(os.urandom(8192))
    before = db_path.read_bytes()
    code, seen = _run_gui_and_read_experts(db_path)
    assert code == 1 and seen == []
    assert [m.kind for m in messages.shown] == ["error"]
    assert "不是本软件的数据库文件" in messages.shown[0].text and "没有可用的备份" in messages.shown[0].text
    assert db_path.read_bytes() == before
