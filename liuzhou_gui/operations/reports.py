"""报表: the preview of one table and saving tables as PDF or Excel."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..services.report_choice import ReportChoice
from ..storage.database import Database
from .core import NO_JOB, Changes, Job, Outcome

MISSING_SEAL_HINT = "未设置本县区的公章图片，“（盖章）”处不盖章（可在“设置”中选择）。"


@dataclass(frozen=True)
class Preview:
    pdf: bytes
    file_stem: str  # the suggested file name without suffix
    hint: str  # a line for the status text, or ""


def preview_report(db: Database, choice: ReportChoice, _job: Job = NO_JOB) -> Preview:
    """A read: the PDF of the chosen table, its file name and what the user should know about it."""
    data = choice.render_pdf(db)
    return Preview(data, choice.file_stem(db), MISSING_SEAL_HINT if choice.missing_seal(db) else "")


def save_report(db: Database, choice: ReportChoice, fmt: str, target: Path, job: Job = NO_JOB) -> Outcome[list[Path]]:
    """Write the file (a folder of files for 全部县区); the database is not changed."""
    return Outcome(choice.export(db, fmt, target, job.progress, job.cancelled), Changes.NONE)
