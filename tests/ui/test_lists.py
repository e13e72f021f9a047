"""List pages: models checked by qtmodeltester, pinyin search, filters, delete and restore."""

from __future__ import annotations

from datetime import date

import pytest
from pg_engines import both_engines as engine
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCheckBox
from sqlalchemy import select

from liuzhou_gui.domain.drafts import ExpertDraft, LectureDraft, UnitDraft
from liuzhou_gui.operations import Changes
from liuzhou_gui.storage.experts import save_expert
from liuzhou_gui.storage.lectures import save_lecture
from liuzhou_gui.storage.models import Unit
from liuzhou_gui.storage.units import save_unit
from liuzhou_gui.ui import messages
from liuzhou_gui.ui.models import table_model
from liuzhou_gui.ui.models.expert_model import ExpertTableModel
from liuzhou_gui.ui.models.lecture_model import LectureTableModel
from liuzhou_gui.ui.models.unit_model import UnitTableModel
from liuzhou_gui.ui.pages.list_pages import expert_page, lecture_page, unit_page
from liuzhou_gui.ui.runner import broadcast

__all__ = ["engine"]  # the list pages on SQLite and on a server database (tests/pg_engines.py)


def _texts(model, column: int) -> list[str]:
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


@pytest.mark.parametrize("model_class", [ExpertTableModel, UnitTableModel, LectureTableModel])
def test_models_pass_the_model_tester(qtmodeltester, installed_db, sample, model_class) -> None:
    model = model_class(installed_db)
    model.set_filters(year=2025)
    qtmodeltester.check(model, force_py=True)
    for column in range(model.columnCount()):
        model.sort(column)
    qtmodeltester.check(model, force_py=True)


def test_model_fetches_in_batches(installed_db, monkeypatch) -> None:
    monkeypatch.setattr(table_model, "BATCH_SIZE", 3)
    with installed_db.transaction() as s:
        for n in range(8):
            save_unit(s, UnitDraft(district="柳南", name=f"单位{n}", kind="企业", categories=["职业健康"]))
    model = UnitTableModel(installed_db)
    model.set_filters()
    assert (model.total, model.rowCount()) == (8, 3)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 8
    model.sort(1, model.sort_order.DescendingOrder)
    assert model.rowCount() == 3 and model.data(model.index(0, 1)) == "单位7"


def test_names_sort_by_pinyin_as_a_reader_expects(installed_db) -> None:
    with installed_db.transaction() as s:
        for name in ("张家村", "阿里社区", "柳州钢铁厂", "重庆路小学", "ABC科技公司", "李家屯"):
            save_unit(s, UnitDraft(district="柳南", name=name, kind="社区", categories=["职业健康"]))
    model = UnitTableModel(installed_db)
    model.set_filters()
    model.sort(1)
    assert _texts(model, 1) == ["ABC科技公司", "阿里社区", "重庆路小学", "李家屯", "柳州钢铁厂", "张家村"]
    model.sort(1, model.sort_order.DescendingOrder)
    assert _texts(model, 1)[0] == "张家村"
    experts = ExpertTableModel(installed_db)
    experts.set_filters()
    experts.sort(0)
    names = _texts(experts, 0)
    assert names.index("陈雪冬") < names.index("杨静") < names.index("周本建")  # chen < yang < zhou


def test_pinyin_initials_find_the_expert(qtbot, installed_db, sample) -> None:
    page = expert_page(installed_db, lambda: "柳南区")
    qtbot.addWidget(page)
    page.apply_filters()
    qtbot.keyClicks(page.search_edit, "yj")
    with qtbot.waitSignal(page.model.count_changed):
        pass
    names = _texts(page.model, 0)
    assert names.count("杨静") == 2  # ours and the regional expert of 附件4
    assert len(names) < 18  # the others match "yj" in their unit (…研究院), not all experts
    assert all("yj" in (n + u) or n == "杨静" or "研究" in u for n, u in zip(names, _texts(page.model, 4),
                                                                          strict=True))
    assert page.count_label.text() == f"共 {page.model.total} 条"
    assert "6222 **** **** 3446" in _texts(page.model, 7)


def test_session_search_by_unit_place_and_pinyin(qtbot, installed_db, sample) -> None:
    page = lecture_page(installed_db, lambda: 2025, lambda: "柳南区")
    qtbot.addWidget(page)
    page.set_fixed(year=2025)
    for text, expected in (("钢厂", 1), ("lzgtc", 1), ("gclt", 1), ("第一中学", 0), ("zsfh", 1)):
        page.search_edit.setText(text)
        page.apply_filters()
        assert page.model.total == expected, text
    assert page.count_label.text() == "共 1 条"


