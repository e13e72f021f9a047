"""lecture.category_mask: the session's categories as bits, kept by triggers

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 10:40:00

The statistics read a session's categories from this column instead of joining lecture_category:
the city's figures over 100,000 sessions then come from the lecture table and its covering index.
Triggers on lecture_category keep it right whatever writes the categories (the ORM, a bulk insert).
"""

import sqlalchemy as sa
from alembic import op

from liuzhou_gui.storage.migrations.postgresql_forms import on_postgresql, pg_drop_trigger_sql, pg_trigger_sql

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

TRIGGERS = {
    "lecture_category_mask_insert": """
        CREATE TRIGGER lecture_category_mask_insert AFTER INSERT ON lecture_category BEGIN
            UPDATE lecture SET category_mask = category_mask | (1 << (NEW.category_id - 1))
            WHERE id = NEW.lecture_id;
        END""",
    "lecture_category_mask_delete": """
        CREATE TRIGGER lecture_category_mask_delete AFTER DELETE ON lecture_category BEGIN
            UPDATE lecture SET category_mask = category_mask & ~(1 << (OLD.category_id - 1))
            WHERE id = OLD.lecture_id;
        END""",
    "lecture_category_mask_update": """
        CREATE TRIGGER lecture_category_mask_update AFTER UPDATE ON lecture_category BEGIN
            UPDATE lecture SET category_mask = category_mask & ~(1 << (OLD.category_id - 1))
            WHERE id = OLD.lecture_id;
            UPDATE lecture SET category_mask = category_mask | (1 << (NEW.category_id - 1))
            WHERE id = NEW.lecture_id;
        END""",
}


# The same bodies for PostgreSQL (timing, body); the SQLite statements above stay as they were.
PG_TRIGGERS = {
    "lecture_category_mask_insert": ("AFTER INSERT ON lecture_category", """
            UPDATE lecture SET category_mask = category_mask | (1 << (NEW.category_id - 1))
            WHERE id = NEW.lecture_id;"""),
    "lecture_category_mask_delete": ("AFTER DELETE ON lecture_category", """
            UPDATE lecture SET category_mask = category_mask & ~(1 << (OLD.category_id - 1))
            WHERE id = OLD.lecture_id;"""),
    "lecture_category_mask_update": ("AFTER UPDATE ON lecture_category", """
            UPDATE lecture SET category_mask = category_mask & ~(1 << (OLD.category_id - 1))
            WHERE id = OLD.lecture_id;
            UPDATE lecture SET category_mask = category_mask | (1 << (NEW.category_id - 1))
            WHERE id = NEW.lecture_id;"""),
}


def upgrade() -> None:
    op.add_column('lecture', sa.Column('category_mask', sa.Integer(), server_default=sa.text('0'), nullable=False))
    op.execute("""
        UPDATE lecture SET category_mask = (
            SELECT coalesce(sum(1 << (lc.category_id - 1)), 0) FROM lecture_category AS lc
            WHERE lc.lecture_id = lecture.id
        )""")
    if on_postgresql():
        for name, (timing, body) in PG_TRIGGERS.items():
            for statement in pg_trigger_sql(name, timing, body):
                op.execute(statement)
    else:
        for sql in TRIGGERS.values():
            op.execute(sql)
    op.drop_index('ix_lecture_stats', table_name='lecture')
    op.create_index('ix_lecture_stats', 'lecture', ['campaign_id', 'status', 'deleted_at', 'district_id',
                                                     'category_mask', 'attendance', 'subsidised'], unique=False)
    op.execute("ANALYZE")


def downgrade() -> None:
    for name in TRIGGERS:
        for statement in pg_drop_trigger_sql(name, PG_TRIGGERS[name][0]) if on_postgresql() else [
                f"DROP TRIGGER IF EXISTS {name}"]:
            op.execute(statement)
    op.drop_index('ix_lecture_stats', table_name='lecture')
    op.create_index('ix_lecture_stats', 'lecture', ['campaign_id', 'status', 'deleted_at', 'district_id',
                                                     'attendance', 'subsidised'], unique=False)
    with op.batch_alter_table('lecture', schema=None) as batch_op:
        batch_op.drop_column('category_mask')
