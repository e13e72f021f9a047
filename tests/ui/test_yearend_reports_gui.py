"""报表 → 效果评估汇总表, 活动图片 and 工作总结 as a district and as the city office use them."""

from __future__ import annotations

import pytest
from docx import Document

from liuzhou_gui.services import installation
from liuzhou_gui.services.reports.catalog import EVALUATION
from liuzhou_gui.storage.backup import copy_database
from liuzhou_gui.storage.database import Database
from liuzhou_gui.ui import messages
from liuzhou_gui.ui.pages import reports_page
from liuzhou_gui.ui.pages.reports_page import ReportsPage

WAIT = 30000


@pytest.fixture
def bureau_db(demo_master, tmp_path, request):
    db = Database.open(copy_database(demo_master, tmp_path / "demo.sqlite3"))
    with db.transaction() as session:
        installation.save(session, request.param, "张三", "0772-2868517")
    yield db
    db.close()


def _page(qtbot, db: Database, home: str | None) -> ReportsPage:
    page = ReportsPage(db, lambda: 2025, lambda: home)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    with qtbot.waitSignal(page.rendered, timeout=WAIT):
        page.show()
    return page


def _choose(qtbot, page: ReportsPage, attachment: int) -> int:
    with qtbot.waitSignal(page.rendered, timeout=WAIT) as blocker:
        page.select(attachment)
    qtbot.waitUntil(lambda: not page.preview_runner.busy and not page._debounce.isActive(), timeout=WAIT)
    return blocker.args[0]


def _text(page: ReportsPage) -> str:
    document = page.preview.document
    return "".join("".join(document.getAllText(n).text().split()) for n in range(document.pageCount()))


@pytest.mark.parametrize("bureau_db", ["柳南区卫生健康局"], indirect=True)
def test_district_previews_its_evaluation_and_photos_and_saves_its_summary(qtbot, bureau_db, tmp_path,
                                                                            monkeypatch) -> None:
    page = _page(qtbot, bureau_db, "柳南区")
    assert _choose(qtbot, page, EVALUATION) >= 1
    assert "柳南区“十百千”职业健康科普宣传活动效果评估汇总表" in _text(page)
    assert page.save_xlsx_button.isEnabled()
    photos = tmp_path / "图片"
    monkeypatch.setattr(reports_page.QFileDialog, "getSaveFileName", lambda *_a: (str(photos), ""))
    messages.answer_next(False)
    with qtbot.waitSignal(page.saved, timeout=WAIT) as blocker:
        page.photos_button.click()
    assert blocker.args[0] == [tmp_path / "图片.pdf"]
    from pypdf import PdfReader

    assert "还没有添加活动图片" in "".join(PdfReader(tmp_path / "图片.pdf").pages[0].extract_text().split())
    target = tmp_path / "我的总结"
    monkeypatch.setattr(reports_page.QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    opened = []
    monkeypatch.setattr(reports_page.QDesktopServices, "openUrl", opened.append)
    messages.answer_next(True)
    with qtbot.waitSignal(page.saved, timeout=WAIT) as blocker:
        page.summary_button.click()
    (path,) = blocker.args[0]
    assert path == tmp_path / "我的总结.docx"
    assert Document(str(path)).paragraphs[0].text.startswith("柳南区卫生健康局2025年")
    assert opened and opened[0].toLocalFile() == str(path)


@pytest.mark.parametrize("bureau_db", [installation.BUREAU_CHOICES[-1]], indirect=True)
def test_city_sees_the_whole_city(qtbot, bureau_db) -> None:
    page = _page(qtbot, bureau_db, None)
    _choose(qtbot, page, EVALUATION)
    text = _text(page)
    assert "2025年全市“十百千”职业健康科普宣传活动效果评估汇总表" in text and "全市合计" in text
