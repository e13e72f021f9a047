"""One sheet of a user's spreadsheet as rows of values: .xlsx/.xlsm/.xlsb/.xls/.ods through calamine, .csv.

The file's content must be what its extension says; it is checked against the bounds of
`sheet_limits` before the reader runs. The sheet read is the file's active one, or its first
visible one: never a hidden sheet.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ...domain.errors import AppError
from .sheet_limits import (
    HEADER_SEARCH_ROWS,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_DATA_ROWS,
    MAX_FILE_BYTES,
    broken_xml,
    broken_zip,
    cell_too_long,
    too_big,
    too_many_rows,
)
from .sheet_scan import scan_zip
from .sheet_scan_xls import scan_xls_file
from .sheet_scan_xlsb import scan_xlsb

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTION_MARK = "EncryptionInfo".encode("utf-16-le")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"

# Extension → the kind of content it must hold.
EXTENSIONS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xlsb": "xlsb", ".xls": "xls", ".ods": "ods", ".csv": "csv"}
KIND_NAMES = {"xlsx": " Excel（.xlsx）", "xlsb": " Excel 二进制（.xlsb）", "xls": "旧版 Excel（.xls）",
              "ods": " OpenDocument 表格（.ods）", "csv": " CSV 文本"}
CONTENT_HINTS = {"zip": "它是别的压缩文件，可能是 Word 等文档", "text": "可能是改了扩展名的 CSV 或其他文本",
                 "other": "可能是改了扩展名的其他文件", "xlsx": "它是 .xlsx 工作簿", "xlsb": "它是 .xlsb 工作簿",
                 "xls": "它是 .xls 工作簿", "ods": "它是 .ods 工作簿", "broken-zip": "它是损坏的压缩文件"}
SUPPORTED = "Excel（.xlsx、.xlsm、.xlsb、.xls）、WPS 或 LibreOffice（.ods）或 CSV 文件"
IMPORT_SUFFIXES = tuple(EXTENSIONS)


@dataclass(frozen=True)
class SheetData:
    name: str  # the sheet read, as the preview names it (empty for CSV)
    rows: list[tuple]  # index 0 is the sheet's row 1; column 0 is column A
    formulas_without_value: set[tuple[int, int]] = field(default_factory=set)  # 0-based (row, column)


def content_kind(path: Path) -> str:
    """What the bytes are, whatever the name says: xlsx, xlsb, ods, xls, encrypted, zip, broken-zip, text, other."""
    with path.open("rb") as handle:
        head = handle.read(8)
        rest = handle.read(1_000_000) if head == OLE2_SIGNATURE else b""
    if head == OLE2_SIGNATURE:
        return "encrypted" if ENCRYPTION_MARK in rest else "xls"
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as book:
                names = set(book.namelist())
                if "xl/workbook.xml" in names:
                    return "xlsx"
                if "xl/workbook.bin" in names:
                    return "xlsb"
                if "mimetype" in names and book.getinfo("mimetype").file_size < 200:
                    return "ods" if book.read("mimetype").strip() == ODS_MIMETYPE else "zip"
                return "zip"
        except (zipfile.BadZipFile, OSError, EOFError, ValueError):
            return "broken-zip"
    with path.open("rb") as handle:
        sample = handle.read(65_536)
    return "text" if b"\x00" not in sample or sample.startswith((b"\xff\xfe", b"\xfe\xff")) else "other"


def check_spreadsheet_file(path: Path) -> str:
    """The kind to read the file as, or a sentence saying why it cannot be read."""
    if not path.is_file():
        raise AppError(f"找不到文件“{path}”。")
    expected = EXTENSIONS.get(path.suffix.lower())
    if expected is None:
        raise AppError(f"“{path.name}”不是可导入的表格文件。请选择{SUPPORTED}。")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise too_big(path.name, f"大于 {MAX_FILE_BYTES // 1024 // 1024} MB")
    actual = content_kind(path)
    if actual == "encrypted":
        raise AppError(f"“{path.name}”设置了打开密码。请在 Excel 中取消密码（文件→信息→保护工作簿）后再导入。")
    if actual == "broken-zip" and expected in ("xlsx", "xlsb", "ods"):
        raise broken_zip(path.name)
    if expected == "csv" and actual == "text":
        return "csv"
    if actual != expected:
        if actual in ("xlsx", "xlsb", "xls", "ods"):
            raise AppError(
                f"“{path.name}”的内容是{KIND_NAMES[actual]}文件，与扩展名“{path.suffix}”不符。"
                f"请把扩展名改回 .{actual}，或在 Excel 中另存为 .xlsx 后再导入。"
            )
        advice = "请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。" if expected != "csv" else "请选择原来的表格文件。"
        raise AppError(f"“{path.name}”不是{KIND_NAMES[expected]}文件（{CONTENT_HINTS[actual]}）。{advice}")
    return actual


def read_sheet(path: Path) -> SheetData:
    """The rows of the sheet a user sees first, within the bounds (checked before reading)."""
    kind = check_spreadsheet_file(path)
    if kind == "csv":
        return _read_csv(path)
    scanners = {"xlsx": lambda: scan_zip(path, "xlsx"), "ods": lambda: scan_zip(path, "ods"),
                "xls": lambda: scan_xls_file(path), "xlsb": lambda: scan_xlsb(path)}
    scan = scanners[kind]()
    data = _read_calamine(path, scan.preferred_sheet if scan else None)
    census = scan.sheets.get(data.name) if scan else None
    if census is not None:
        data = SheetData(data.name, data.rows, census.formulas_without_value)
    _check_read(path.name, data.rows)
    return data


def _read_calamine(path: Path, preferred: str | None) -> SheetData:
    from python_calamine import (
        CalamineError,
        CalamineWorkbook,
        PasswordError,
        SheetTypeEnum,
        SheetVisibleEnum,
        XmlError,
        ZipError,
    )

    try:
        book = CalamineWorkbook.from_path(str(path))
        try:
            visible = [m.name for m in book.sheets_metadata
                       if m.visible == SheetVisibleEnum.Visible and m.typ == SheetTypeEnum.WorkSheet]
            if not visible:
                raise AppError(f"“{path.name}”中没有可见的工作表。请在 Excel 中取消隐藏要导入的工作表后再导入。")
            name = preferred if preferred in visible else visible[0]
            rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        finally:
            book.close()
    except PasswordError as exc:
        raise AppError(f"“{path.name}”设置了打开密码。请在 Excel 中取消密码后再导入。") from exc
    except ZipError as exc:
        raise broken_zip(path.name) from exc
    except XmlError as exc:
        raise broken_xml(path.name) from exc
    except CalamineError as exc:
        raise AppError(f"无法读取“{path.name}”：文件已损坏或不是 Excel 工作簿。") from exc
    return SheetData(name, [tuple(row) for row in rows])


def _check_read(name: str, rows: list[tuple]) -> None:
    """The bounds again on what was read (cheap; the scans before reading may over- or under-count)."""
    if len(rows) > MAX_DATA_ROWS + HEADER_SEARCH_ROWS and \
            sum(1 for row in rows if any(v not in ("", None) for v in row)) > MAX_DATA_ROWS + HEADER_SEARCH_ROWS:
        raise too_many_rows(name)
    if rows and max(len(row) for row in rows) > MAX_COLUMNS:
        raise too_big(name, f"有内容的列超过 {MAX_COLUMNS} 列")
    for row in rows:
        for value in row:
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                raise cell_too_long(name)


def _decode(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GBK/GB18030 as older systems export."""
    if raw.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8", "gb18030"]
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AppError(f"“{name}”的文字编码无法识别（既不是 UTF-8 也不是 GBK）。请用 Excel 打开后另存为 .xlsx 再导入。")


def _delimiter(text: str) -> str:
    sample = [line for line in text[:20_000].splitlines() if line.strip()][:5]
    counts = {sep: sum(line.count(sep) for line in sample) for sep in (",", "\t", ";", "，")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _read_csv(path: Path) -> SheetData:
    text = _decode(path.read_bytes(), path.name)
    rows: list[tuple] = []
    filled = 0
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)):
            if len(row) > MAX_COLUMNS:
                raise too_big(path.name, f"有内容的列超过 {MAX_COLUMNS} 列")
            if any(len(value) > MAX_CELL_CHARS for value in row):
                raise cell_too_long(path.name)
            filled += any(value.strip() for value in row)
            if filled > MAX_DATA_ROWS + HEADER_SEARCH_ROWS:
                raise too_many_rows(path.name)
            rows.append(tuple(row))
    except csv.Error as exc:
        if "field larger" in str(exc):
            raise cell_too_long(path.name) from exc
        raise AppError(f"“{path.name}”不是完整的 CSV 文件（第 {len(rows) + 1} 行的引号不成对）。") from exc
    return SheetData("", rows)  # a CSV file has no sheets to name
