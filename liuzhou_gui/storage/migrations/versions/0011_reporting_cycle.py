"""submissions and applied 下发包: the reporting cycle

Revision ID: 0011
Revises: 0016
Create Date: 2026-12-01 19:50:00

The 工作台 said 已完成 as soon as some data existed. A 报送 is now an act the app records, per stage
(district side when it submits, city side when it imports the 报送包), with the city's 受理 / 退回. The
stages' deadlines stay the campaign's three deadline columns. Nothing existing is rewritten: an
upgraded database simply has no submissions yet, which is the truth.
"""

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'submission',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('district_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('stage', sa.String(length=20), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('received_at', sa.DateTime(), nullable=True),
        sa.Column('content_sha256', sa.String(length=64), nullable=False),
        sa.Column('counts', sa.Text(), nullable=False),
        sa.Column('file_name', sa.String(length=260), nullable=False),
        sa.Column('decision', sa.String(length=10), nullable=True),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('decided_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_submission_district_id_district')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_submission')),
        sa.UniqueConstraint('district_id', 'year', 'stage', 'content_sha256', name=op.f('uq_submission_district_id')),
    )
    op.create_index('ix_submission_year_stage', 'submission', ['year', 'district_id', 'stage', 'created_at'])
    op.create_table(
        'applied_directive',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('applied_at', sa.DateTime(), nullable=False),
        sa.Column('content_sha256', sa.String(length=64), nullable=False),
        sa.Column('file_name', sa.String(length=260), nullable=False),
        sa.Column('changes', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_applied_directive')),
        sa.UniqueConstraint('content_sha256', name=op.f('uq_applied_directive_content_sha256')),
    )
    op.create_index(op.f('ix_applied_directive_year'), 'applied_directive', ['year'])


def downgrade() -> None:
    op.drop_index(op.f('ix_applied_directive_year'), table_name='applied_directive')
    op.drop_table('applied_directive')
    op.drop_index('ix_submission_year_stage', table_name='submission')
    op.drop_table('submission')
