"""What the 报表 page has chosen (table, district, year, options) and how to produce it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..storage.database import Database
from .district_settings import city_seal_path, read_settings
from .reports.catalog import (
    ATTACHMENT_TITLES,
    CARD_TABLES,
    CITY_LECTURES,
    CITY_SEALED,
    DISTRICT_OR_CITY,
    PER_DISTRICT,
    SETTLEMENT,
    SUBMISSIONS,
    SUMMARY,
    file_stem_of,
)

if TYPE_CHECKING:
    from .reports.export import ExportOptions, RenderedReport

ALL_DISTRICTS = "*"  # every district, one file each (saving only)
SEALED = {2, 6, *CITY_SEALED}  # the tables with a "（盖章）" slot (tables.py: bureau_line)
CITY_ONLY = (SUMMARY, CITY_LECTURES, SETTLEMENT, SUBMISSIONS)  # the city office's own tables

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


def attachment_titles(city: bool) -> list[tuple[int, str]]:
    """(key, label) for the attachment picker; the city's own tables only for the city office."""
    items = sorted((n, title) for n, title in ATTACHMENT_TITLES.items() if n not in CITY_ONLY)
    return [*items, *((n, ATTACHMENT_TITLES[n]) for n in CITY_ONLY)] if city else items


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
            mask_cards=self.mask_cards and self.attachment in CARD_TABLES,
            seal_size_mm=self.seal_size_mm,
            with_actuals=self.with_actuals and self.attachment == 1,
        )

    def _district(self) -> str | None:
        if self.attachment in DISTRICT_OR_CITY:
            return None if self.city or self.district == ALL_DISTRICTS else self.district
        return self.district if self.per_district else None

    def render(self, db: Database) -> RenderedReport:
        """Build the table and render its PDF, once: the preview, 打印 and 保存 all use the result."""
        from .reports import export  # the writers load on first use, not at the window's start

        return export.render_report(db, self.attachment, district=self._district(), year=self.year,
                                    options=self.options())

    def render_pdf(self, db: Database) -> bytes:
        return self.render(db).pdf

    def file_stem(self) -> str:
        """The suggested file name without suffix, from (table, district, year): nothing is built."""
        return file_stem_of(self.attachment, self._district(), self.year)

    def missing_seal(self, db: Database) -> bool:
        """A seal is asked for but the district has none set up in 设置 (the （盖章） then stays bare)."""
        if not self.options().use_seal or self.batch:
            return False
        if self.attachment in CITY_SEALED:
            return city_seal_path(db) is None
        if not self._district():
            return False
        return read_settings(db, self.district)[0].seal_path is None

    def export(self, db: Database, fmt: str, target: Path, progress: Progress, cancel: Cancel,
               rendered: RenderedReport | None = None) -> list[Path]:
        """Write the file (or, for ALL_DISTRICTS, one file per district into the folder `target`).

        `rendered`: this choice's preview; its bytes (or its document, for Excel) are saved as they are.
        """
        from .reports import export

        if rendered is not None and not self.batch:
            progress(1, 2)
            if cancel():
                raise export.ExportCancelled
            path = export.save_rendered(db, rendered, fmt, target)
            progress(2, 2)
            return [path]
        if self.batch:
            return export.export_all_districts(
                db, self.attachment, year=self.year, fmt=fmt, folder=target, options=self.options(),
                progress=progress, cancel=cancel,
            )
        return [export.export_attachment(
            db, self.attachment, district=self._district(), year=self.year, fmt=fmt, output=target,
            options=self.options(), progress=progress, cancel=cancel,
        )]
