"""`check`: clean data exits 0 even with plan shortfalls; planted rule breaks exit 1 and are named."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from liuzhou_gui.cli.main import run
from liuzhou_gui.storage.lectures import DOUBLE_BOOKING_WAIVER


def _sql(path: Path, script: str) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.executescript(script)
        conn.commit()
    finally:
        conn.close()


def _sections(out: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    for line in out.splitlines():
        if line.startswith("【"):
            current = line[1:line.index("】")]
            sections[current] = []
        elif line.startswith("  - ") and current:
            sections[current].append(line[4:])
    return sections


def test_demo_data_has_no_errors_only_shortfalls(demo_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert run(["--db", str(demo_path), "check"]) == 0
    out = capsys.readouterr().out
    sections = _sections(out)
    assert list(sections) == ["错误", "未达标", "提醒"]
    assert sections["错误"] == []
    assert sections["未达标"], "the demo leaves some districts short of the plan"
    assert any(line.startswith("全市：") for line in sections["未达标"])
    assert "没有发现错误" in out
    summary = out.splitlines()[-6:-1]
    assert summary[0].split() == ["分组", "项数", "说明"]
    assert summary[2].split()[:2] == ["错误", "0"]
    assert summary[3].split()[:2] == ["未达标", str(len(sections["未达标"]))]


def test_planted_bad_records_are_errors(demo_path: Path, capsys: pytest.CaptureFixture) -> None:
    _sql(demo_path, """
        UPDATE unit SET phone = '12345' WHERE id = (SELECT min(id) FROM unit WHERE deleted_at IS NULL);
        UPDATE lecture SET held_on = '2024-06-01'
            WHERE id = (SELECT min(id) FROM lecture WHERE status = 'held' AND deleted_at IS NULL);
        UPDATE lecture SET attendance = NULL
            WHERE id = (SELECT max(id) FROM lecture WHERE status = 'held' AND deleted_at IS NULL);
    """)
    assert run(["--db", str(demo_path), "check"]) == 1
    out = capsys.readouterr().out
    errors = _sections(out)["错误"]
    assert len(errors) == 3, errors
    assert any("联系电话" in line and "5 位" in line for line in errors)
    assert any("2024-06-01" in line and "2025 年" in line for line in errors)
    assert any("覆盖人数" in line for line in errors)
    assert "发现 3 项错误" in out


def test_double_booked_lecturer_is_an_error(demo_path: Path, capsys: pytest.CaptureFixture) -> None:
    # the same lecturer in two other districts' sessions on the same day and hour, as the city's import of
    # 报送包 may bring them (past the database's own double-booking triggers: the waiver it writes)
    _sql(demo_path, f"""
        INSERT INTO setting (key, value) VALUES ('{DOUBLE_BOOKING_WAIVER}', '1');
        CREATE TEMP TABLE pair AS
            SELECT a.id AS first, b.id AS second FROM lecture a JOIN lecture b
            ON a.district_id <> b.district_id AND a.id < b.id
            WHERE a.status = 'held' AND b.status = 'held' AND a.deleted_at IS NULL AND b.deleted_at IS NULL
            ORDER BY a.id, b.id LIMIT 1;
        UPDATE lecture SET held_on = (SELECT held_on FROM lecture WHERE id = (SELECT first FROM pair)),
            start_time = '09:00:00', end_time = '11:00:00'
            WHERE id IN (SELECT first FROM pair UNION SELECT second FROM pair);
        INSERT INTO lecture_expert (lecture_id, expert_id)
            SELECT (SELECT second FROM pair), expert_id FROM lecture_expert
            WHERE lecture_id = (SELECT first FROM pair)
            AND expert_id NOT IN (SELECT expert_id FROM lecture_expert WHERE lecture_id = (SELECT second FROM pair))
            LIMIT 1;
        DELETE FROM setting WHERE key = '{DOUBLE_BOOKING_WAIVER}';
    """)
    assert run(["--db", str(demo_path), "check"]) == 1
    errors = _sections(capsys.readouterr().out)["错误"]
    assert any("同一时间有两场活动" in line for line in errors), errors


def test_empty_database_passes_with_reminders(db_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert run(["--db", str(db_path), "check", "--year", "2025"]) == 0
    sections = _sections(capsys.readouterr().out)
    assert sections["错误"] == []
    assert any("全市：共开展 0 场" in line for line in sections["未达标"])


def test_help_explains_the_exit_status(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(["check", "--help"])
    assert exit_info.value.code == 0
    assert "退出码为 1" in capsys.readouterr().out


def test_unknown_year_is_bad_data(db_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert run(["--db", str(db_path), "check", "--year", "2031"]) == 1
    assert "没有 2031 年度的活动" in capsys.readouterr().err


def test_twins_by_normalised_name_and_foreign_units_are_errors(
    demo_path: Path, capsys: pytest.CaptureFixture
) -> None:
    # the second unit of 柳南 gets the first one's name plus an ideographic space (the unique index
    # sees two names, clean() sees one); a 柳北 session covers a unit of 三江
    _sql(demo_path, """
        CREATE TEMP TABLE liunan AS SELECT u.id, u.name FROM unit u JOIN district d ON d.id = u.district_id
            WHERE d.short_name = '柳南' AND u.deleted_at IS NULL ORDER BY u.id LIMIT 2;
        UPDATE unit SET name = (SELECT name FROM liunan ORDER BY id LIMIT 1) || '　'
            WHERE id = (SELECT max(id) FROM liunan);
        INSERT INTO lecture_unit (lecture_id, unit_id) VALUES (
            (SELECT min(l.id) FROM lecture l JOIN district d ON d.id = l.district_id
                WHERE d.short_name = '柳北' AND l.deleted_at IS NULL),
            (SELECT min(u.id) FROM unit u JOIN district d ON d.id = u.district_id
                WHERE d.short_name = '三江' AND u.deleted_at IS NULL));
    """)
    assert run(["--db", str(demo_path), "check"]) == 1
    errors = _sections(capsys.readouterr().out)["错误"]
    assert len(errors) == 2, errors
    assert any(line.startswith("重复的记录：五进单位") and "（柳南）" in line for line in errors)
    assert any("覆盖了其他县区的单位" in line and "柳北" in line for line in errors)
