"""What the 报表 page has chosen (table, district, year, options) and how to produce it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..storage.database import Database
from .consolidation import HEADERS, NOTE, summary_rows
from .district_settings import read_settings
from .reports.catalog import ATTACHMENT_TITLES, DISTRICT_OR_CITY, PER_DISTRICT, PHOTOS, SUMMARY
from .reports.tables import build_attachment, summary_table

if TYPE_CHECKING:
    from .reports.export import ExportOptions

ALL_DISTRICTS = "*"  # every district, one file each (saving only)
SEALED = {2, 6}  # the tables with a "（盖章）" slot (tables.py: bureau_line)

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


def attachment_titles(city: bool) -> list[tuple[int, str]]:
    """(key, label) for the attachment picker; the 汇总表 only for the city office."""
    items = sorted((n, title) for n, title in ATTACHMENT_TITLES.items() if n != SUMMARY)
    return [*items, (SUMMARY, ATTACHMENT_TITLES[SUMMARY])] if city else items


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
    city: bool = False  # the city office's installation: 效果评估 and 活动图片 for the whole city

    @property
    def table(self) -> tuple[int, str | None, int]:
        """Which table (not how it is printed)."""
        return self.attachment, self._district(), self.year

    @property
    def per_district(self) -> bool:
        return self.attachment in PER_DISTRICT

    @property
    def batch(self) -> bool:
        return self.per_district and self.district == ALL_DISTRICTS

    @property
    def previewable(self) -> bool:
        return not self.batch and (self.district is not None or not self.per_district)

    def options(self) -> ExportOptions:
        """Only what applies to this table, so an option greyed out for it cannot leak into it."""
        from .reports.export import ExportOptions

        return ExportOptions(
            use_seal=self.use_seal and not self.draft and self.attachment in SEALED,
            draft=self.draft,
            mask_cards=self.mask_cards and self.attachment == 6,
            seal_size_mm=self.seal_size_mm,
            with_actuals=self.with_actuals and self.attachment == 1,
        )

    def _district(self) -> str | None:
        if self.attachment in DISTRICT_OR_CITY:
            return None if self.city or self.district == ALL_DISTRICTS else self.district
        return self.district if self.per_district else None

    def render_pdf(self, db: Database) -> bytes:
        from .reports import export  # the writers load on first use, not at the window's start

        return export.render_pdf_bytes(db, self.attachment, district=self._district(), year=self.year,
                                       options=self.options())

    def file_stem(self, db: Database) -> str:
        """The suggested file name without suffix (the table's own file_stem)."""
        if self.attachment == SUMMARY:
            year, rows = summary_rows(db, self.year)
            return summary_table(year, [row.cells() for row in rows], HEADERS, (NOTE,)).file_stem
        if self.attachment == PHOTOS:
            return f"活动图片_{self._district() or '全市'}_{self.year}"
        with db.session() as session:
            return build_attachment(session, self.attachment, self._district(), self.year).file_stem

    def missing_seal(self, db: Database) -> bool:
        """A seal is asked for but the district has none set up in 设置 (the （盖章） then stays bare)."""
        if not self.options().use_seal or not self._district() or self.batch:
            return False
        return read_settings(db, self.district)[0].seal_path is None

    def export(self, db: Database, fmt: str, target: Path, progress: Progress, cancel: Cancel) -> list[Path]:
        """Write the file (or, for ALL_DISTRICTS, one file per district into the folder `target`)."""
        from .reports import export

        if self.batch:
            return export.export_all_districts(
                db, self.attachment, year=self.year, fmt=fmt, folder=target, options=self.options(),
                progress=progress, cancel=cancel,
            )
        return [export.export_attachment(
            db, self.attachment, district=self._district(), year=self.year, fmt=fmt, output=target,
            options=self.options(), progress=progress, cancel=cancel,
        )]
