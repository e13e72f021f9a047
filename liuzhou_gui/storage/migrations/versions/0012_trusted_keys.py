"""trusted_key: whose signature a package must carry (trust on first use)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 19:45:00

One current key per district (the city checks each 报送包 against it) and one for the city (a
district checks each 下发包 and encrypts its 报送包 to it); replaced keys stay, retired.
"""

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('trusted_key',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('party', sa.String(length=40), nullable=False),
    sa.Column('fingerprint', sa.String(length=29), nullable=False),
    sa.Column('office', sa.String(length=100), nullable=False),
    sa.Column('certificate', sa.Text(), nullable=False),
    sa.Column('how', sa.String(length=20), nullable=False),
    sa.Column('trusted_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('retired_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trusted_key'))
    )
    op.create_index('uq_trusted_key_current', 'trusted_key', ['party'], unique=True,
                    sqlite_where=sa.text('retired_at IS NULL'), postgresql_where=sa.text('retired_at IS NULL'))


def downgrade() -> None:
    op.drop_index('uq_trusted_key_current', table_name='trusted_key')
    op.drop_table('trusted_key')
