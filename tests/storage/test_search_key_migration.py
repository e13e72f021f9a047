"""Migration 0016: databases made before every reading was indexed get the new search keys."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import select

from liuzhou_gui.domain.search import like_pattern
from liuzhou_gui.storage import migrations
from liuzhou_gui.storage.database import Database, create_db_engine
from liuzhou_gui.storage.models import Expert


def test_an_existing_database_gets_keys_with_every_reading(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = create_db_engine(path)
    try:
        migrations.upgrade(engine, "0014")  # the plan's experts, three of them 覃, as the previous version left them
    finally:
        engine.dispose()
    conn = sqlite3.connect(path)
    names = [row[0] for row in conn.execute("SELECT name FROM expert WHERE name LIKE '覃%'")]
    assert len(names) >= 2
    # One reading per character, as the keys were before.
    conn.execute("UPDATE expert SET search_key = '|' || name || '|' WHERE name LIKE '覃%'")
    conn.execute("UPDATE expert SET search_key = '|覃峰|tf|tanfeng|' WHERE name = '覃峰'")
    conn.commit()
    conn.close()

    db = Database.open(path)
    try:
        assert migrations.current_revision(db.engine) == migrations.head_revision()
        assert "0016" in migrations.REVISIONS
        with db.session() as s:
            for typed in ("qf", "tf", "qinfeng", "tanfeng"):
                found = s.scalars(select(Expert.name).where(Expert.search_key.like(like_pattern(typed), escape="\\")))
                assert "覃峰" in list(found), typed
            for name in names:  # every 覃 of the plan is found by q as by t
                key = s.scalars(select(Expert.search_key).where(Expert.name == name)).one()
                assert "|q" in key and "|t" in key, (name, key)
            assert s.scalars(select(Expert.name_key).where(Expert.name == "覃峰")).one().startswith("tanfeng")
    finally:
        db.close()
    assert list((tmp_path / "backups").glob("old-before-upgrade-*.sqlite3"))
