"""unit_coverage: held sessions per (campaign, unit, category), kept by triggers

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 11:00:00

附件2's 覆盖单位数 counts distinct units reached by held sessions, per category and in all. Counting
them from the sessions means joining every held session with its units and sorting the lot
(most of the statistics' time at 100,000 sessions). This table keeps, for each unit, how many live
held sessions of a campaign reached it in each category, so the distinct counts are a read of the
rows with sessions > 0. Triggers keep it in the same transaction as the change that moves it:
a session's units (lecture_unit), its categories (lecture.category_mask, itself kept by 0007's
triggers), its status, deletion to the 回收站 and back, its year, and removal of the row.
"""

import sqlalchemy as sa
from alembic import op

from liuzhou_gui.storage.migrations.postgresql_forms import on_postgresql, pg_drop_trigger_sql, pg_trigger_sql

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

# What a session (OLD or NEW row of lecture) adds to or takes from the table: one per unit it covers
# and category it has, while it is held and not in the 回收站.
ADD = """
    INSERT INTO unit_coverage (campaign_id, unit_id, category_id, sessions)
    SELECT {row}.campaign_id, lu.unit_id, c.id, 1
    FROM lecture_unit AS lu, category AS c
    WHERE lu.lecture_id = {row}.id AND ({row}.category_mask & (1 << (c.id - 1))) != 0
      AND {row}.status = 'held' AND {row}.deleted_at IS NULL
    ON CONFLICT (campaign_id, unit_id, category_id) DO UPDATE SET sessions = sessions + 1;"""

REMOVE = """
    UPDATE unit_coverage SET sessions = sessions - 1
    WHERE {row}.status = 'held' AND {row}.deleted_at IS NULL AND campaign_id = {row}.campaign_id
      AND unit_id IN (SELECT lu.unit_id FROM lecture_unit AS lu WHERE lu.lecture_id = {row}.id)
      AND ({row}.category_mask & (1 << (category_id - 1))) != 0;"""

TRIGGERS = {
    # A unit added to or taken from a session.
    "unit_coverage_link_insert": ("AFTER INSERT ON lecture_unit", """
    INSERT INTO unit_coverage (campaign_id, unit_id, category_id, sessions)
    SELECT l.campaign_id, NEW.unit_id, c.id, 1
    FROM lecture AS l, category AS c
    WHERE l.id = NEW.lecture_id AND (l.category_mask & (1 << (c.id - 1))) != 0
      AND l.status = 'held' AND l.deleted_at IS NULL
    ON CONFLICT (campaign_id, unit_id, category_id) DO UPDATE SET sessions = sessions + 1;"""),
    "unit_coverage_link_delete": ("AFTER DELETE ON lecture_unit", """
    UPDATE unit_coverage SET sessions = sessions - 1
    WHERE unit_id = OLD.unit_id AND EXISTS (
        SELECT 1 FROM lecture AS l
        WHERE l.id = OLD.lecture_id AND l.status = 'held' AND l.deleted_at IS NULL
          AND l.campaign_id = unit_coverage.campaign_id
          AND (l.category_mask & (1 << (unit_coverage.category_id - 1))) != 0);"""),
    # A session whose status, 回收站 state, categories or year change: out with the old, in with the new.
    "unit_coverage_lecture_update": ("AFTER UPDATE OF status, deleted_at, category_mask, campaign_id ON lecture",
                                     REMOVE.format(row="OLD") + ADD.format(row="NEW")),
    # BEFORE: the session's lecture_unit rows still exist (the cascade removes them after the row,
    # when their own trigger no longer finds the session and takes nothing away twice).
    "unit_coverage_lecture_delete": ("BEFORE DELETE ON lecture", REMOVE.format(row="OLD")),
}

BACKFILL = """
INSERT INTO unit_coverage (campaign_id, unit_id, category_id, sessions)
SELECT l.campaign_id, lu.unit_id, c.id, count(*)
FROM lecture AS l
JOIN lecture_unit AS lu ON lu.lecture_id = l.id
JOIN category AS c ON (l.category_mask & (1 << (c.id - 1))) != 0
WHERE l.status = 'held' AND l.deleted_at IS NULL
GROUP BY l.campaign_id, lu.unit_id, c.id
"""


def trigger_sql(name: str) -> str:
    timing, body = TRIGGERS[name]
    return f"CREATE TRIGGER {name} {timing} BEGIN {body}\nEND"


# PostgreSQL: in ON CONFLICT … DO UPDATE a bare column name is ambiguous (the row or `excluded`).
PG_TRIGGERS = {
    name: (timing, body.replace("DO UPDATE SET sessions = sessions + 1", "DO UPDATE SET sessions = unit_coverage.sessions + 1"))
    for name, (timing, body) in TRIGGERS.items()
}


def upgrade() -> None:
    op.create_table(
        'unit_coverage',
        sa.Column('campaign_id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('category_id', sa.Integer(), nullable=False),
        sa.Column('sessions', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_unit_coverage_campaign_id_campaign'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['category_id'], ['category.id'], name=op.f('fk_unit_coverage_category_id_category')),
        sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_unit_coverage_unit_id_unit'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('campaign_id', 'unit_id', 'category_id', name=op.f('pk_unit_coverage')),
        sqlite_with_rowid=False,  # rows stored in key order with their count: the statistics read no other page
    )
    op.execute(BACKFILL)
    for name in TRIGGERS:
        for statement in pg_trigger_sql(name, *PG_TRIGGERS[name]) if on_postgresql() else [trigger_sql(name)]:
            op.execute(statement)
    op.execute("ANALYZE unit_coverage")


def downgrade() -> None:
    for name in TRIGGERS:
        for statement in pg_drop_trigger_sql(name, TRIGGERS[name][0]) if on_postgresql() else [
                f"DROP TRIGGER IF EXISTS {name}"]:
            op.execute(statement)
    op.drop_table('unit_coverage')
