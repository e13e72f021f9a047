"""Bank card numbers encrypted at rest

Revision ID: 0014
Revises: 0010
Create Date: 2026-12-01 19:45:00

个人银行卡号 were stored as plain digits, so the database file and every backup of it gave them away.
They are now AES-GCM ciphertext (storage.card_crypto) under a key kept in the user's data folder, not
in the database. The column becomes Text (a ciphertext is about 85 characters). The open path has
backed the file up before this runs; migrations.upgrade then VACUUMs, so the old digits do not
linger in freed pages, and empties the -wal.
"""

import sqlalchemy as sa
from alembic import op

from liuzhou_gui.domain.cards import is_unreadable
from liuzhou_gui.storage.card_crypto import STORED_PREFIX, decrypt_card, encrypt_card

revision = '0014'
down_revision = '0010'
branch_labels = None
depends_on = None


def _rewrite(convert) -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, bank_card FROM expert WHERE bank_card IS NOT NULL AND bank_card <> ''"))
    changed = [{"id": r.id, "card": convert(r.bank_card)} for r in rows]
    changed = [row for row in changed if row["card"] is not None]
    if changed:
        conn.execute(sa.text("UPDATE expert SET bank_card = :card WHERE id = :id"), changed)


def upgrade() -> None:
    with op.batch_alter_table('expert', schema=None) as batch_op:
        batch_op.alter_column('bank_card', existing_type=sa.String(length=19), type_=sa.Text(),
                              existing_nullable=False)
    _rewrite(lambda card: None if card.startswith(STORED_PREFIX) else encrypt_card(card))


def _plain(card: str) -> str | None:
    plain = decrypt_card(card)
    if is_unreadable(plain):
        raise RuntimeError("银行卡号密钥不在本机，无法把银行卡号解密回旧版本的明文格式。")
    return plain


def downgrade() -> None:
    _rewrite(_plain)
    with op.batch_alter_table('expert', schema=None) as batch_op:
        batch_op.alter_column('bank_card', existing_type=sa.Text(), type_=sa.String(length=19),
                              existing_nullable=False)
