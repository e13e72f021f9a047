"""Migration 0016: databases made before every reading was indexed get the new search keys."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from sqlalchemy import select

from liuzhou_gui.domain.drafts import ExpertDraft, LectureDraft, UnitDraft
from liuzhou_gui.domain.search import like_pattern
from liuzhou_gui.storage import migrations
from liuzhou_gui.storage.database import Database, create_db_engine
from liuzhou_gui.storage.experts import save_expert
from liuzhou_gui.storage.lectures import save_lecture
from liuzhou_gui.storage.models import Expert, Lecture, Unit
from liuzhou_gui.storage.units import save_unit


def test_an_existing_database_gets_keys_with_every_reading(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = Database.open(path)
    with db.transaction() as s:
        expert = save_expert(s, ExpertDraft(name="覃芳", level="县区级", category="职业健康", unit="柳南区疾控中心",
                                            district="柳南"))
        unit = save_unit(s, UnitDraft(district="柳南", name="长塘镇中心小学", kind="学校", categories=["职业健康"]))
        save_lecture(s, LectureDraft(year=2025, district="柳南", held_on=date(2025, 6, 1), place="礼堂",
                                     categories=["职业健康"], unit_ids=[unit.id], expert_ids=[expert.id]))
    db.close()
    # Migrations after 0016 are undone first, so that 0014 → head runs each of them once.
    engine = create_db_engine(path)
    try:
        from alembic import command

        cfg = migrations.alembic_config()
        with engine.connect() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0016")
            conn.commit()
    finally:
        engine.dispose()
    # As the previous version left it: one reading per character, revision 0014.
    conn = sqlite3.connect(path)
    conn.execute("UPDATE expert SET search_key = '|覃芳|tf|tanfang|' WHERE name = '覃芳'")
    conn.execute("UPDATE unit SET search_key = '|长塘镇中心小学|ztzzxxx|zhangtangzhenzhongxinxiaoxue|'")
    conn.execute("UPDATE lecture SET search_key = '|礼堂|lt|litang|'")
    conn.execute("UPDATE alembic_version SET version_num = '0014'")
    conn.commit()
    conn.close()

    db = Database.open(path)
    try:
        assert migrations.current_revision(db.engine) == migrations.head_revision()
        with db.session() as s:
            for model, typed, name in ((Expert, "qf", "覃芳"), (Expert, "tf", "覃芳"),
                                       (Unit, "ctz", "长塘镇中心小学"), (Unit, "ztz", "长塘镇中心小学")):
                found = s.scalars(select(model.name).where(model.search_key.like(like_pattern(typed), escape="\\")))
                assert name in list(found), typed
            lecture_key = s.scalars(select(Lecture.search_key)).one()
            assert "qinfang" in lecture_key and "changtangzhen" in lecture_key
            assert s.scalars(select(Expert.name_key).where(Expert.name == "覃芳")).one().startswith("tanfang")
    finally:
        db.close()
    assert list((tmp_path / "backups").glob("old-before-upgrade-*.sqlite3"))
