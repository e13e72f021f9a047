"""The reporting cycle's acts: a district 报送 a stage, the city records what it received and 受理 or 退回 it.

A stage's 报送包 carries the district's whole year of data (so the city's figures never go backwards and
importing stays one rule) and only that stage's stamped tables; its manifest names the stage. The
plain `package export` is a full package with every table and no stage: it updates the city's data but
is not a 报送 of any stage.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.errors import AppError, UsageError
from ...domain.reference import find_district
from ...domain.stages import ACCEPTED, DECISIONS, RETURNED, STAGE_BY_CODE, Stage, clean_reason, stage_named
from ...storage import submissions as store
from ...storage.database import Database
from ...storage.lookups import district_by_name
from ...storage.models import ReceivedPackage
from .. import installation
from .container import check_pdf
from .package_export import export_package
from .package_file import read_package

# The container carries only PDFs beside the data (checked as PDFs): the 工作总结 is sent as a PDF.
SUMMARY_SUFFIXES = (".pdf",)
SUMMARY_NAME = "工作总结.pdf"
MAX_SUMMARY_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class SubmitResult:
    path: Path
    stage: Stage
    district: str
    year: int
    counts: dict[str, int]
    digest: str
    recorded: bool  # False: this very file had been recorded before


def _summary_member(path: Path | None) -> dict[str, bytes]:
    """The written 工作总结 goes into the summary stage's package, checked before anything is written."""
    if path is None:
        return {}
    if not path.is_file():
        raise AppError(f"找不到工作总结文件“{path}”。")
    if path.suffix.lower() not in SUMMARY_SUFFIXES:
        raise AppError(f"工作总结请先另存为 PDF 再报送（WPS、Word 都可“输出为 PDF”），“{path.name}”不是 PDF。")
    if path.stat().st_size > MAX_SUMMARY_BYTES:
        raise AppError(f"工作总结“{path.name}”超过 20 MB，请压缩图片后再报送。")
    content = path.read_bytes()
    if not check_pdf(content):
        raise AppError(f"“{path.name}”不是完整的 PDF 文件，请重新导出后再报送。")
    return {SUMMARY_NAME: content}


def _refuse_other_district(db: Database, district: str) -> None:
    """A district bureau 报送 only for itself: its database holds no other district's work."""
    with db.session() as session:
        own = installation.load(session)
    if own is None or own.is_city:
        return
    wanted = find_district(district)
    if wanted is not None and wanted.name != own.district:
        raise AppError(f"本软件属于{own.bureau}，只能报送{own.district}的数据，不能替{wanted.name}报送。")


def submit_stage(
    db: Database, stage: Stage | str, district: str, output: Path, year: int | None = None, *,
    now: datetime | None = None, summary_file: Path | None = None,
) -> SubmitResult:
    """Write the stage's 报送包 and record the submission (stage, time, counts, digest, file name)."""
    stage = stage if isinstance(stage, Stage) else stage_named(stage)
    if summary_file is not None and not stage.summary:
        raise UsageError("工作总结只随“开展情况与工作总结”一同报送（summary）。")
    _refuse_other_district(db, district)
    now = (now or datetime.now()).replace(microsecond=0)
    extra = _summary_member(summary_file)
    path = export_package(db, district, output, year, stage=stage, now=now, extra=extra)
    written = read_package(path)
    manifest, digest = written.manifest, written.content_sha256
    with db.transaction() as session:
        found = district_by_name(session, manifest["district"])
        _, recorded = store.record_submission(
            session, district_id=found.id, year=int(manifest["year"]), stage=stage.code, created_at=now,
            digest=digest, counts=manifest["counts"], file_name=path.name,
            label=f"{found.name} {manifest['year']} 年度报送{stage.short}",
        )
    return SubmitResult(path, stage, found.name, int(manifest["year"]), dict(manifest["counts"]), digest, recorded)


def record_received(session: Session, district_id: int, year: int, manifest: dict[str, Any], digest: str,
                    file_name: str, now: datetime | None = None) -> bool:
    """The city's side of a stage's 报送包, in the import's own transaction (False: no stage, or known)."""
    stage = STAGE_BY_CODE.get(str(manifest.get("stage", "")))
    if stage is None:
        return False
    _, recorded = store.record_submission(
        session, district_id=district_id, year=year, stage=stage.code,
        created_at=datetime.fromisoformat(manifest["created_at"]), digest=digest,
        counts=manifest.get("counts", {}), file_name=file_name,
        received_at=(now or datetime.now()).replace(microsecond=0),
    )
    return recorded


@dataclass(frozen=True)
class ReviewResult:
    submission_id: int
    district: str
    year: int
    stage: Stage
    decision: str
    reason: str
    changed: bool

    @property
    def message(self) -> str:
        what = f"{self.district} {self.year} 年度{self.stage.short}（编号 {self.submission_id}）"
        if not self.changed:
            return f"{what}已是“{DECISIONS[self.decision]}”，没有改动。"
        return f"已{DECISIONS[self.decision]}{what}" + (f"，原因：{self.reason}" if self.reason else "") + "。"