def test_filters_narrow_the_session_list(qtbot, installed_db, sample) -> None:
    with installed_db.transaction() as s:
        save_lecture(s, LectureDraft(year=2025, district="柳北", held_on=date(2025, 9, 10), place="柳北社区",
                                     categories=["慢性病管理"]))
    page = lecture_page(installed_db, lambda: 2025, lambda: None)
    qtbot.addWidget(page)
    page.set_fixed(year=2025)
    assert page.model.total == 2
    page.set_filter("district", "柳北区")
    assert page.model.total == 1 and _texts(page.model, 3) == ["柳北社区"]
    page.set_filter("district", None)
    page.set_filter("category", "职业健康")
    assert _texts(page.model, 3) == ["钢厂礼堂"]
    page.set_filter("category", None)
    page.set_filter("status", "planned")
    assert _texts(page.model, 3) == ["柳北社区"]
    page.set_filter("status", None)
    page.date_check.setChecked(True)
    page.date_from.setDate(QDate(2025, 8, 1))
    assert _texts(page.model, 3) == ["柳北社区"]
    page.set_fixed(year=2026)
    assert page.model.total == 0


def test_delete_moves_to_trash_and_restore_brings_back(qtbot, installed_db, sample) -> None:
    page = lecture_page(installed_db, lambda: 2025, lambda: "柳南区")
    qtbot.addWidget(page)
    page.set_fixed(year=2025)
    page.table.selectRow(0)
    messages.answer_next(True)
    page.delete_current()
    assert "回收站" in messages.shown[-1].text
    assert page.model.total == 0
    page.trash_check.setChecked(True)
    assert page.count_label.text() == "回收站中共 1 条"
    page.table.selectRow(0)
    page.restore_current()
    assert page.model.total == 0
    page.trash_check.setChecked(False)
    assert page.model.total == 1


def test_unit_in_use_asks_before_deleting(qtbot, installed_db, sample) -> None:
    page = unit_page(installed_db, lambda: "柳南区")
    qtbot.addWidget(page)
    page.search_edit.setText("钢铁")
    page.apply_filters()
    page.table.selectRow(0)
    messages.answer_next(True, False)  # yes, delete … no, not while it is in use
    page.delete_current()
    assert "仍被 1 场科普活动使用" in messages.shown[-1].text
    assert page.model.total == 1
    messages.answer_next(True, True)
    page.delete_current()
    assert page.model.total == 0
    with installed_db.session() as s:
        assert s.get(Unit, sample["steel"]).deleted_at is not None
        assert s.scalars(select(Unit.name).where(Unit.deleted_at.is_(None))).all() == ["柳南第一中学"]


def test_filters_are_remembered(qtbot, installed_db, sample) -> None:
    page = unit_page(installed_db, lambda: "柳南区")
    qtbot.addWidget(page)
    page.set_filter("kind", "学校")
    page.search_edit.setText("第一")
    page.apply_filters()
    again = unit_page(installed_db, lambda: "柳南区")
    qtbot.addWidget(again)
    again.apply_filters()
    assert again.combos["kind"].currentData() == "学校"
    assert again.search_edit.text() == "第一"
    assert _texts(again.model, 1) == ["柳南第一中学"]


