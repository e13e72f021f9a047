"""search keys with every reading of polyphonic characters

Revision ID: 0016
Revises: 0014
Create Date: 2026-12-01 20:00:00

覃 was indexed only as "tan", though in Liuzhou it is Qín (three experts of the plan are 覃); 曾, 单,
区, 仇, 长… likewise had one reading. domain.search now adds the spellings with a character's other
readings; the keys of existing experts, units and sessions are computed again here (the storage save
functions keep them current from now on). The pinyin sort (name_key) is unchanged.
"""

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

from liuzhou_gui.domain.search import expert_key, lecture_key, unit_key

revision = '0016'
down_revision = '0014'
branch_labels = None
depends_on = None


def _update(conn, table: str, keys: list[dict]) -> None:
    if keys:
        conn.execute(sa.text(f"UPDATE {table} SET search_key = :key WHERE id = :id"), keys)


def upgrade() -> None:
    conn = op.get_bind()
    _update(conn, "expert", [
        {"id": r.id, "key": expert_key(r.name, r.unit, r.title, r.group_name)}
        for r in conn.execute(sa.text("SELECT id, name, unit, title, group_name FROM expert"))
    ])
    _update(conn, "unit", [
        {"id": r.id, "key": unit_key(r.name, r.address, r.contact, r.industry)}
        for r in conn.execute(sa.text("SELECT id, name, address, contact, industry FROM unit"))
    ])
    unit_names: dict[int, list[str]] = defaultdict(list)
    for r in conn.execute(sa.text(
        "SELECT lu.lecture_id, u.name FROM lecture_unit lu JOIN unit u ON u.id = lu.unit_id ORDER BY u.id"
    )):
        unit_names[r.lecture_id].append(r.name)
    expert_names: dict[int, list[str]] = defaultdict(list)
    for r in conn.execute(sa.text(
        "SELECT le.lecture_id, e.name FROM lecture_expert le JOIN expert e ON e.id = le.expert_id ORDER BY e.id"
    )):
        expert_names[r.lecture_id].append(r.name)
    _update(conn, "lecture", [
        {"id": r.id, "key": lecture_key(r.place, r.topic, r.organiser, unit_names[r.id], expert_names[r.id])}
        for r in conn.execute(sa.text("SELECT id, place, topic, organiser FROM lecture"))
    ])


def downgrade() -> None:
    """The longer keys still find everything the shorter ones did: nothing to undo."""
