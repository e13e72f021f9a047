"""The 操作记录 list: the same selection as storage.audit.entries (entry_filters), newest first."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from .. import audit
from ..models import AuditEntry
from .base import Column, ListQuery


class AuditList(ListQuery):
    id_column = AuditEntry.__table__.c.id
    columns = (
        Column("时间", AuditEntry.at, lambda r: f"{audit.local_time(r.at):%Y-%m-%d %H:%M:%S}"),
        Column("操作人", AuditEntry.user, lambda r: r.user),
        Column("操作", AuditEntry.action, lambda r: audit.ACTION_LABELS.get(r.action, r.action)),
        Column("对象", AuditEntry.entity, lambda r: audit.ENTITY_LABELS.get(r.entity, r.entity)),
        Column("记录", AuditEntry.label, lambda r: r.label),
        Column("改动内容", AuditEntry.changes, audit.describe_changes),
    )

    def select_rows(self):
        return select(AuditEntry.id, AuditEntry.at, AuditEntry.user, AuditEntry.action, AuditEntry.entity,
                      AuditEntry.label, AuditEntry.changes)

    def where_clauses(self) -> list[Any]:
        return audit.entry_filters(**self.filters)