def test_enter_and_double_click_open_the_edit_form(qtbot, installed_db, sample) -> None:
    from PySide6.QtCore import Qt

    page = unit_page(installed_db, lambda: "柳南区")
    qtbot.addWidget(page)
    page.show()
    page.apply_filters()
    opened: list[int | None] = []
    page.spec.open_editor = lambda record_id: opened.append(record_id) or False
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 1))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    first = page.model.id_at(0)
    assert opened == [first]
    rect = page.table.visualRect(page.model.index(1, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [first, page.model.id_at(1)]


def test_bank_cards_are_masked_until_revealed(qtbot, installed_db, sample) -> None:
    from PySide6.QtWidgets import QCheckBox

    page = expert_page(installed_db, lambda: "柳南区")
    qtbot.addWidget(page)
    page.search_edit.setText("杨静")
    page.apply_filters()
    assert "6222 **** **** 3446" in _texts(page.model, 7)
    reveal = next(box for box in page.findChildren(QCheckBox) if box.text() == "显示银行卡号")
    reveal.setChecked(True)
    assert "6222020200112233446" in _texts(page.model, 7)
    reveal.setChecked(False)
    assert "6222020200112233446" not in _texts(page.model, 7)


def test_keyboard_alone_search_and_delete(qtbot, installed_db, sample) -> None:
    from PySide6.QtCore import Qt

    page = lecture_page(installed_db, lambda: 2025, lambda: "柳南区")
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.set_fixed(year=2025)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search_edit.hasFocus()
    page.table.setFocus()
    messages.answer_next(True)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.model.total == 0


def test_polyphonic_surnames_are_found_by_every_reading(qtbot, installed_db) -> None:
    """覃 is Qín in Liuzhou and Tán in the dictionary; 曾, 单, 仇 likewise: each reading finds the expert."""
    with installed_db.transaction() as s:
        for name in ("覃芳", "曾志伟", "单丽", "仇明"):
            save_expert(s, ExpertDraft(name=name, level="县区级", category="职业健康", unit="柳南区疾控中心",
                                       district="柳南"))
    page = expert_page(installed_db, lambda: "柳南区")
    qtbot.addWidget(page)
    page.apply_filters()
    for typed, name in (("qf", "覃芳"), ("tf", "覃芳"), ("qinfang", "覃芳"), ("tanfang", "覃芳"),
                        ("zzw", "曾志伟"), ("czw", "曾志伟"), ("shanli", "单丽"), ("dl", "单丽"),
                        ("qiuming", "仇明"), ("chouming", "仇明")):
        page.search_edit.setText(typed)
        page.apply_filters()
        qtbot.waitUntil(lambda name=name: name in _texts(page.model, 0), timeout=3000)
    experts = ExpertTableModel(installed_db)
    experts.set_filters()
    experts.sort(0)
    names = _texts(experts, 0)
    assert names.index("曾志伟") < names.index("单丽") < names.index("覃芳")  # ceng < dan < tan: the sort is as it was


def test_the_session_list_no_longer_names_a_deleted_unit(qtbot, installed_db, sample) -> None:
    """Issue 12: the list still named a unit moved to the 回收站 (the edit form showed none)."""
    lectures = lecture_page(installed_db, lambda: 2025, lambda: "柳南区")
    units = unit_page(installed_db, lambda: "柳南区")
    for page in (lectures, units):
        qtbot.addWidget(page)
    lectures.set_fixed(year=2025)
    units.apply_filters()
    assert _texts(lectures.model, 6) == ["柳州钢铁厂"]
    units.select_id(sample["steel"])
    messages.answer_next(True, True)  # 删除? and, as it is still used by the session, 仍要删除?
    units.delete_current()
    assert [m.title for m in messages.shown] == ["删除", "仍要删除？"]
    # The unit page's delete told every page: the lecture list read itself again.
    assert _texts(lectures.model, 6) == [""]
    with installed_db.session() as s:
        assert s.get(Unit, sample["steel"]).deleted_at is not None


def _column(page, title: str) -> int:
    model = page.model
    return next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == title)


def _fits(page, title: str, text: str) -> bool:
    width = page.table.horizontalHeader().sectionSize(_column(page, title))
    return width >= page.table.fontMetrics().horizontalAdvance(text) + 6


def test_columns_fit_their_content_after_each_refresh_and_keep_the_users_widths(qtbot, installed_db,
                                                                               sample) -> None:
    """Issue 12: after a save, 单位名称 and 联系电话 were cut while 地址 took the width."""
    page = unit_page(installed_db, lambda: "柳南区")
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    page.apply_filters()
    long_name = "柳州市柳南区螺蛳粉产业园区职业健康促进示范企业联合会"
    address = "柳州市柳南区航一路" + "十八号" * 40
    with installed_db.transaction() as s:
        save_unit(s, UnitDraft(district="柳南", name=long_name, kind="企业", categories=["职业健康"],
                               phone="0772-2868517", address=address))
    broadcast(Changes.UNITS)  # what a save or an import tells every page
    assert _fits(page, "单位名称", long_name) and _fits(page, "联系电话", "0772-2868517")
    address_width = page.table.horizontalHeader().sectionSize(_column(page, "地址"))
    assert address_width <= 260 and not page.table.horizontalHeader().stretchLastSection()
    # A width the user chose stays, through refreshes and the next start.
    page.table.horizontalHeader().resizeSection(_column(page, "联系人"), 222)
    broadcast(Changes.UNITS)
    assert page.table.horizontalHeader().sectionSize(_column(page, "联系人")) == 222
    page.save_state()
    again = unit_page(installed_db, lambda: "柳南区")
    qtbot.addWidget(again)
    again.apply_filters()
    assert again.table.horizontalHeader().sectionSize(_column(again, "联系人")) == 222
    assert _fits(again, "单位名称", long_name)


def test_full_card_numbers_fit_when_shown(qtbot, installed_db, sample) -> None:
    page = expert_page(installed_db, lambda: "柳南区")
    qtbot.addWidget(page)
    page.apply_filters()
    reveal = next(b for b in page.findChildren(QCheckBox) if b.text() == "显示银行卡号")
    reveal.setChecked(True)
    assert "6222020200112233446" in _texts(page.model, _column(page, "个人银行卡号"))
    assert _fits(page, "个人银行卡号", "6222020200112233446")
