"""name_key: experts and units sorted by the pinyin of their names

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 11:45:00

Sorting the lists by 姓名 or 单位名称 followed the characters' code points, an order no reader of
Chinese recognises. The key (domain.search.sort_key) is the name's pinyin, kept by the storage save
functions as the search keys are; an index lets a sorted page of 30,000 units come straight from it.
"""

import sqlalchemy as sa
from alembic import op

from liuzhou_gui.domain.search import sort_key

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("expert", "unit"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('name_key', sa.Text(), server_default='', nullable=False))
            batch_op.create_index(f'ix_{table}_name_key', ['name_key'], unique=False)
        conn = op.get_bind()
        keys = [{"id": r.id, "key": sort_key(r.name)} for r in conn.execute(sa.text(f"SELECT id, name FROM {table}"))]
        if keys:
            conn.execute(sa.text(f"UPDATE {table} SET name_key = :key WHERE id = :id"), keys)


def downgrade() -> None:
    for table in ("unit", "expert"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f'ix_{table}_name_key')
            batch_op.drop_column('name_key')