def review_submission(db: Database, target: str | int | Path, decision: str, reason: str = "", *,
                      now: datetime | None = None) -> ReviewResult:
    """受理 or 退回 a received submission, found by its number or by its 报送包 file."""
    if decision not in DECISIONS:
        raise UsageError("请选择受理或退回。")
    reason = clean_reason(reason) if decision == RETURNED else ""
    submission_id, digest = _target(target)
    with db.transaction() as session:
        row = store.find_submission(session, submission_id=submission_id, digest=digest)
        latest = store.list_submissions(session, row.year, row.district_id)
        current = next(r for r in latest if r.stage == row.stage and r.current)
        if current.id != row.id:
            raise AppError(f"编号 {row.id} 的报送已被 {current.created_at:%Y-%m-%d %H:%M} 的报送（编号 {current.id}）"
                           "替代，请审核新的那份。")
        changed = store.decide(session, row, decision, reason, (now or datetime.now()).replace(microsecond=0))
        return ReviewResult(row.id, row.district.name, row.year, STAGE_BY_CODE[row.stage], decision, reason, changed)


def _target(target: str | int | Path) -> tuple[int | None, str | None]:
    if isinstance(target, int):
        return target, None
    text = str(target).strip()
    if text.isdigit() and not Path(text).is_file():
        return int(text), None
    return None, read_package(Path(text)).content_sha256


__all__ = ["ACCEPTED", "RETURNED", "ReviewResult", "SubmitResult", "record_received", "review_submission",
           "submit_stage"]



def already_imported(db: Database, data: dict[str, Any], digest: str) -> tuple[str, dict[str, Any]] | None:
    """(district, counts) of this very 报送包 imported before (same district, year and digest), else None:
    importing the same 报送包 twice changes nothing."""
    try:
        with db.session() as session:
            district = district_by_name(session, str(data["district"]))
            known = session.scalars(select(ReceivedPackage).where(
                ReceivedPackage.district_id == district.id, ReceivedPackage.year == int(data["year"]),
                ReceivedPackage.content_sha256 == digest,
            )).first()
            return None if known is None else (district.name, json.loads(known.counts))
    except (KeyError, ValueError, TypeError):
        return None  # the import itself reports what is wrong with the data


def stage_tables(db: Database, stage: Stage, district: str, year: int | None) -> dict[str, bytes]:
    """The stage's tables as they will be sent (stamped PDFs), for the district to look at first."""
    from ..reports.catalog import ATTACHMENT_TITLES
    from ..reports.export import render_pdf_bytes

    return {ATTACHMENT_TITLES[n]: render_pdf_bytes(db, n, district=district, year=year) for n in stage.attachments}


def received_tables(db: Database, year: int, district: str, stage: Stage) -> dict[str, bytes]:
    """The stamped tables (and 工作总结) the city keeps from a district's latest 报送包 of the stage."""
    from ...storage.paths import received_tables_dir

    folder = received_tables_dir(db.path, year, district)
    wanted = [f"附件{n}.pdf" for n in stage.attachments] + ([SUMMARY_NAME] if stage.summary else [])
    return {name: (folder / name).read_bytes() for name in wanted if (folder / name).is_file()}


def fill_regional_cards(session: Session, records: list[dict[str, Any]]) -> int:
    """A regional lecturer's bank card, which districts collect for 附件6, reaches the city's shared copy
    when that copy has none (never replacing one): the settlement list needs it for payment."""
    from ...domain.reference import LEVEL_REGIONAL
    from ...storage.experts import draft_of, save_expert
    from ...storage.models import Expert

    filled = 0
    for record in records:
        card = str(record.get("bank_card") or "").strip()
        if not card or record.get("level") != LEVEL_REGIONAL:
            continue
        expert = session.scalars(select(Expert).where(
            Expert.name == str(record.get("name", "")).strip(), Expert.unit == str(record.get("unit", "")).strip(),
            Expert.level == LEVEL_REGIONAL, Expert.deleted_at.is_(None))).first()
        if expert is None or expert.bank_card:
            continue
        draft = draft_of(expert)
        draft.bank_card = card
        save_expert(session, draft, expert.id)  # validated (a wrong number refuses the import) and audited
        filled += 1
    return filled


def record_older_stage(db: Database, data: dict[str, Any], manifest: dict[str, Any], digest: str, file_name: str,
                       now: datetime | None = None) -> str | None:
    """A stage's 报送包 written before the newest one the city holds of that district: the 报送 is recorded
    (it happened, in time or not), the newer data is not replaced. Returns the district, or None when the
    package is not such a one (the import then goes its ordinary way)."""
    if str(manifest.get("stage", "")) not in STAGE_BY_CODE:
        return None
    try:
        created = datetime.fromisoformat(manifest["created_at"])
        with db.transaction() as session:
            district = district_by_name(session, str(data["district"]))
            newest = session.scalars(select(ReceivedPackage.created_at).where(
                ReceivedPackage.district_id == district.id, ReceivedPackage.year == int(data["year"]),
            ).order_by(ReceivedPackage.created_at.desc()).limit(1)).first()
            if newest is None or newest <= created:
                return None
            record_received(session, district.id, int(data["year"]), manifest, digest, file_name, now)
            return district.name
    except (KeyError, ValueError, TypeError):
        return None  # the import itself reports what is wrong
