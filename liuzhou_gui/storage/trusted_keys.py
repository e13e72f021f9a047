"""The keys this installation trusts: one current key per district and one for the city office."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import audit
from .models import TrustedKey

CITY = "city"  # the party of the city office's key
HOW_LABELS = {"first_use": "首次收到时记录", "confirmed": "人工核对后确认", "imported": "从密钥文件导入"}


def party_label(party: str) -> str:
    return "市卫健委" if party == CITY else party


def current(session: Session, party: str) -> TrustedKey | None:
    return session.scalars(
        select(TrustedKey).where(TrustedKey.party == party, TrustedKey.retired_at.is_(None))
    ).first()


def record(session: Session, party: str, fingerprint: str, office: str, certificate: str, how: str) -> TrustedKey:
    """Trust this key for `party` from now on; the one it replaces is retired (kept, not deleted)."""
    before = current(session, party)
    if before is not None and before.fingerprint == fingerprint:
        return before
    if before is not None:
        before.retired_at = datetime.now(UTC).replace(tzinfo=None)
        session.flush()  # the old row leaves the unique "current" index before the new one arrives
    row = TrustedKey(party=party, fingerprint=fingerprint, office=office[:100], certificate=certificate, how=how)
    session.add(row)
    session.flush()
    audit.record(
        session, "update" if before else "create", "trusted_key", row.id,
        f"{party_label(party)} 的签名密钥（{HOW_LABELS.get(how, how)}）",
        {"fingerprint": [before.fingerprint if before else None, fingerprint]},
    )
    return row


def all_current(session: Session) -> list[TrustedKey]:
    return list(session.scalars(
        select(TrustedKey).where(TrustedKey.retired_at.is_(None)).order_by(TrustedKey.party)))
