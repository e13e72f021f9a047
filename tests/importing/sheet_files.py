"""The same rows saved in each format a clerk may bring: .xlsx, .xls, .ods, CSV and a WPS-style .xlsx.

.xls comes from xlwt (as older systems write it), .ods from a minimal OpenDocument writer here,
the WPS-style file is an openpyxl .xlsx whose dimension record says "A1" (or is missing), as WPS
writes it. `test_office_files.py` also converts files with LibreOffice itself where it is installed.
"""

from __future__ import annotations

import csv
import re
import zipfile
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from openpyxl import Workbook
from openpyxl.utils import range_boundaries

FORMATS = ("xlsx", "xls", "ods", "csv", "wps", "wps-nodim")
# Formats able to hold a formula saved without its value (in .xls and CSV "=1+1" is text).
FORMULA_FORMATS = ("xlsx", "ods", "wps", "wps-nodim")
SUFFIXES = {"xlsx": ".xlsx", "xls": ".xls", "ods": ".ods", "csv": ".csv", "wps": ".xlsx", "wps-nodim": ".xlsx"}


def _merge_ranges(merges) -> list[tuple[int, int, int, int]]:
    """'A4:A7' → (first row, last row, first column, last column), 0-based."""
    result = []
    for cells in merges:
        min_col, min_row, max_col, max_row = range_boundaries(cells)
        result.append((min_row - 1, max_row - 1, min_col - 1, max_col - 1))
    return result


def write_xlsx(path: Path, rows: list[list], merges=(), *, hidden_first: list[list] | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    if hidden_first is not None:
        sheet.title = "旧名单"
        for row in hidden_first:
            sheet.append(row)
        sheet.sheet_state = "hidden"
        sheet = book.create_sheet("名单")
        book.active = 1
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    book.save(path)
    return path


def write_wps(path: Path, rows: list[list], merges=(), *, dimension: str | None = "A1") -> Path:
    """An .xlsx whose <dimension> record is wrong or missing, as WPS writes them."""
    write_xlsx(path, rows, merges)
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            if info.filename.startswith("xl/worksheets/sheet"):
                replacement = b"" if dimension is None else f'<dimension ref="{dimension}"/>'.encode()
                data = re.sub(rb"<dimension [^>]*/>", replacement, data)
            target.writestr(info, data)
    return path


def write_xls(path: Path, rows: list[list], merges=()) -> Path:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    day_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    time_style = xlwt.easyxf(num_format_str="yyyy-mm-dd hh:mm")
    spans = _merge_ranges(merges)
    covered = {(r, c) for r0, r1, c0, c1 in spans for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)
               if (r, c) != (r0, c0)}
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None or (r, c) in covered or any((r, c) == (s[0], s[2]) for s in spans):
                continue
            if isinstance(value, datetime):
                sheet.write(r, c, value, time_style)
            elif isinstance(value, date):
                sheet.write(r, c, value, day_style)
            else:
                sheet.write(r, c, value)
    for r0, r1, c0, c1 in spans:
        sheet.write_merge(r0, r1, c0, c1, rows[r0][c0] if c0 < len(rows[r0]) else None)
    book.save(str(path))
    return path


def _ods_cell(value, span: tuple[int, int] | None) -> str:
    attrs = ""
    if span is not None:
        attrs += f' table:number-rows-spanned="{span[0]}" table:number-columns-spanned="{span[1]}"'
    if value is None:
        return f"<table:table-cell{attrs}/>"
    if isinstance(value, str) and value.startswith("="):  # a formula saved without its value
        return f"<table:table-cell{attrs} table:formula={quoteattr('of:' + value)}/>"
    if isinstance(value, bool | int | float):
        return f'<table:table-cell{attrs} office:value-type="float" office:value="{value}"><text:p>{value}</text:p>' \
               "</table:table-cell>"
    if isinstance(value, datetime | date):
        stamp = value.isoformat()
        return f'<table:table-cell{attrs} office:value-type="date" office:date-value="{stamp}">' \
               f"<text:p>{stamp}</text:p></table:table-cell>"
    return f'<table:table-cell{attrs} office:value-type="string"><text:p>{escape(str(value))}</text:p>' \
           "</table:table-cell>"


def ods_content(tables: list[tuple[str, list[list], list, bool]]) -> str:
    """content.xml of tables given as (name, rows, merges, hidden)."""
    body, styles = [], []
    for index, (name, rows, merges, hidden) in enumerate(tables):
        style = ""
        if hidden:
            styles.append(f'<style:style style:name="hidden{index}" style:family="table">'
                          '<style:table-properties table:display="false"/></style:style>')
            style = f' table:style-name="hidden{index}"'
        spans = {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for r0, r1, c0, c1 in _merge_ranges(merges)}
        covered = {(r, c) for (r0, c0), (h, w) in spans.items() for r in range(r0, r0 + h) for c in range(c0, c0 + w)
                   if (r, c) != (r0, c0)}
        lines = [f"<table:table table:name={quoteattr(name)}{style}>"]
        for r, row in enumerate(rows):
            cells = [("<table:covered-table-cell/>" if (r, c) in covered else _ods_cell(v, spans.get((r, c))))
                     for c, v in enumerate(row)]
            lines.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
        lines.append("</table:table>")
        body.append("".join(lines))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:automatic-styles>{''.join(styles)}</office:automatic-styles>"
        f"<office:body><office:spreadsheet>{''.join(body)}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )


def write_ods_content(path: Path, content: str, settings: str | None = None) -> Path:
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        book.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        book.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        if settings is not None:
            book.writestr("settings.xml", settings, zipfile.ZIP_DEFLATED)
    return path


def write_ods(path: Path, rows: list[list], merges=()) -> Path:
    return write_ods_content(path, ods_content([("Sheet1", rows, list(merges), False)]))


def write_csv(path: Path, rows: list[list], merges=(), *, encoding: str = "utf-8-sig") -> Path:
    def text(value) -> str:
        if value is None:
            return ""
        if isinstance(value, datetime):
            return value.strftime("%Y-%m-%d %H:%M")
        return str(value)

    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows([[text(v) for v in row] for row in rows])
    return path


WRITERS = {"xlsx": write_xlsx, "xls": write_xls, "ods": write_ods, "csv": write_csv, "wps": write_wps,
           "wps-nodim": lambda p, rows, merges=(): write_wps(p, rows, merges, dimension=None)}


def write_rows(fmt: str, path: Path, rows: list[list], merges=()) -> Path:
    """The rows saved as `fmt`, at `path` with that format's suffix."""
    return WRITERS[fmt](path.with_suffix(SUFFIXES[fmt]), rows, merges)
