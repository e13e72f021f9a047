"""package_created_at: which 报送包 last set a unit or an expert

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-01 19:45:00

Packages of one district can arrive in any order (last year's after this year's, one twice). A unit
or expert takes the content of the newest package that lists it, so the city's data never depends
on the order of arrival: the creation time of that package is kept on the row. Plain nullable
columns (ALTER TABLE ADD COLUMN): rows entered by hand have none.
"""

import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    for table in ("unit", "expert"):
        # A database whose revision was set back by hand (tests do) may have the column already.
        if 'package_created_at' not in {column['name'] for column in inspector.get_columns(table)}:
            op.add_column(table, sa.Column('package_created_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    # SQLite's own DROP COLUMN (3.35+): no table copy, so the foreign keys pointing at these tables
    # need not be switched off.
    for table in ("expert", "unit"):
        op.execute(f"ALTER TABLE {table} DROP COLUMN package_created_at")
