"""Submissions of the reporting cycle: recorded, superseded, reviewed. Times come from the caller
(the clock is injected), so a test can play a whole year."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ..domain.errors import NotFoundError
from ..domain.stages import DECISIONS, RETURNED, STAGE_BY_CODE
from . import audit
from .models import Submission
from .plain_reads import latest_by_stage as latest_by_stage  # on Core: the statistics use it too


@dataclass(frozen=True)
class SubmissionRow:
    """A submission as lists and the command line show it."""

    id: int
    district: str
    year: int
    stage: str
    created_at: datetime
    received_at: datetime | None
    counts: dict[str, int]
    file_name: str
    content_sha256: str
    decision: str | None
    reason: str
    decided_at: datetime | None
    current: bool  # the latest of its district, year and stage (the others are superseded)

    @property
    def stage_label(self) -> str:
        return STAGE_BY_CODE[self.stage].short if self.stage in STAGE_BY_CODE else self.stage

    @property
    def status(self) -> str:
        if not self.current:
            return "已被后来的报送替代"
        if self.decision:
            text = f"已{DECISIONS[self.decision]}"
            return f"{text}（{self.reason}）" if self.decision == RETURNED else text
        return "待审核" if self.received_at else "已报送"


def record_submission(
    session: Session, *, district_id: int, year: int, stage: str, created_at: datetime, digest: str,
    counts: dict[str, int], file_name: str, received_at: datetime | None = None, label: str = "",
) -> tuple[Submission, bool]:
    """Record one submission; the same package (same digest) again is found, not recorded twice."""
    existing = session.scalars(select(Submission).where(
        Submission.district_id == district_id, Submission.year == year, Submission.stage == stage,
        Submission.content_sha256 == digest,
    )).first()
    if existing is not None:
        return existing, False
    row = Submission(
        district_id=district_id, year=year, stage=stage, created_at=created_at, received_at=received_at,
        content_sha256=digest, counts=json.dumps(counts), file_name=file_name[:260], reason="",
    )
    session.add(row)
    session.flush()
    action = "receive" if received_at else "submit"
    audit.record(session, action, "submission", row.id, label or f"{year} 年度{STAGE_BY_CODE[stage].short}",
                 {"stage": [None, stage], "digest": [None, digest[:12]]})
    return row, True


def _rows(session: Session, query: Select[Submission]) -> list[SubmissionRow]:
    rows = session.scalars(query.order_by(Submission.created_at.desc(), Submission.id.desc())).all()
    seen: set[tuple[int, int, str]] = set()
    result = []
    for r in rows:
        key = (r.district_id, r.year, r.stage)
        result.append(SubmissionRow(
            r.id, r.district.name, r.year, r.stage, r.created_at, r.received_at, json.loads(r.counts or "{}"),
            r.file_name, r.content_sha256, r.decision, r.reason, r.decided_at, key not in seen,
        ))
        seen.add(key)
    return result


def list_submissions(session: Session, year: int | None = None, district_id: int | None = None) -> list[SubmissionRow]:
    """Newest first, the superseded ones included (the history)."""
    query = select(Submission)
    if year is not None:
        query = query.where(Submission.year == year)
    if district_id is not None:
        query = query.where(Submission.district_id == district_id)
    return _rows(session, query)


def find_submission(session: Session, *, submission_id: int | None = None, digest: str | None = None) -> Submission:
    if submission_id is not None:
        row = session.get(Submission, submission_id)
    else:
        row = session.scalars(select(Submission).where(Submission.content_sha256 == digest)
                              .order_by(Submission.id.desc())).first()
    if row is None:
        what = f"编号 {submission_id}" if submission_id is not None else "这个报送包"
        raise NotFoundError(f"没有找到{what}的报送记录（市里须先导入该报送包）。")
    return row


def decide(session: Session, row: Submission, decision: str, reason: str, at: datetime) -> bool:
    """受理 or 退回 (with its reason); the same decision again changes nothing. Audited."""
    reason = reason if decision == RETURNED else ""
    if row.decision == decision and row.reason == reason:
        return False
    before = {"decision": row.decision, "reason": row.reason}
    row.decision, row.reason, row.decided_at = decision, reason, at
    audit.record(session, "review", "submission", row.id,
                 f"{row.district.name} {row.year} 年度{STAGE_BY_CODE[row.stage].short}：{DECISIONS[decision]}",
                 audit.diff(before, {"decision": decision, "reason": reason}))
    return True
