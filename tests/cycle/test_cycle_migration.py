"""Migration 0011: a database with data from before the reporting cycle is upgraded; nothing is claimed
as submitted (an upgraded database has no submissions, which is the truth)."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from sqlalchemy import text

from liuzhou_gui.storage import migrations
from liuzhou_gui.storage.database import Database, create_db_engine
from liuzhou_gui.storage.statistics import district_progress


def test_a_database_before_0011_keeps_its_data_and_gets_empty_submissions(tmp_path: Path) -> None:
    path = tmp_path / "before.sqlite3"
    before = migrations.REVISIONS[migrations.REVISIONS.index("0011") - 1]
    engine = create_db_engine(path)
    migrations.upgrade(engine, before)
    with engine.begin() as conn:
        unit_rows = conn.execute(text("SELECT count(*) FROM unit")).scalar()
    engine.dispose()
    # Data written while the schema is still the one before 0011 (in SQL: the app's models are the head's,
    # whose later columns that schema does not have yet).
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO unit (district_id, name, kind_id, credit_code, address, contact, phone, industry, note, "
        "search_key, name_key) SELECT d.id, '柳州钢铁厂', k.id, '', '', '', '', '', '', '', '' "
        "FROM district d, unit_kind k WHERE d.short_name = '柳南' AND k.name = '企业'"
    )
    conn.commit()
    conn.close()
    db = Database.open(path)  # upgraded, with a backup
    try:
        assert migrations.current_revision(db.engine) == migrations.head_revision()
        with db.session() as session:
            assert session.execute(text("SELECT count(*) FROM unit")).scalar() == unit_rows + 1
            assert session.execute(text("SELECT count(*) FROM submission")).scalar() == 0
            bench = district_progress(session, "柳南", 2025, today=date(2025, 4, 1))
        assert bench.deadlines[0].state == "未报送（还剩 17 天）"
    finally:
        db.close()
    assert list((tmp_path / "backups").glob("before-before-upgrade-*.sqlite3"))
