"""The reporting cycle's actions: 报送 a stage, 受理/退回 it, write and apply the 下发包. Qt-free: the command
line, the window and the tests call the same functions."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain.stages import Stage
from ..services.exchange import directive, submissions
from ..storage.database import Database
from .core import NO_JOB, Changes, Job, Outcome


def stage_tables(db: Database, stage: Stage, district: str, year: int, _job: Job = NO_JOB) -> dict[str, bytes]:
    """A read: the stage's stamped tables as they will be sent."""
    return submissions.stage_tables(db, stage, district, year)


def submit_stage(db: Database, stage: Stage, district: str, target: Path, year: int, *, now: datetime,
                 summary_file: Path | None = None, _job: Job = NO_JOB) -> Outcome[submissions.SubmitResult]:
    result = submissions.submit_stage(db, stage, district, target, year, now=now, summary_file=summary_file)
    return Outcome(result, Changes.SUBMISSIONS | Changes.AUDIT)


def review(db: Database, submission_id: int, decision: str, reason: str, *,
           now: datetime) -> Outcome[submissions.ReviewResult]:
    result = submissions.review_submission(db, submission_id, decision, reason, now=now)
    return Outcome(result, Changes.SUBMISSIONS | Changes.AUDIT if result.changed else Changes.NONE)


def export_directive(db: Database, target: Path, year: int, *, now: datetime,
                     _job: Job = NO_JOB) -> Outcome[dict[str, Any]]:
    # Writing the file records nothing in the database.
    return Outcome(directive.export_directive(db, target, year, now=now), Changes.NONE)


def preview_directive(db: Database, path: Path, _job: Job = NO_JOB, trust: str | None = None,
                      ) -> directive.DirectivePlan:
    """A read: what applying would change (`trust`: the confirmed fingerprint of a new city key)."""
    return directive.preview_directive(db, path, trust=trust)


def apply_directive(db: Database, path: Path, *, now: datetime, trust: str | None = None,
                    _job: Job = NO_JOB) -> Outcome[directive.DirectivePlan]:
    plan = directive.apply_directive(db, path, now=now, trust=trust)  # all or nothing
    if plan.already_applied:
        return Outcome(plan, Changes.NONE)
    return Outcome(plan, Changes.CAMPAIGN | Changes.EXPERTS | Changes.SUBMISSIONS | Changes.AUDIT)
