"""Bank card numbers as the rest of the app sees them: plain text, or a stored one this PC cannot read.

The numbers are encrypted in the database (storage.card_crypto). When the key is not on this PC
(a database copied from another PC, a deleted key file), a stored number comes back as an
`UnreadableCard`: an empty string to everything that only reads text (a package leaves it out, a
check finds nothing to check), which still carries the stored value so that saving the record
again keeps it instead of erasing it.
"""

from __future__ import annotations

UNREADABLE_CARD_TEXT = "无法解密"


class UnreadableCard(str):
    """A stored card number that cannot be decrypted here: "" as text, `stored` kept as it was."""

    stored: str

    def __new__(cls, stored: str = "") -> UnreadableCard:
        card = super().__new__(cls, "")
        card.stored = stored
        return card

    def __reduce__(self):  # copy/deepcopy/pickle keep the stored value
        return (UnreadableCard, (self.stored,))

    def __repr__(self) -> str:
        return "UnreadableCard()"


def is_unreadable(value: object) -> bool:
    return isinstance(value, UnreadableCard)


def mask_bank_card(value: str | None) -> str:
    """6222 **** **** 1234: enough to recognise a card, not enough to use it."""
    if is_unreadable(value):
        return UNREADABLE_CARD_TEXT
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return f"{value[:4]} **** **** {value[-4:]}"


def card_text(value: str | None, *, masked: bool) -> str:
    """What a list, a form or a table prints for a card: masked, in full, or 无法解密."""
    if masked or is_unreadable(value):
        return mask_bank_card(value)
    return value or ""
