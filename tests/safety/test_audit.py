"""The audit trail after each kind of change, on screen and as Excel, with bank cards masked."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pg_engines import both_engines as engine

from liuzhou_gui.cli.main import run
from liuzhou_gui.domain.drafts import ExpertDraft
from liuzhou_gui.storage import audit
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.experts import delete_expert, restore_expert, save_expert

CARD = "6222021234567890128"
__all__ = ["engine"]  # the audit trail on SQLite and on PostgreSQL (issue 17)


@pytest.fixture
def changed_db(db: Database) -> Database:
    draft = ExpertDraft(name="张三", level="市级", category="职业健康", unit="柳州市职业病防治院", district="柳南")
    with db.transaction() as session:
        expert_id = save_expert(session, draft).id
    draft.bank_card = CARD
    draft.title = "主任医师"
    with db.transaction() as session:
        save_expert(session, draft, expert_id)
    with db.transaction() as session:
        delete_expert(session, expert_id)
    with db.transaction() as session:
        restore_expert(session, expert_id)
    return db


def test_each_kind_of_change_is_recorded_newest_first(changed_db: Database) -> None:
    with changed_db.session() as session:
        found = audit.entries(session, entity="expert")
        assert [e.action for e in found] == ["restore", "delete", "update", "create"]
        assert all(e.label == "张三" and e.user for e in found)
        update = found[2]
        text = audit.describe_changes(update)
        assert "职称/职务：（空） → 主任医师" in text
        assert "6222 **** **** 0128" in text
        assert CARD not in update.changes
        assert [e.action for e in audit.entries(session, action="delete")] == ["delete"]
        assert audit.entries(session, text="不存在的文字") == []


def test_command_line_lists_and_exports_the_trail(
    changed_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    db_arg = ["--db", str(changed_db.target)]
    changed_db.close()
    assert run([*db_arg, "audit", "--entity", "expert"]) == 0
    out = capsys.readouterr().out
    assert "修改" in out and "共 4 条" in out and CARD not in out
    target = tmp_path / "audit.xlsx"
    assert run([*db_arg, "audit", "-o", str(target)]) == 0
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("时间", "操作人", "操作", "对象")
    assert [row[2] for row in rows[1:]] == ["恢复", "删除", "修改", "新增"]
    assert all(CARD not in str(cell) for row in rows for cell in row)
    assert run([*db_arg, "audit", "--since", "2025-13-01"]) == 2
    assert "格式不对" in capsys.readouterr().err
