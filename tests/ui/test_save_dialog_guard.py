"""The save dialogs refuse what the command line refuses: the database, its backups, an input file."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from liuzhou_gui.storage.paths import backups_dir
from liuzhou_gui.ui import messages
from liuzhou_gui.ui.dialogs import file_choice
from liuzhou_gui.ui.pages import reports_page
from liuzhou_gui.ui.pages.audit_page import AuditPage
from liuzhou_gui.ui.pages.reports_page import ReportsPage


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _answer(monkeypatch, target: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))


def test_save_file_refuses_a_link_to_the_database_and_an_input(qtbot, installed_db, tmp_path, monkeypatch) -> None:
    link = tmp_path / "报送包.lzbs"
    os.link(installed_db.path, link)
    _answer(monkeypatch, link)
    assert file_choice.save_file(None, "生成报送包", "x.lzbs", "", ".lzbs", db_path=installed_db.path) is None
    assert messages.shown[-1].kind == "warning" and "正在使用的数据库文件" in messages.shown[-1].text
    source = tmp_path / "单位.xlsx"
    source.write_bytes(b"not yet read")
    _answer(monkeypatch, source)
    assert file_choice.save_file(None, "保存错误清单", "x.xlsx", "", ".xlsx", db_path=installed_db.path,
                                 inputs=[source]) is None
    assert "本次要读取的文件" in messages.shown[-1].text
    fine = tmp_path / "错误清单.xlsx"
    _answer(monkeypatch, fine)
    assert file_choice.save_file(None, "保存错误清单", "x.xlsx", "", ".xlsx", db_path=installed_db.path,
                                 inputs=[source]) == fine


def test_audit_export_refuses_the_backups_folder(qtbot, installed_db, sample, monkeypatch) -> None:
    page = AuditPage(installed_db)
    qtbot.addWidget(page)
    target = backups_dir(installed_db.path) / "操作记录.xlsx"
    before = _dump(installed_db.path)
    _answer(monkeypatch, target)
    page.export_button.click()
    assert messages.shown[-1].title == "不能保存到这里" and "备份文件夹" in messages.shown[-1].text
    assert not target.exists() and page.export_button.isEnabled()
    assert _dump(installed_db.path) == before


def test_reports_page_refuses_a_link_to_the_database(qtbot, installed_db, sample, tmp_path, monkeypatch) -> None:
    page = ReportsPage(installed_db, lambda: 2025, lambda: "柳南区")
    qtbot.addWidget(page)
    link = tmp_path / "附件2.pdf"
    link.symlink_to(installed_db.path)
    before = _dump(installed_db.path)
    monkeypatch.setattr(reports_page.QFileDialog, "getSaveFileName", lambda *a: (str(link), a[-1]))
    page.save_pdf_button.click()
    assert messages.shown[-1].title == "不能保存到这里" and "正在使用的数据库文件" in messages.shown[-1].text
    assert not page.export_runner.busy and link.is_symlink()
    assert _dump(installed_db.path) == before
