"""Lists sort text by our pinyin keys the same way on both engines, whatever the server's collation."""

from __future__ import annotations

import psycopg
import pytest
from pg_engines import admin_connection, admin_url, database_url, drop_database, unique_name
from sqlalchemy import select

from liuzhou_gui.domain.drafts import UnitDraft
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.listing.units import UnitList
from liuzhou_gui.storage.models import Unit
from liuzhou_gui.storage.units import add_units

NAMES = ["Zeta公司", "alpha公司", "阿尔法厂", "a-b公司", "ab公司", "A B公司", "𠮷野家", "李四厂", "张三厂", "_下划线厂"]


def _fill(db: Database) -> None:
    with db.transaction() as session:
        add_units(session, [UnitDraft(district="柳南", name=name, kind="企业", categories=["职业健康"])
                            for name in NAMES])


def _listed(db: Database) -> list[str]:
    query = UnitList()
    with db.session() as session:
        return [row.name for row in query.fetch_page(session, 0, 100, 1, False)]


def _expected(db: Database) -> list[str]:
    with db.session() as session:
        rows = session.execute(select(Unit.name_key, Unit.id, Unit.name)).all()
    return [name for _key, _id, name in sorted(rows)]  # Python compares str by code point, as SQLite does


def test_the_unit_list_sorts_by_code_point_of_the_pinyin_key(db: Database) -> None:
    _fill(db)
    assert _listed(db) == _expected(db)


@pytest.mark.skipif(admin_url() is None, reason="no PostgreSQL server (LIUZHOU_TEST_PG_URL)")
def test_a_server_database_with_a_chinese_collation_sorts_the_same() -> None:
    """An office server's database is often made with zh_CN (or the Windows installer's Chinese) collation."""
    name = unique_name("lz_zh")
    with admin_connection() as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'zh-CN' "
                     "LOCALE 'C.UTF-8'")
    try:
        db = Database.open(database_url(name))
        try:
            _fill(db)
            assert _listed(db) == _expected(db)
            with psycopg.connect(database_url(name)) as conn:  # the server's own order differs: the test can fail
                server = [row[0] for row in conn.execute("SELECT name FROM unit ORDER BY name_key, id")]
            assert server != _expected(db)
        finally:
            db.close()
    finally:
        drop_database(name)
