"""Exporting the attachment tables: one file, every district's file, or PDF bytes for a preview.

Files are written beside the target and renamed over it, so an interrupted export never leaves a
half-written table where the user expects a finished one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...domain.errors import AppError, UsageError
from ...storage import audit
from ...storage.database import Database
from ...storage.lookups import districts
from ..consolidation import HEADERS, NOTE, summary_rows
from ..district_settings import city_seal_path, read_settings
from ..files import write_atomically
from ..output_guard import check_output
from ..workbook_io import save_workbook
from .catalog import (
    ATTACHMENT_TITLES,
    CARD_TABLES,
    CITY_SEALED,
    DISTRICT_OR_CITY,
    FORMATS,
    PDF_ONLY,
    PER_DISTRICT,
    PHOTOS,
    SUBMISSIONS,
    SUMMARY,
)
from .document import TableDocument, key_line_text
from .pdf_writer import PdfOptions, render_pdf
from .seal import transparent_seal
from .tables import build_attachment, summary_table
from .xlsx_writer import render_xlsx

if TYPE_CHECKING:
    from ..trust.keys import InstallationKey

__all__ = ["ATTACHMENT_TITLES", "FORMATS", "PER_DISTRICT", "SUMMARY", "ExportCancelled", "ExportOptions",
           "RenderedReport", "export_all_districts", "export_attachment", "export_submissions", "record_printed",
           "render_pdf_bytes", "render_report", "save_rendered"]

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


class ExportCancelled(AppError):
    def __init__(self) -> None:
        super().__init__("导出已取消，没有写入文件。")


@dataclass(frozen=True)
class ExportOptions:
    use_seal: bool = True  # the district's seal from 设置, or seal_file
    seal_file: Path | None = None
    draft: bool = False  # 草稿 watermark instead of the seal
    mask_cards: bool = False  # 附件6: bank card numbers masked
    seal_size_mm: float = 42.0
    with_actuals: bool = False  # 附件1: a 完成 column
    # trust.keys.InstallationKey: signs the PDF even when it is not a stamped table (a package's tables);
    # stamped tables are signed by this installation's key without it
    signing_key: Any = None

    def __post_init__(self) -> None:
        if not 10 <= self.seal_size_mm <= 80:
            raise UsageError("公章大小应在 10 到 80 毫米之间（默认 42 毫米）。")


def _document(db: Database, number: int, district: str | None, year: int | None,
              options: ExportOptions, today: date | None = None) -> TableDocument:
    if number == SUMMARY:
        year_found, rows = summary_rows(db, year)
        document = summary_table(year_found, [row.cells() for row in rows], HEADERS, (NOTE,))
    else:
        with db.session() as session:
            document = build_attachment(session, number, district, year, mask_cards=options.mask_cards,
                                        with_actuals=options.with_actuals, today=today)
    if document.bureau_line and not options.draft:  # a stamped table: its paper vouches for the key
        document.key_line = key_line_text(_signing_key(db, options).fingerprint)
    return document


def _signing_key(db: Database, options: ExportOptions) -> Any:
    from ..trust.policy import own_key

    return options.signing_key or own_key(db)


def _seal_png(db: Database, number: int, district: str | None, options: ExportOptions) -> bytes | None:
    """The seal to print, or None: not asked for, a draft, a table without （盖章）, or none set up."""
    if not options.use_seal or options.draft:
        return None
    if options.seal_file:
        return transparent_seal(options.seal_file)
    if number in CITY_SEALED:
        city_seal = city_seal_path(db)
        return transparent_seal(city_seal) if city_seal else None
    if (number in PER_DISTRICT or number in DISTRICT_OR_CITY) and district:
        settings = read_settings(db, district)[0]
        if settings.seal_path:
            return transparent_seal(settings.seal_path)
    return None


def _pdf(document: TableDocument, seal: bytes | None, options: ExportOptions) -> bytes:
    return render_pdf(document, PdfOptions(seal_png=seal, seal_size_mm=options.seal_size_mm, draft=options.draft))


def _write(document: TableDocument, fmt: str, output: Path, seal: bytes | None, options: ExportOptions,
           key: InstallationKey | None = None) -> Path:
    """`key`: sign the PDF (a stamped table), the signature field over the seal when one is drawn."""
    if fmt == "xlsx":
        book = render_xlsx(document, seal, options.seal_size_mm, draft=options.draft)
        return save_workbook(book, output, "表格")
    spots: list[tuple[int, tuple[float, float, float, float]]] = []
    data = render_pdf(document, PdfOptions(seal_png=seal, seal_size_mm=options.seal_size_mm, draft=options.draft),
                      spots)
    if key is not None:
        from ..trust.pdf_signing import SealBox, sign_pdf

        data = sign_pdf(data, key, SealBox(*spots[0]) if spots else None)
    return write_atomically(output, lambda path: path.write_bytes(data), "表格")


def _check_format(fmt: str, number: int | None = None) -> None:
    if fmt not in FORMATS:
        raise UsageError(f"不支持的格式“{fmt}”，应为 pdf 或 xlsx。")
    if number in PDF_ONLY and fmt != "pdf":
        raise UsageError("活动图片只能导出为 PDF。")


def _export_photos(db: Database, district: str | None, year: int | None, output: Path,
                   progress: Progress | None) -> Path:
    from .photo_appendix import photo_appendix_pdf  # loads the photos only when asked for

    stem, data = photo_appendix_pdf(db, district, year, progress)
    if output.is_dir():
        output = output / f"{stem}.pdf"
    if not output.parent.is_dir():
        raise AppError(f"文件夹“{output.parent}”不存在。")
    return write_atomically(output, lambda path: path.write_bytes(data), "活动图片")


def export_attachment(
    db: Database, number: int, *, district: str | None = None, year: int | None = None, fmt: str = "pdf",
    output: Path, options: ExportOptions | None = None, progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Path:
    """Write one table. `output` may be a folder: the file is then named after the table."""
    _check_format(fmt, number)
    if number == PHOTOS:
        return _export_photos(db, district, year, output, progress)
    options = options or ExportOptions()
    document = _document(db, number, district, year, options)
    if progress:
        progress(1, 2)
    if cancel and cancel():
        raise ExportCancelled
    if output.is_dir():
        output = output / f"{document.file_stem}.{fmt}"
    if not output.parent.is_dir():
        raise AppError(f"文件夹“{output.parent}”不存在。")
    check_output(db.path, output, inputs=[options.seal_file], what="表格")
    path = _write(document, fmt, output, _seal_png(db, number, district, options), options,
                  _signing_key(db, options) if document.key_line or options.signing_key else None)
    _audit_full_cards(db, document, f"导出为“{path.name}”")
    if progress:
        progress(2, 2)
    return path


def _audit_full_cards(db: Database, document: TableDocument, what: str) -> None:
    """A table that printed full bank card numbers goes into the 操作记录 (how many, never which)."""
    if document.full_card_count:
        with db.transaction() as session:
            audit.record_card_export(session, document.file_stem, document.full_card_count, what)


def record_printed(db: Database, number: int, *, district: str | None = None, year: int | None = None,
                   options: ExportOptions | None = None) -> None:
    """Printing a previewed table is an export too: audited when it printed full card numbers."""
    options = options or ExportOptions()
    if number in CARD_TABLES and not options.mask_cards:
        _audit_full_cards(db, _document(db, number, district, year, options), "打印")


def export_all_districts(
    db: Database, number: int, *, year: int | None = None, fmt: str = "pdf", folder: Path,
    options: ExportOptions | None = None, progress: Progress | None = None, cancel: Cancel | None = None,
) -> list[Path]:
    """One file per district in plan order. On cancel the files already written stay: each is complete."""
    _check_format(fmt, number)
    if number not in PER_DISTRICT and number not in DISTRICT_OR_CITY:
        raise UsageError(f"附件{number}是全市的表，不按县区分别导出；请去掉 --district all。")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AppError(f"无法创建文件夹“{folder}”：{exc.strerror or exc}") from exc
    with db.session() as session:
        names = [d.name for d in districts(session)]
    written = []
    for index, name in enumerate(names):
        if cancel and cancel():
            raise ExportCancelled
        written.append(export_attachment(db, number, district=name, year=year, fmt=fmt, output=folder,
                                         options=options))
        if progress:
            progress(index + 1, len(names))
    return written


@dataclass(frozen=True)
class RenderedReport:
    """A table built once and rendered to PDF once: the 报表 page previews it, prints it and saves it
    (the PDF's bytes as they are, an Excel file from the same document) without building it again."""

    document: TableDocument
    seal: bytes | None
    options: ExportOptions
    pdf: bytes


def render_report(db: Database, number: int, *, district: str | None = None, year: int | None = None,
                  options: ExportOptions | None = None, today: date | None = None) -> RenderedReport:
    options = options or ExportOptions()
    document = _document(db, number, district, year, options, today)
    seal = _seal_png(db, number, district, options)
    return RenderedReport(document, seal, options, _pdf(document, seal, options))


def save_rendered(db: Database, rendered: RenderedReport, fmt: str, output: Path) -> Path:
    """Write a rendered table: the PDF bytes themselves, or the Excel file of the same document."""
    _check_format(fmt)
    if not output.parent.is_dir():
        raise AppError(f"文件夹“{output.parent}”不存在。")
    if fmt == "pdf":
        path = write_atomically(output, lambda target: target.write_bytes(rendered.pdf), "表格")
    else:
        path = _write(rendered.document, fmt, output, rendered.seal, rendered.options)
    _audit_full_cards(db, rendered.document, f"导出为“{path.name}”")
    return path


def audit_printed(db: Database, rendered: RenderedReport) -> None:
    """Printing a previewed table is an export too: audited when it printed full card numbers."""
    _audit_full_cards(db, rendered.document, "打印")


def render_pdf_bytes(db: Database, number: int, *, district: str | None = None, year: int | None = None,
                     options: ExportOptions | None = None, today: date | None = None) -> bytes:
    """The PDF of a table without writing a file."""
    return render_report(db, number, district=district, year=year, options=options, today=today).pdf


def export_submissions(db: Database, year: int | None, *, fmt: str, output: Path, today: date) -> Path:
    """The 报送情况 matrix as of `today`, from the same table definition the view prints."""
    _check_format(fmt)
    document = _document(db, SUBMISSIONS, None, year, ExportOptions(use_seal=False), today)
    if output.is_dir():
        output = output / f"{document.file_stem}.{fmt}"
    return _write(document, fmt, output, None, ExportOptions(use_seal=False))
