"""`check` finds what slipped past the forms (planted with raw SQL) and what falls short of the plan."""

from __future__ import annotations

import sqlite3
from datetime import date, time
from pathlib import Path

import pytest

from liuzhou_gui.cli.main import run
from liuzhou_gui.domain.drafts import LectureDraft, UnitDraft
from liuzhou_gui.services.checks import ERROR, REMINDER, SHORTFALL, run_checks
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.lectures import DOUBLE_BOOKING_WAIVER, save_lecture
from liuzhou_gui.storage.units import save_unit


@pytest.fixture
def small_db(db: Database) -> Database:
    with db.transaction() as session:
        unit = save_unit(session, UnitDraft(district="柳南", name="柳南机械厂", kind="企业", categories=["职业健康"]))
        for day in (1, 2):
            save_lecture(session, LectureDraft(
                year=2025, district="柳南", held_on=date(2025, 6, day), start_time=time(9), end_time=time(11),
                place="会议室", unit_ids=[unit.id], categories=["职业健康"], expert_ids=[1], attendance=50,
                status="held",
            ))
    return db


def _sql(db: Database, statement: str, *, waive_double_booking: bool = False) -> None:
    """`waive_double_booking`: past the database's own double-booking triggers, as the city's import of a
    报送包 goes (a clash between two districts' bookings is then for `check` to report)."""
    conn = sqlite3.connect(db.path)
    if waive_double_booking:
        conn.execute(f"INSERT INTO setting (key, value) VALUES ('{DOUBLE_BOOKING_WAIVER}', '1')")
    conn.execute(statement)
    if waive_double_booking:
        conn.execute(f"DELETE FROM setting WHERE key = '{DOUBLE_BOOKING_WAIVER}'")
    conn.commit()
    conn.close()


def test_a_clean_database_has_no_errors_only_shortfalls(small_db: Database) -> None:
    findings = run_checks(small_db, today=date(2025, 11, 1))
    assert not [f for f in findings if f.severity == ERROR]
    shortfalls = [f.message for f in findings if f.severity == SHORTFALL]
    assert "柳南区：职业健康已开展 2 场，计划 5 场，差 3 场" in shortfalls
    reminders = [f.message for f in findings if f.severity == REMINDER]
    assert any(m.startswith("柳北区：报送专家名单（附件3）已过截止日期") for m in reminders)


def test_planted_faults_are_errors(small_db: Database) -> None:
    _sql(small_db, "UPDATE unit SET phone = '12345' WHERE name = '柳南机械厂'")
    _sql(small_db, "UPDATE lecture SET held_on = '2025-06-01', subsidised = 1 WHERE id = 2", waive_double_booking=True)
    _sql(small_db, "DELETE FROM lecture_expert WHERE lecture_id = 2 AND expert_id = 1")
    _sql(small_db, "INSERT INTO lecture_expert (lecture_id, expert_id) VALUES (2, 1)", waive_double_booking=True)
    _sql(small_db, "UPDATE lecture SET subsidised = 1 WHERE id = 1")
    _sql(small_db, "UPDATE expert SET level = '市级', district_id = 4 WHERE id = 1")
    errors = [f.message for f in run_checks(small_db) if f.severity == ERROR]
    assert any("五进单位“柳南机械厂”（柳南）" in m and "联系电话" in m for m in errors)
    assert any(m.startswith("专家“杨静”同一时间有两场活动") for m in errors)
    assert any("计入补助名额，但没有自治区级专家授课" in m for m in errors)


def test_command_line_exit_status(small_db: Database, capsys: pytest.CaptureFixture) -> None:
    path: Path = small_db.path
    small_db.close()
    assert run(["--db", str(path), "check"]) == 0
    out = capsys.readouterr().out
    assert "【错误】0 项" in out and "【未达标】" in out and "没有发现错误" in out
    _sql(small_db, "UPDATE unit SET phone = '12345'")
    assert run(["--db", str(path), "check"]) == 1
    assert "发现 1 项错误" in capsys.readouterr().out
