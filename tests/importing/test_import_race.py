"""An import checked against the database, then another clerk saves the same unit before it is written:
the database refuses the duplicate, and the import writes nothing and says why in one sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from liuzhou_gui.domain.drafts import UnitDraft
from liuzhou_gui.domain.errors import AppError
from liuzhou_gui.operations import records
from liuzhou_gui.services.importing.apply import apply_import
from liuzhou_gui.services.importing.plan import plan_import
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.models import AuditEntry, Unit


def _units_file(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    for row in (["县区", "单位名称", "单位性质", "活动分类"], ["柳北区", "柳州钢铁集团", "企业", "职业健康"],
                ["柳北区", "柳北第一中学", "学校", "心理健康"]):
        sheet.append(row)
    book.save(path)
    return path


def test_a_unit_saved_by_another_clerk_during_the_import_stops_the_whole_import(db: Database, db_target, tmp_path):
    plan = plan_import(db, "units", _units_file(tmp_path / "units.xlsx"), None)
    assert not plan.errors and not plan.duplicates
    other_pc = Database.open(db_target)
    try:
        records.save_unit(other_pc, UnitDraft(district="柳北", name="柳州钢铁集团", kind="企业",
                                              categories=["职业健康"]))
    finally:
        other_pc.close()
    with db.session() as session:
        audit_before = session.scalar(select(func.count()).select_from(AuditEntry))
    with pytest.raises(AppError) as refusal:
        apply_import(db, plan)
    assert refusal.value.message.startswith("导入期间，另一位用户同时保存了同名的单位，本次导入没有写入任何数据。")
    with db.session() as session:
        assert list(session.scalars(select(Unit.name))) == ["柳州钢铁集团"]
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == audit_before
    again = plan_import(db, "units", tmp_path / "units.xlsx", None)
    assert len(again.duplicates) == 1  # checked again, the clerk's unit is seen
