"""导入 Excel: check a workbook (a read), then import every row or none."""

from __future__ import annotations

from pathlib import Path

from ..services.importing.apply import ImportOutcome, apply_import
from ..services.importing.plan import ImportPlan, plan_import
from ..storage.database import Database
from .core import NO_JOB, Changes, Job, Outcome, failed_after

CHANGES_BY_KIND = {"experts": Changes.EXPERTS, "units": Changes.UNITS, "sessions": Changes.LECTURES}


def check_workbook(db: Database, kind: str, path: Path, default_district: str | None,
                   _job: Job = NO_JOB) -> ImportPlan:
    """Read and check every row; nothing is written."""
    return plan_import(db, kind, path, default_district)


def import_rows(db: Database, plan: ImportPlan, update_duplicates: bool, job: Job = NO_JOB) -> Outcome[ImportOutcome]:
    """All rows or none; a backup is made first, so the backups list changes even when refused.

    取消 works during the bulk insert too: the check runs inside the service's transaction.
    """
    def checked_progress(done: int, total: int) -> None:
        job.check("已取消导入，数据库没有任何改动。")
        job.progress(done, total)

    try:
        outcome = apply_import(db, plan, update_duplicates=update_duplicates, progress=checked_progress,
                               cancelled=job.cancelled)
    except Exception as exc:
        failed_after(exc, Changes.BACKUPS)
        raise
    records = CHANGES_BY_KIND.get(plan.kind.name, Changes.RECORDS)
    return Outcome(outcome, records | Changes.LECTURES | Changes.BACKUPS | Changes.AUDIT)
