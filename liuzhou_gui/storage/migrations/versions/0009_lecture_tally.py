"""lecture_tally: sessions, people and subsidised lectures per campaign, district, status and category

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 11:20:00

附件2's 场次 and 覆盖人数 per category and in all, kept by triggers on lecture in the transaction of
each change, so the statistics read a few hundred rows instead of scanning every session.
category_id 0 holds each group's sessions counted once (the distinct totals); the other rows count
a session in each of its categories (lecture.category_mask, kept by migration 0007's triggers).
Sessions in the 回收站 are not counted.
"""

import sqlalchemy as sa
from alembic import op

from liuzhou_gui.storage.migrations.postgresql_forms import on_postgresql, pg_drop_trigger_sql, pg_trigger_sql

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

ADD = """
    INSERT INTO lecture_tally (campaign_id, district_id, status, category_id, sessions, people, subsidised)
    SELECT {row}.campaign_id, {row}.district_id, {row}.status, c.id, 1, coalesce({row}.attendance, 0),
           {row}.subsidised
    FROM (SELECT 0 AS id UNION ALL
          SELECT id FROM category WHERE ({row}.category_mask & (1 << (id - 1))) != 0) AS c
    WHERE {row}.deleted_at IS NULL
    ON CONFLICT (campaign_id, district_id, status, category_id) DO UPDATE SET
        sessions = sessions + 1, people = people + excluded.people, subsidised = subsidised + excluded.subsidised;"""

REMOVE = """
    UPDATE lecture_tally SET sessions = sessions - 1, people = people - coalesce({row}.attendance, 0),
                             subsidised = subsidised - {row}.subsidised
    WHERE {row}.deleted_at IS NULL AND campaign_id = {row}.campaign_id AND district_id = {row}.district_id
      AND status = {row}.status
      AND (category_id = 0 OR ({row}.category_mask & (1 << (category_id - 1))) != 0);"""

TRIGGERS = {
    "lecture_tally_insert": ("AFTER INSERT ON lecture", ADD.format(row="NEW")),
    "lecture_tally_update": (
        "AFTER UPDATE OF status, deleted_at, category_mask, campaign_id, district_id, attendance, subsidised "
        "ON lecture",
        REMOVE.format(row="OLD") + ADD.format(row="NEW"),
    ),
    "lecture_tally_delete": ("AFTER DELETE ON lecture", REMOVE.format(row="OLD")),
}

BACKFILL = """
INSERT INTO lecture_tally (campaign_id, district_id, status, category_id, sessions, people, subsidised)
SELECT l.campaign_id, l.district_id, l.status, c.id, count(*), coalesce(sum(l.attendance), 0), sum(l.subsidised)
FROM lecture AS l
JOIN (SELECT 0 AS id, 0 AS bit UNION ALL SELECT id, 1 << (id - 1) FROM category) AS c
  ON c.id = 0 OR (l.category_mask & c.bit) != 0
WHERE l.deleted_at IS NULL
GROUP BY l.campaign_id, l.district_id, l.status, c.id
"""


# PostgreSQL has no implicit boolean-to-integer conversion: the same statements with the casts spelt out.
PG_SUBSIDISED = "CAST({row}.subsidised AS INTEGER)"
# And in ON CONFLICT … DO UPDATE a bare column name is ambiguous (the row or `excluded`).
PG_CONFLICT = ("sessions = sessions + 1, people = people + excluded.people, subsidised = subsidised + excluded.subsidised",
               "sessions = lecture_tally.sessions + 1, people = lecture_tally.people + excluded.people, "
               "subsidised = lecture_tally.subsidised + excluded.subsidised")
PG_TRIGGERS = {
    name: (timing, body.replace("NEW.subsidised", PG_SUBSIDISED.format(row="NEW"))
                       .replace("OLD.subsidised", PG_SUBSIDISED.format(row="OLD")).replace(*PG_CONFLICT))
    for name, (timing, body) in TRIGGERS.items()
}
PG_BACKFILL = BACKFILL.replace("sum(l.subsidised)", "sum(CAST(l.subsidised AS INTEGER))")


def upgrade() -> None:
    op.create_table(
        'lecture_tally',
        sa.Column('campaign_id', sa.Integer(), nullable=False),
        sa.Column('district_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('category_id', sa.Integer(), nullable=False),
        sa.Column('sessions', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('people', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('subsidised', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.PrimaryKeyConstraint('campaign_id', 'district_id', 'status', 'category_id', name=op.f('pk_lecture_tally')),
        sqlite_with_rowid=False,
    )
    if on_postgresql():
        op.execute(PG_BACKFILL)
        for name, (timing, body) in PG_TRIGGERS.items():
            for statement in pg_trigger_sql(name, timing, body):
                op.execute(statement)
        return
    op.execute(BACKFILL)
    for name, (timing, body) in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {timing} BEGIN {body}\nEND")


def downgrade() -> None:
    for name in TRIGGERS:
        for statement in pg_drop_trigger_sql(name, TRIGGERS[name][0]) if on_postgresql() else [
                f"DROP TRIGGER IF EXISTS {name}"]:
            op.execute(statement)
    op.drop_table('lecture_tally')
