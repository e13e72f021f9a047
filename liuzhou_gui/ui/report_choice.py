"""What the 报表 page has chosen (table, district, year, options) and how to produce it. No Qt here."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..services.reports import export
from ..services.reports.tables import build_attachment
from ..storage.database import Database

SUMMARY = 0  # the city's 汇总表, beside the attachments 1–6
ALL_DISTRICTS = "*"  # every district, one file each (saving only)
SEALED = {2, 6}  # the tables with a "（盖章）" slot (tables.py: bureau_line)
SUMMARY_TITLE = "汇总表 各县区开展情况汇总"

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


def attachment_titles(city: bool) -> list[tuple[int, str]]:
    """(key, label) for the attachment picker; the 汇总表 only for the city office."""
    items = sorted(export.ATTACHMENT_TITLES.items())
    return [*items, (SUMMARY, SUMMARY_TITLE)] if city else items


@dataclass(frozen=True)
class ReportChoice:
    attachment: int  # 1–6 or SUMMARY
    district: str | None  # a district's full name, ALL_DISTRICTS, or None (city-wide tables)
    year: int
    use_seal: bool = True
    draft: bool = False
    mask_cards: bool = False
    seal_size_mm: float = 42.0
    with_actuals: bool = False

    @property
    def per_district(self) -> bool:
        return self.attachment in export.PER_DISTRICT

    @property
    def batch(self) -> bool:
        return self.per_district and self.district == ALL_DISTRICTS

    @property
    def previewable(self) -> bool:
        return not self.batch and (self.district is not None or not self.per_district)

    def _options(self) -> dict:
        """Only what applies to this table, so an option hidden from the user cannot leak into it."""
        return {
            "use_seal": self.use_seal and not self.draft and self.attachment in SEALED,
            "draft": self.draft,
            "mask_cards": self.mask_cards and self.attachment == 6,
            "seal_size_mm": self.seal_size_mm,
            "with_actuals": self.with_actuals and self.attachment == 1,
        }

    def _district(self) -> str | None:
        return self.district if self.per_district else None

    def render_pdf(self, db: Database) -> bytes:
        if self.attachment == SUMMARY:
            with tempfile.TemporaryDirectory() as folder:
                path = export.export_summary(db, year=self.year, fmt="pdf", output=Path(folder) / "summary.pdf")
                return path.read_bytes()
        return export.render_pdf_bytes(
            db, self.attachment, district=self._district(), year=self.year, **self._options()
        )

    def file_stem(self, db: Database) -> str:
        """The suggested file name without suffix (the table's own file_stem)."""
        if self.attachment == SUMMARY:
            return f"汇总表_全市_{self.year}"
        with db.session() as session:
            return build_attachment(session, self.attachment, self._district(), self.year,
                                    mask_cards=self.mask_cards).file_stem

    def export(self, db: Database, fmt: str, target: Path, progress: Progress, cancel: Cancel) -> list[Path]:
        """Write the file (or, for ALL_DISTRICTS, one file per district into the folder `target`)."""
        if self.attachment == SUMMARY:
            return [export.export_summary(db, year=self.year, fmt=fmt, output=target)]
        if self.batch:
            return export.export_all_districts(
                db, self.attachment, year=self.year, fmt=fmt, folder=target, progress=progress, cancel=cancel,
                **self._options(),
            )
        return [export.export_attachment(
            db, self.attachment, district=self._district(), year=self.year, fmt=fmt, output=target,
            progress=progress, cancel=cancel, **self._options(),
        )]
