"""The three list pages (专家, 五进单位, 科普活动) assembled from ListPage and their models."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QWidget

from ...domain.reference import CATEGORIES, DISTRICTS, EXPERT_LEVELS, SESSION_STATUSES, UNIT_KINDS
from ...operations import Changes, records
from ...storage.database import Database
from ..dialogs.expert_dialog import ExpertDialog
from ..dialogs.lecture_dialog import LectureDialog
from ..dialogs.unit_dialog import UnitDialog
from ..models.expert_model import ExpertTableModel
from ..models.lecture_model import LectureTableModel
from ..models.unit_model import UnitTableModel
from ..widgets.card_notice import audited_reveal
from .import_actions import import_buttons
from .list_page import FilterSpec, ListPage, ListSpec


def _districts() -> FilterSpec:
    return FilterSpec("district", "县区", [(d.name, d.name) for d in DISTRICTS])


def _categories() -> FilterSpec:
    return FilterSpec("category", "活动分类", [(c, c) for c in CATEGORIES])


def _run(dialog) -> bool:
    return bool(dialog.exec())


def _add_import(page: ListPage, db: Database, kind: str, home_district: Callable[[], str | None]) -> None:
    for button in import_buttons(page, db, kind, home_district):
        page.add_action(button)
        page.trash_check.toggled.connect(lambda trash, b=button: b.setVisible(not trash))


def expert_page(db: Database, home_district: Callable[[], str | None], parent: QWidget | None = None) -> ListPage:
    model = ExpertTableModel(db)
    spec = ListSpec(
        name="experts", noun="专家", model=model,
        filters=[_districts(), FilterSpec("level", "级别", [(x, x) for x in EXPERT_LEVELS]), _categories()],
        open_editor=lambda i: _run(ExpertDialog(db, i, parent, district=home_district() if i is None else None)),
        delete=lambda i, force: records.delete_expert(db, i, force),
        restore=lambda i: records.restore_expert(db, i),
        shows=Changes.EXPERTS,
    )
    page = ListPage(db, spec, parent)
    reveal = QCheckBox("显示银行卡号", page)
    reveal.setToolTip("个人银行卡号属于个人金融信息，默认只显示前 4 位和后 4 位；显示完整卡号会记入操作记录")

    def reveal_cards(shown: bool) -> None:
        if shown and not audited_reveal(page, db, None, "专家列表：显示全部完整银行卡号"):
            reveal.setChecked(False)
            return
        model.set_reveal_cards(shown)

    reveal.toggled.connect(reveal_cards)
    page.add_to_bar(reveal)
    _add_import(page, db, "experts", home_district)
    return page


def unit_page(db: Database, home_district: Callable[[], str | None], parent: QWidget | None = None) -> ListPage:
    spec = ListSpec(
        name="units", noun="五进单位", model=UnitTableModel(db),
        filters=[_districts(), FilterSpec("kind", "单位性质", [(x, x) for x in UNIT_KINDS]), _categories()],
        open_editor=lambda i: _run(UnitDialog(db, i, parent, district=home_district())),
        delete=lambda i, force: records.delete_unit(db, i, force),
        restore=lambda i: records.restore_unit(db, i), label_column=1,
        shows=Changes.UNITS,
    )
    page = ListPage(db, spec, parent)
    _add_import(page, db, "units", home_district)
    return page


def lecture_page(db: Database, year: Callable[[], int], home_district: Callable[[], str | None],
                 parent: QWidget | None = None) -> ListPage:
    spec = ListSpec(
        name="sessions",  # the INI group of its saved widths and filters: kept, so users keep them
        noun="科普活动", model=LectureTableModel(db),
        filters=[
            _districts(), _categories(),
            FilterSpec("status", "状态", [(label, code) for code, label in SESSION_STATUSES.items()]),
        ],
        open_editor=lambda i: _run(LectureDialog(db, i, parent, year=year(), district=home_district())),
        delete=lambda i, force: records.delete_lecture(db, i, force),
        restore=lambda i: records.restore_lecture(db, i), date_range=True, label_column=3,
        shows=Changes.LECTURES,  # its rows name units and experts: their changes come as LECTURES too
    )
    model = spec.model
    model.sort_column, model.sort_order = 0, Qt.SortOrder.DescendingOrder
    page = ListPage(db, spec, parent)
    _add_import(page, db, "sessions", home_district)
    return page
