"""The command line's warning when the bank card numbers a command prints cannot be decrypted here."""

from __future__ import annotations

import sys

from ..storage.card_crypto import card_key_notice
from ..storage.database import Database


def warn_if_cards_unreadable(db: Database) -> None:
    """One Chinese line on stderr (the command still runs: the cards show as 无法解密)."""
    with db.session() as session:
        notice = card_key_notice(session)
    if notice:
        print(f"警告：{notice}", file=sys.stderr)
