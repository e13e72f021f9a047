"""The audit trail: every create, update, delete and restore, with the fields changed."""

from __future__ import annotations

import getpass
import json
from typing import Any

from sqlalchemy.orm import Session

from .models import AuditEntry


def os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no user name in the environment
        return "未知用户"


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value changed."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def record(
    session: Session, action: str, entity: str, record_id: int | None, label: str,
    changes: dict[str, list[Any]] | None = None,
) -> None:
    session.add(AuditEntry(
        user=os_user(), action=action, entity=entity, record_id=record_id, label=label[:200],
        changes=json.dumps(changes or {}, ensure_ascii=False, default=str),
    ))
