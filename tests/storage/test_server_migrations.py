"""The migrations on PostgreSQL with data in the tables: down to before the kept statistics and up
again, their PostgreSQL back-fills give what the triggers had kept (and what a count from scratch gives)."""

from __future__ import annotations

import pytest
from pg_engines import admin_url
from sqlalchemy import text
from test_kept_tallies import _assert_consistent

from liuzhou_gui.storage import migrations
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.db_copy import kept_statistics

pytestmark = pytest.mark.skipif(admin_url() is None, reason="no PostgreSQL server (LIUZHOU_TEST_PG_URL)")


def _kept(db: Database) -> tuple[list[tuple], list[tuple], int]:
    with db.connection() as connection:
        masks = connection.execute(text("SELECT sum(category_mask) FROM lecture")).scalar_one()
        return (*kept_statistics(connection), masks)


def test_the_demo_data_survives_a_downgrade_and_upgrade_with_its_statistics(pg_demo_database: str) -> None:
    db = Database.open(pg_demo_database)
    try:
        before = _kept(db)
        assert before[0] and before[1]
        _assert_consistent(db)
        from alembic import command

        with db.engine.connect() as conn:  # down to 0006: no category_mask, no kept tables, no triggers
            cfg = migrations.alembic_config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0006")
            conn.commit()
            assert conn.execute(text("SELECT to_regclass('unit_coverage')")).scalar() is None
        assert migrations.current_revision(db.engine) == "0006"
    finally:
        db.close()
    db = Database.open(pg_demo_database)  # upgraded again, the back-fills on the data that is there
    try:
        assert migrations.current_revision(db.engine) == migrations.head_revision()
        assert _kept(db) == before
        _assert_consistent(db)
    finally:
        db.close()
