"""报表 page: preview pages of the demo data, switching tables, printing, saving PDF/Excel, cancelling."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QEventLoop, QTimer, QUrl
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog
from sqlalchemy import select
from windows import open_main_window

from liuzhou_gui.domain.reference import DISTRICTS, LEVEL_REGIONAL
from liuzhou_gui.services import installation
from liuzhou_gui.services.district_settings import update_settings
from liuzhou_gui.services.report_choice import ALL_DISTRICTS, SUMMARY
from liuzhou_gui.storage.backup import copy_database
from liuzhou_gui.storage.campaigns import add_campaign
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.lookups import district_by_name
from liuzhou_gui.storage.models import Expert, Lecture, Unit
from liuzhou_gui.storage.statistics import campaign_progress
from liuzhou_gui.ui import messages
from liuzhou_gui.ui.pages import reports_page
from liuzhou_gui.ui.pages.reports_page import ReportsPage
from liuzhou_gui.ui.widgets import report_print

CARD = "6222020200112233446"
WAIT = 30000


def _open(demo_master: Path, tmp_path: Path, bureau: str) -> Database:
    db = Database.open(copy_database(demo_master, tmp_path / "demo.sqlite3"))
    with db.transaction() as session:
        installation.save(session, bureau, "张三", "0772-2868517")
    return db


@pytest.fixture
def district_db(demo_master, tmp_path):
    db = _open(demo_master, tmp_path, "柳南区卫生健康局")
    yield db
    db.close()


@pytest.fixture
def city_db(demo_master, tmp_path):
    db = _open(demo_master, tmp_path, installation.BUREAU_CHOICES[-1])
    yield db
    db.close()


def _page(qtbot, db: Database, home: str | None) -> ReportsPage:
    page = ReportsPage(db, lambda: 2025, lambda: home)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    with qtbot.waitSignal(page.rendered, timeout=WAIT):
        page.show()
    return page


def _choose(qtbot, page: ReportsPage, attachment: int, district: str | None = None) -> int:
    with qtbot.waitSignal(page.rendered, timeout=WAIT) as blocker:
        page.select(attachment, district)
    qtbot.waitUntil(lambda: not page.preview_runner.busy and not page._debounce.isActive(), timeout=WAIT)
    return blocker.args[0]


def _preview_text(page: ReportsPage) -> str:
    document = page.preview.document
    return "\n".join(document.getAllText(n).text() for n in range(document.pageCount()))


def _units(db: Database, district: str) -> list[str]:
    with db.session() as session:
        district_id = district_by_name(session, district).id
        return list(session.scalars(select(Unit.name).where(Unit.district_id == district_id,
                                                            Unit.deleted_at.is_(None)).order_by(Unit.id)))


def _save(qtbot, page: ReportsPage, fmt: str, monkeypatch, answer: str) -> tuple[list[Path], list[str]]:
    """Click 保存 with the file dialog answering `answer`; returns (files written, names suggested)."""
    suggested: list[str] = []

    def save_name(_parent, _title, proposed, _filter):
        suggested.append(proposed)
        return answer, _filter

    monkeypatch.setattr(reports_page.QFileDialog, "getSaveFileName", save_name)
    monkeypatch.setattr(reports_page.QFileDialog, "getExistingDirectory", lambda *_a: answer)
    button = page.save_pdf_button if fmt == "pdf" else page.save_xlsx_button
    with qtbot.waitSignal(page.saved, timeout=WAIT) as blocker:
        button.click()
    return blocker.args[0], suggested


def test_district_page_previews_its_own_tables(qtbot, district_db) -> None:
    page = _page(qtbot, district_db, "柳南区")
    assert page.preview.page_count >= 1
    assert [page.district_combo.itemText(i) for i in range(page.district_combo.count())] == ["柳南区"]
    assert page.attachment_combo.findData(SUMMARY) == -1  # the 汇总表 is the city's
    assert page.year_label.text() == "2025 年度"

    pages = _choose(qtbot, page, 5)
    units = _units(district_db, "柳南区")
    assert pages == page.preview.page_count and pages >= 2  # the demo district has 100+ units
    text = _preview_text(page)
    assert units[0] in text and units[-1] in text
    assert not page.district_combo.isEnabled()

    assert _choose(qtbot, page, 3) >= 1
    assert units[0] not in _preview_text(page)
    assert page.mask_check.isEnabled() is False and page.actuals_check.isEnabled() is False
    _choose(qtbot, page, 6)
    assert page.mask_check.isEnabled() and page.print_button.isEnabled()


def test_only_the_newest_choice_is_shown(qtbot, district_db) -> None:
    page = _page(qtbot, district_db, "柳南区")
    shown: list[int] = []
    page.rendered.connect(shown.append)
    for attachment in (3, 6, 2, 5):  # faster than any preview can be made
        page.select(attachment)
        page.refresh_preview()
    qtbot.waitUntil(lambda: bool(shown) and not page.preview_runner.busy, timeout=WAIT)
    assert len(shown) == 1  # the three outdated previews were dropped, not flashed
    assert _units(district_db, "柳南区")[0] in _preview_text(page)


def test_bank_cards_in_full_or_masked(qtbot, district_db) -> None:
    with district_db.transaction() as session:
        liunan = district_by_name(session, "柳南区").id
        lecture = session.scalars(select(Lecture).where(Lecture.district_id == liunan, Lecture.deleted_at.is_(None))
                                  .where(Lecture.experts.any(Expert.level == LEVEL_REGIONAL))).first()
        expert = next(e for e in lecture.experts if e.level == LEVEL_REGIONAL)
        expert.bank_card = CARD
    page = _page(qtbot, district_db, "柳南区")
    _choose(qtbot, page, 6)
    assert CARD in _preview_text(page).replace(" ", "")
    with qtbot.waitSignal(page.rendered, timeout=WAIT):
        page.mask_check.setChecked(True)
    qtbot.waitUntil(lambda: not page.preview_runner.busy, timeout=WAIT)
    text = _preview_text(page).replace(" ", "")
    assert CARD not in text and CARD[-4:] in text


def test_save_pdf_and_excel_hold_the_district_data(qtbot, district_db, tmp_path, monkeypatch) -> None:
    page = _page(qtbot, district_db, "柳南区")
    _choose(qtbot, page, 5)
    units = _units(district_db, "柳南区")
    opened: list[QUrl] = []
    monkeypatch.setattr(reports_page.QDesktopServices, "openUrl", opened.append)

    messages.answer_next(True)  # 打开所在文件夹
    out = tmp_path / "out"
    out.mkdir()
    files, suggested = _save(qtbot, page, "pdf", monkeypatch, str(out / "附件5"))  # typed without .pdf
    assert Path(suggested[0]).name == "附件5_柳南区_2025.pdf"
    assert files == [out / "附件5.pdf"]
    text = "".join(p.extract_text() for p in PdfReader(files[0]).pages)
    assert units[0] in text and units[-1] in text
    assert messages.shown[-1].title == "保存完成" and opened == [QUrl.fromLocalFile(str(out))]

    files, suggested = _save(qtbot, page, "xlsx", monkeypatch, str(tmp_path / "附件5.xlsx"))
    assert Path(suggested[0]).name == "附件5_柳南区_2025.xlsx"
    cells = {str(c.value) for row in load_workbook(files[0]).active.iter_rows() for c in row if c.value}
    assert set(units) <= cells
    assert len(opened) == 1  # the second question was answered 否


def test_the_progress_box_is_gone_before_the_saved_question(qtbot, district_db, tmp_path, monkeypatch) -> None:
    """Issue 12: the finished "正在导出… 100%" box stayed on top of the "已保存" question."""
    page = _page(qtbot, district_db, "柳南区")
    page.window().show()
    _choose(qtbot, page, 5)
    seen: list[list[str]] = []

    def ask_like_a_real_box(parent, text, title="请确认", *, default=False) -> bool:
        loop = QEventLoop()  # a real question runs its own event loop while the user reads it
        QTimer.singleShot(800, loop.quit)
        loop.exec()
        seen.append([d.labelText() for d in page.findChildren(QProgressDialog) if d.isVisible()])
        return False

    monkeypatch.setattr(reports_page.messages, "ask", ask_like_a_real_box)
    files, _ = _save(qtbot, page, "pdf", monkeypatch, str(tmp_path / "附件5.pdf"))
    assert files and seen == [[]]


def test_preview_then_save_builds_and_renders_attachment_2_once(qtbot, district_db, tmp_path,
                                                                monkeypatch) -> None:
    """Issue 16: preview then save built 附件2 three times, ran the statistics three times and
    rendered the PDF twice."""
    from liuzhou_gui.services.reports import export, tables

    calls = {"table": 0, "statistics": 0, "pdf": 0}

    def counting(name, real):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(tables, "report_table", counting("table", tables.report_table))
    monkeypatch.setattr(tables, "campaign_progress", counting("statistics", tables.campaign_progress))
    monkeypatch.setattr(export, "render_pdf", counting("pdf", export.render_pdf))
    page = _page(qtbot, district_db, "柳南区")
    calls.update(table=0, statistics=0, pdf=0)  # the page's first table is not 附件2
    _choose(qtbot, page, 2)
    assert calls == {"table": 1, "statistics": 1, "pdf": 1}
    files, suggested = _save(qtbot, page, "pdf", monkeypatch, str(tmp_path / "附件2.pdf"))
    assert Path(suggested[0]).name == "附件2_柳南区_2025.pdf"
    assert calls == {"table": 1, "statistics": 1, "pdf": 1}  # named and saved without building again
    assert files[0].read_bytes() == page.shown_preview.pdf
    files, _ = _save(qtbot, page, "xlsx", monkeypatch, str(tmp_path / "附件2.xlsx"))
    assert calls["table"] == 1 and calls["statistics"] == 1  # Excel from the same document
    assert load_workbook(files[0]).active.max_row > 3
    # Another choice (the draft watermark) is a new table: built once more, not saved from the old bytes.
    with qtbot.waitSignal(page.rendered, timeout=WAIT):
        page.draft_check.setChecked(True)
    qtbot.waitUntil(lambda: not page.preview_runner.busy and not page._debounce.isActive(), timeout=WAIT)
    assert calls == {"table": 2, "statistics": 2, "pdf": 2}


def test_a_save_after_the_data_changed_builds_afresh(qtbot, district_db, tmp_path, monkeypatch) -> None:
    page = _page(qtbot, district_db, "柳南区")
    _choose(qtbot, page, 5)
    old = page.shown_preview
    page.refresh()  # what the window does when records change
    assert page.shown_preview is None or page.shown_preview is not old
    qtbot.waitUntil(lambda: not page.preview_runner.busy, timeout=WAIT)


def test_cancel_leaves_no_file(qtbot, district_db, tmp_path, monkeypatch) -> None:
    page = _page(qtbot, district_db, "柳南区")
    real_save = reports_page.save_report

    def cancelled_at_once(*args):
        page.export_runner.cancel()  # as if the user pressed 取消 as soon as the export began
        return real_save(*args)

    monkeypatch.setattr(reports_page, "save_report", cancelled_at_once)
    _choose(qtbot, page, 5)
    target = tmp_path / "附件5.pdf"
    files, _ = _save(qtbot, page, "pdf", monkeypatch, str(target))
    assert files == [] and list(tmp_path.glob("附件5*")) == []
    assert "已取消" in page.status.text()
    assert not [m for m in messages.shown if m.kind in ("error", "warning")]


def test_city_saves_every_district_into_a_folder(qtbot, city_db, tmp_path, monkeypatch) -> None:
    page = _page(qtbot, city_db, None)
    assert page.attachment_combo.findData(SUMMARY) >= 0
    page.select(5, ALL_DISTRICTS)
    qtbot.waitUntil(lambda: page.preview.page_count == 0 and not page._debounce.isActive(), timeout=WAIT)
    assert "全部县区" in page.preview.notice.text() and not page.print_button.isEnabled()
    folder = tmp_path / "all"
    folder.mkdir()
    files, _ = _save(qtbot, page, "xlsx", monkeypatch, str(folder))
    assert len(files) == len(DISTRICTS) and all(f.parent == folder and f.exists() for f in files)
    for district in ("柳北区", "三江侗族自治县"):
        written = next(f for f in files if district in f.name)
        cells = {str(c.value) for row in load_workbook(written).active.iter_rows() for c in row if c.value}
        assert _units(city_db, district)[0] in cells


def test_city_picks_any_district_and_the_summary(qtbot, city_db) -> None:
    page = _page(qtbot, city_db, None)
    _choose(qtbot, page, 2, "鹿寨县")
    with city_db.session() as session:
        figures = next(p for p in campaign_progress(session, 2025).districts if p.district == "鹿寨县").total
    assert page.district_combo.isEnabled()
    assert f"合计 {figures.sessions} {figures.units} {figures.people}" in _preview_text(page)
    assert _choose(qtbot, page, SUMMARY) >= 1
    assert not page.district_combo.isEnabled()
    with city_db.session() as session:
        city = campaign_progress(session, 2025)
    text = _preview_text(page)
    assert "三江" in text and str(city.distinct.people) in text


def test_print_each_page_in_its_orientation(qtbot, district_db, tmp_path) -> None:
    page = _page(qtbot, district_db, "柳南区")
    pages = _choose(qtbot, page, 5)
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    assert report_print.print_document(page.preview.document, printer) == pages
    printed = PdfReader(out).pages
    assert len(printed) == pages and all(p.mediabox.width < p.mediabox.height for p in printed)

    _choose(qtbot, page, 6)
    out6 = tmp_path / "printed6.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out6))
    assert report_print.print_document(page.preview.document, printer) == page.preview.page_count
    assert all(p.mediabox.width > p.mediabox.height for p in PdfReader(out6).pages)  # 附件6 is landscape
    assert PdfReader(out6).pages[0].images  # the page itself, painted as an image


def test_print_dialog_choices_are_honoured(qtbot, district_db, tmp_path, monkeypatch) -> None:
    out = tmp_path / "dialog.pdf"

    class FakePrintDialog:
        """The user picks PDF output, pages 2–2 and two copies, then 打印."""

        def __init__(self, printer: QPrinter, _parent) -> None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(2, 2)
            printer.setCopyCount(2)

        def __getattr__(self, _name):
            return lambda *_a: None

        def exec(self) -> int:
            return report_print.QDialog.DialogCode.Accepted

    monkeypatch.setattr(report_print, "QPrintDialog", FakePrintDialog)
    page = _page(qtbot, district_db, "柳南区")
    assert _choose(qtbot, page, 5) >= 2
    assert page.print_report() == 2
    assert len(PdfReader(out).pages) == 2


def test_main_window_offers_the_page(qtbot, district_db) -> None:

    window = open_main_window(qtbot, district_db, wait_for_bench=False)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert window.reports is not None and "报表" in titles
    with qtbot.waitSignal(window.reports.rendered, timeout=WAIT) as blocker:
        window.nav.setCurrentRow(titles.index("报表"))
    assert blocker.args[0] >= 1 and window.reports.year_label.text() == f"{window.year} 年度"
    window.close()


def test_switching_the_window_year_updates_the_open_page(qtbot, district_db) -> None:

    with district_db.transaction() as session:
        add_campaign(session, 2026)
    window = open_main_window(qtbot, district_db, wait_for_bench=False)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    with qtbot.waitSignal(window.reports.rendered, timeout=WAIT):
        window.nav.setCurrentRow(titles.index("报表"))
    other = 2026 if window.year == 2025 else 2025
    with qtbot.waitSignal(window.reports.rendered, timeout=WAIT):
        window.set_year(other)
    assert window.reports.year_label.text() == f"{other} 年度"
    window.close()


def test_seal_is_printed_only_when_asked_and_set_up(qtbot, district_db, tmp_path, monkeypatch) -> None:
    page = _page(qtbot, district_db, "柳南区")
    _choose(qtbot, page, 2)
    assert "未设置本县区的公章图片" in page.status.text()
    seal = QImage(200, 200, QImage.Format.Format_RGB32)
    seal.fill(QColor("white"))
    painter = QPainter(seal)
    painter.setPen(QPen(QColor(200, 20, 20), 12))
    painter.drawEllipse(10, 10, 180, 180)
    painter.end()
    assert seal.save(str(tmp_path / "seal.png"))
    update_settings(district_db, "柳南区", seal=tmp_path / "seal.png")

    with qtbot.waitSignal(page.rendered, timeout=WAIT):
        page.refresh_preview()
    assert "公章" not in page.status.text() and page.seal_check.isChecked()
    stamped, _ = _save(qtbot, page, "pdf", monkeypatch, str(tmp_path / "stamped.pdf"))
    with qtbot.waitSignal(page.rendered, timeout=WAIT):
        page.seal_check.setChecked(False)
    assert not page.seal_size.isEnabled()
    bare, _ = _save(qtbot, page, "pdf", monkeypatch, str(tmp_path / "bare.pdf"))
    assert PdfReader(stamped[0]).pages[0].images and not PdfReader(bare[0]).pages[0].images

    with qtbot.waitSignal(page.rendered, timeout=WAIT):
        page.draft_check.setChecked(True)
    assert not page.seal_check.isEnabled()
    draft, _ = _save(qtbot, page, "pdf", monkeypatch, str(tmp_path / "draft.pdf"))
    assert "草稿" in PdfReader(draft[0]).pages[0].extract_text()


def test_refresh_follows_the_window_year(qtbot, district_db) -> None:
    with district_db.transaction() as session:
        add_campaign(session, 2026)
    year = [2025]
    page = ReportsPage(district_db, lambda: year[0], lambda: "柳南区")
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.rendered, timeout=WAIT):
        page.show()
    page.select(6)
    qtbot.waitUntil(lambda: "2025年" in _preview_text(page), timeout=WAIT)
    year[0] = 2026
    with qtbot.waitSignal(page.rendered, timeout=WAIT):
        page.refresh()
    assert page.year_label.text() == "2026 年度" and "2025年" not in _preview_text(page)


def test_the_writers_load_only_when_a_table_is_made() -> None:
    """The window imports the page at start; reportlab and openpyxl must not slow that down."""
    code = ("import sys, liuzhou_gui.ui.pages.reports_page; "
            "print(sorted(m for m in ('reportlab', 'openpyxl') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "[]"
