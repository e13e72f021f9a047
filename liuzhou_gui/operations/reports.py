"""报表: the preview of one table and saving tables as PDF or Excel."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..services.report_choice import ReportChoice
from ..storage.database import Database
from .core import NO_JOB, Changes, Job, Outcome

if TYPE_CHECKING:  # the writers load with the first preview, not with the window
    from ..services.reports.export import RenderedReport

MISSING_SEAL_HINT = "未设置本县区的公章图片，“（盖章）”处不盖章（可在“设置”中选择）。"


@dataclass(frozen=True)
class Preview:
    choice: ReportChoice  # what was rendered: a save of the same choice reuses it
    rendered: RenderedReport
    hint: str  # a line for the status text, or ""

    @property
    def pdf(self) -> bytes:
        return self.rendered.pdf

    @property
    def file_stem(self) -> str:
        return self.choice.file_stem()


def preview_report(db: Database, choice: ReportChoice, _job: Job = NO_JOB) -> Preview:
    """A read: the chosen table built and rendered once, and what the user should know about it."""
    return Preview(choice, choice.render(db), MISSING_SEAL_HINT if choice.missing_seal(db) else "")


def save_report(db: Database, choice: ReportChoice, fmt: str, target: Path, job: Job = NO_JOB,
                preview: Preview | None = None) -> Outcome[list[Path]]:
    """Write the file (a folder of files for 全部县区). A preview of this very choice is saved as it is
    (its PDF bytes, or an Excel file of its document), not built again. 附件6 with full card numbers
    adds an 操作记录 entry."""
    rendered = preview.rendered if preview is not None and preview.choice == choice else None
    return Outcome(choice.export(db, fmt, target, job.progress, job.cancelled, rendered), Changes.AUDIT)


def print_recorded(db: Database, preview: Preview) -> Outcome[None]:
    """Printing the preview: 附件6 with full card numbers goes into the 操作记录, as an export does."""
    from ..services.reports.export import audit_printed

    audit_printed(db, preview.rendered)
    return Outcome(None, Changes.AUDIT)
