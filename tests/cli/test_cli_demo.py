"""`demo` on the command line: minimum counts, the same seed gives the same statistics, refusal."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from liuzhou_gui.cli.main import run


def _count(path: Path, sql: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def test_demo_minimum_counts(demo_master: Path) -> None:
    assert _count(demo_master, "SELECT count(*) FROM unit WHERE deleted_at IS NULL") >= 1200
    assert _count(demo_master, "SELECT count(*) FROM expert WHERE deleted_at IS NULL") >= 60
    assert _count(demo_master, "SELECT count(*) FROM lecture WHERE deleted_at IS NULL") >= 150
    assert _count(demo_master, "SELECT count(DISTINCT district_id) FROM lecture") == 10
    assert _count(demo_master, "SELECT count(DISTINCT district_id) FROM unit") == 10
    for status in ("held", "planned", "cancelled"):
        assert _count(demo_master, f"SELECT count(*) FROM lecture WHERE status = '{status}'") > 0
    assert _count(demo_master, "SELECT count(*) FROM district WHERE reporter = '' OR reporter_phone = ''") == 0
    assert _count(demo_master, "SELECT count(*) FROM unit WHERE credit_code IS NOT NULL AND credit_code <> ''") > 0
    assert _count(demo_master, "SELECT count(*) FROM expert WHERE bank_card IS NOT NULL AND bank_card <> ''") > 0


def test_same_seed_same_statistics(
    demo_master: Path, demo_seed: int, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    again = tmp_path / "again.sqlite3"
    assert run(["--db", str(again), "demo", "--seed", str(demo_seed)]) == 0
    assert "已填入演示数据" in capsys.readouterr().out
    answers = []
    for path in (demo_master, again):
        for district in ([], ["--district", "柳城"]):
            assert run(["--db", str(path), "stats", "--json", *district]) == 0
            answers.append(json.loads(capsys.readouterr().out))
    assert answers[0] == answers[2] and answers[1] == answers[3]


def test_demo_refuses_a_database_with_data(demo_path: Path, capsys: pytest.CaptureFixture) -> None:
    before = _count(demo_path, "SELECT count(*) FROM unit")
    assert run(["--db", str(demo_path), "demo", "--seed", "9"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "空数据库" in err
    assert _count(demo_path, "SELECT count(*) FROM unit") == before


def test_demo_bad_seed_is_a_usage_error(db_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert run(["--db", str(db_path), "demo", "--seed", "abc"]) == 2
    assert "无效的值" in capsys.readouterr().err
