"""No full bank card number in the database file, its -wal, a backup, the log or any export but 附件6.

Every card number of the demo data is searched for, in file bytes and in the text a reader gets
back (PDF text, Excel cells), with and without spaces.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from liuzhou_gui.cli.main import run
from liuzhou_gui.domain.cards import is_unreadable
from liuzhou_gui.storage.backup import copy_database
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.models import AuditEntry, Expert

ROOT = Path(__file__).resolve().parents[2]
NEW_CARD = "6217003810026896111"  # typed into an import file below (valid Luhn)


def _cards(db_path: Path) -> list[str]:
    database = Database.open(db_path)
    try:
        with database.session() as session:
            cards = [c for c in session.scalars(select(Expert.bank_card)) if c]
    finally:
        database.close()
    assert cards and not any(is_unreadable(c) for c in cards)
    return cards


def _text_of(path: Path) -> str:
    if path.suffix == ".pdf":
        return "".join(page.extract_text() for page in PdfReader(path).pages)
    if path.suffix == ".xlsx":
        book = load_workbook(path)
        return "\n".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value)
    return path.read_bytes().decode("utf-8", "replace")


def _found(cards: list[str], path: Path) -> list[str]:
    """The cards whose full digits (or hidden middle digits) are in the file's bytes or its text."""
    raw = path.read_bytes()
    text = _text_of(path).replace(" ", "").replace("\n", "") if path.suffix in (".pdf", ".xlsx") else ""
    return [c for c in cards if c.encode() in raw or c[4:-4].encode() in raw or c in text or c[4:-4] in text]


@pytest.fixture
def demo_file(demo_master: Path, tmp_path: Path) -> Path:
    return copy_database(demo_master, tmp_path / "demo.sqlite3")


def _export(db: Path, out: Path, table: str, fmt: str, *extra: str) -> Path:
    district = [] if table in ("1", "4", "summary") else ["--district", "柳南"]
    target = out / f"{table}{'-'.join(extra)}.{fmt}"
    assert run(["--db", str(db), "export", table, *district, "--format", fmt, *extra, "-o", str(target)]) == 0
    return target


def test_exports_backups_and_audit_hold_no_card_but_the_full_attachment_6(demo_file, tmp_path, capsys):
    cards = _cards(demo_file)
    out = tmp_path / "out"
    out.mkdir()
    clean = [_export(demo_file, out, table, fmt) for table in ("1", "2", "3", "4", "5", "summary", "ledger")
             for fmt in ("pdf", "xlsx")]
    clean += [_export(demo_file, out, "6", fmt, "--mask-cards") for fmt in ("pdf", "xlsx")]
    full = [_export(demo_file, out, "6", fmt) for fmt in ("pdf", "xlsx")]
    assert run(["--db", str(demo_file), "backup", "-o", str(out / "backup.sqlite3")]) == 0
    assert run(["--db", str(demo_file), "audit", "-o", str(out / "audit.xlsx")]) == 0
    clean += [out / "backup.sqlite3", out / "audit.xlsx"]
    for path in clean:
        assert _found(cards, path) == [], path.name
    for path in full:  # 附件6 itself: the region pays the subsidy to these cards
        printed = _found(cards, path)
        assert printed and all(c in _text_of(path).replace(" ", "") for c in printed), path.name
    for name in (demo_file.name, demo_file.name + "-wal"):
        if (demo_file.parent / name).exists():
            assert _found(cards, demo_file.parent / name) == [], name
    # The two full exports are in the 操作记录, with how many numbers but not which.
    database = Database.open(demo_file)
    try:
        with database.session() as session:
            entries = list(session.scalars(select(AuditEntry).where(AuditEntry.action == "export")))
            all_text = " ".join(e.label + e.changes for e in session.scalars(select(AuditEntry)))
    finally:
        database.close()
    assert len(entries) == 2 and all("附件6_柳南区_2025" in e.label and "个完整银行卡号" in e.label for e in entries)
    assert not any(c in all_text or c[4:-4] in all_text for c in cards)
    assert "无法解密" not in capsys.readouterr().err  # the key is here: no warning


def _main(*argv: str, data_dir: Path) -> subprocess.CompletedProcess:
    """The real entry point, which writes the log file into the data folder."""
    env = {**os.environ, "LIUZHOU_GUI_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "liuzhou_gui", *argv], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, env=env, timeout=120)


def test_import_takes_card_numbers_and_the_log_keeps_none(demo_file, tmp_path, data_dir):
    book = Workbook()
    sheet = book.active
    sheet.append(["县区", "分类", "姓名", "所在单位", "个人银行卡号"])
    sheet.append(["柳南区", "职业健康", "韦新", "柳南区人民医院", NEW_CARD])
    sheet.append(["柳南区", "职业健康", "覃错", "柳南区人民医院", NEW_CARD[:-1] + "0"])  # wrong check digit
    bad = tmp_path / "experts-bad.xlsx"
    book.save(bad)
    refused = _main("--db", str(demo_file), "import", "experts", str(bad), data_dir=data_dir)
    assert refused.returncode == 1 and NEW_CARD[4:-4] not in refused.stderr + refused.stdout
    sheet.delete_rows(3)
    good = tmp_path / "experts.xlsx"
    book.save(good)
    imported = _main("--db", str(demo_file), "import", "experts", str(good), data_dir=data_dir)
    assert imported.returncode == 0, imported.stderr
    exported = _main("--db", str(demo_file), "export", "6", "--district", "柳南", "-o", str(tmp_path / "6.pdf"),
                     data_dir=data_dir)
    assert exported.returncode == 0, exported.stderr
    cards = _cards(demo_file)
    assert NEW_CARD in cards
    log = data_dir / "liuzhou_gui.log"
    assert log.is_file()  # the CLI logs little; whatever it wrote holds no card
    assert _found(cards, log) == []
    assert _found(cards, demo_file) == []


def test_without_the_key_the_command_line_warns_and_prints_unreadable(demo_file, tmp_path, monkeypatch, capsys):
    other = tmp_path / "other-pc"
    other.mkdir()
    monkeypatch.setenv("LIUZHOU_GUI_DATA_DIR", str(other))
    out = tmp_path / "6.xlsx"
    assert run(["--db", str(demo_file), "export", "6", "--district", "柳南", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert err.startswith("警告：") and "无法解密" in err and err.count("\n") == 1
    assert "无法解密" in _text_of(out)
    # Everything else answers as before.
    assert run(["--db", str(demo_file), "stats", "--district", "柳南"]) == 0
    assert run(["--db", str(demo_file), "export", "2", "--district", "柳南", "-o", str(tmp_path / "2.pdf")]) == 0


def test_printing_attachment_6_in_full_is_audited_and_masked_or_other_tables_are_not(demo_file):
    from liuzhou_gui.services.reports.export import ExportOptions, record_printed

    database = Database.open(demo_file)
    try:
        record_printed(database, 6, district="柳南区", options=ExportOptions(mask_cards=True))
        record_printed(database, 5, district="柳南区")
        record_printed(database, 6, district="柳南区")
        with database.session() as session:
            entries = list(session.scalars(select(AuditEntry).where(AuditEntry.action == "export")))
    finally:
        database.close()
    assert [e.label.startswith("附件6_柳南区_2025：") and e.label.endswith("打印") for e in entries] == [True]
