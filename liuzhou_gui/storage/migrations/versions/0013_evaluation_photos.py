"""evaluation of held sessions and their evidence photos

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 19:50:00

Plan 四（四）: every held session is evaluated by questionnaire. `lecture.questionnaires` (collected)
and `lecture.satisfaction` (rate) existed; this adds the number handed out, the answers per rating,
the opinions and the optional knowledge scores. Photos (佐证材料) live in their own table of blobs,
deleted with their session when it is purged.
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

EVALUATION_COLUMNS: tuple[tuple[str, sa.types.TypeEngine[Any]], ...] = (
    ('questionnaires_out', sa.Integer()),
    ('very_satisfied', sa.Integer()),
    ('satisfied', sa.Integer()),
    ('neutral', sa.Integer()),
    ('dissatisfied', sa.Integer()),
    ('score_before', sa.Double()),
    ('score_after', sa.Double()),
)


def upgrade() -> None:
    # Plain ADD COLUMN (nullable, or with a constant default): no table copy, and the same on PostgreSQL.
    for name, type_ in EVALUATION_COLUMNS:
        op.add_column('lecture', sa.Column(name, type_, nullable=True))
    op.add_column('lecture', sa.Column('opinions', sa.Text(), server_default='', nullable=False))
    op.create_table(
        'lecture_photo',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('lecture_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.Column('width', sa.Integer(), nullable=False),
        sa.Column('height', sa.Integer(), nullable=False),
        sa.Column('taken_at', sa.DateTime(), nullable=True),
        sa.Column('caption', sa.String(length=100), server_default='', nullable=False),
        sa.Column('original_name', sa.String(length=260), server_default='', nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
        sa.ForeignKeyConstraint(['lecture_id'], ['lecture.id'], name=op.f('fk_lecture_photo_lecture_id_lecture'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_lecture_photo')),
    )
    op.create_index(op.f('ix_lecture_photo_lecture_id'), 'lecture_photo', ['lecture_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_lecture_photo_lecture_id'), table_name='lecture_photo')
    op.drop_table('lecture_photo')
    # Plain DROP COLUMN (SQLite 3.35+, PostgreSQL): a batch copy of lecture would break its triggers (0007–0009).
    for name in ('opinions', *(name for name, _ in reversed(EVALUATION_COLUMNS))):
        op.execute(f'ALTER TABLE lecture DROP COLUMN {name}')
