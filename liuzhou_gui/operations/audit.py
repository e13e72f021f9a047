"""操作记录 → 导出 Excel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..services.audit_export import write_audit_workbook
from ..storage import audit
from ..storage.database import Database
from .core import NO_JOB, Job


def export_audit(db: Database, filters: dict[str, Any], output: Path, _job: Job = NO_JOB) -> tuple[int, Path]:
    """A read of the trail written to a workbook: (entries written, the file)."""
    with db.session() as session:
        found = audit.entries(session, **filters)
    return len(found), write_audit_workbook(found, output)
