"""Demo data: enough of everything, varied, the same for the same seed, and only in an empty database."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from liuzhou_gui.cli.main import run
from liuzhou_gui.domain.errors import AppError
from liuzhou_gui.services.demo import fill_demo
from liuzhou_gui.storage.card_crypto import decrypt_card
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.statistics import campaign_progress


def _dump(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        rows = []
        for table in ("unit", "expert", "lecture", "lecture_unit", "lecture_expert", "lecture_category"):
            columns = [c[1] for c in conn.execute(f"PRAGMA table_info({table})") if not c[1].endswith("_at")]
            rows += [(table, *(decrypt_card(v) if name == "bank_card" and v else v for name, v in zip(columns, r,
                                                                                                    strict=True)))
                     for r in conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY 1, 2")]
        return rows
    finally:
        conn.close()


def test_demo_fills_every_district_with_enough_varied_data(db: Database) -> None:
    counts = fill_demo(db, seed=7)
    assert counts["units"] >= 1200 and counts["experts"] >= 60 and counts["sessions"] >= 150
    with db.session() as session:
        city = campaign_progress(session, 2025)
    assert all(part.distinct.sessions > 0 and sum(part.planned.values()) > 0 for part in city.districts)
    met = [p for p in city.districts if not p.shortfalls()]
    short = [p for p in city.districts if p.shortfalls()]
    assert met and short, "some districts meet every target and some do not"
    assert any(p.regional_share >= 0.2 for p in city.districts)
    assert any(p.regional_share < 0.2 for p in city.districts)
    assert city.categories["其他内容"].sessions > 0
    assert city.subsidised_held > 0


def test_same_seed_same_data(tmp_path: Path) -> None:
    paths = [tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"]
    for path in paths:
        db = Database.open(path)
        fill_demo(db, seed=11)
        db.close()
    assert _dump(paths[0]) == _dump(paths[1])
    other = tmp_path / "c.sqlite3"
    db = Database.open(other)
    fill_demo(db, seed=12)
    db.close()
    assert _dump(other) != _dump(paths[0])


def test_demo_refuses_a_database_with_work_in_it(db: Database) -> None:
    fill_demo(db, seed=1)
    with pytest.raises(AppError, match="只能填入新的空数据库"):
        fill_demo(db, seed=1)


def test_demo_and_stats_on_the_command_line(db_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert run(["--db", str(db_path), "demo", "--seed", "3"]) == 0
    assert "五进单位 1250 家" in capsys.readouterr().out
    assert run(["--db", str(db_path), "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert set(stats) >= {"year", "district", "categories", "total", "plan", "regional_share", "units_target"}
    assert stats["district"] is None and stats["units_target"] == 1000
    assert set(stats["categories"]) == {"职业健康", "心理健康", "慢性病管理", "其他内容"}
    assert stats["total"]["sessions"] == sum(c["sessions"] for c in stats["categories"].values())
    assert run(["--db", str(db_path), "demo"]) == 1
    assert "只能填入新的空数据库" in capsys.readouterr().err
