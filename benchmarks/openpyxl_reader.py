"""The import's reader before python-calamine (openpyxl read-only, two passes when there are formulas).

Kept only as the benchmark's baseline: `bench_import.py` times the same import with this reader and
with the current one in one run. Not used by the app.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from liuzhou_gui.domain.errors import AppError
from liuzhou_gui.domain.validation import clean_text
from liuzhou_gui.services.importing.workbook import FormulaWithoutValue, SheetRows, header_key

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTION_MARK = "EncryptionInfo".encode("utf-16-le")
HEADER_SEARCH_ROWS = 20


def check_xlsx_file(path: Path) -> None:
    """Tell the user what the file is when it is not an .xlsx workbook."""
    if not path.is_file():
        raise AppError(f"找不到文件“{path}”。")
    with path.open("rb") as handle:
        head = handle.read(8)
        rest = handle.read(1_000_000) if head == OLE2_SIGNATURE else b""
    if head == OLE2_SIGNATURE:
        if ENCRYPTION_MARK in rest:
            raise AppError(f"“{path.name}”设置了打开密码。请在 Excel 中取消密码（文件→信息→保护工作簿）后再导入。")
        raise AppError(f"“{path.name}”是旧版 Excel（.xls）文件。请在 Excel 中“另存为”.xlsx 格式后再导入。")
    if not head.startswith(b"PK") or not zipfile.is_zipfile(path):
        raise AppError(
            f"“{path.name}”不是 Excel（.xlsx）文件（可能是改了扩展名的 CSV 或其他文件）。请用 Excel 另存为 .xlsx。"
        )


def _values(path: Path, *, data_only: bool) -> Iterator[tuple]:
    # openpyxl loads only when a workbook is read: the command line and the window start without it.
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=data_only)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise AppError(f"无法读取“{path.name}”：文件已损坏或不是 Excel 工作簿。") from exc
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            return
        yield from sheet.iter_rows(values_only=True)
    finally:
        book.close()


# A district lists hundreds of units, the city some thousands: a file far beyond that is the wrong
# file (a whole register, a sheet formatted down to row 1,048,576) and is refused before the work.
MAX_DATA_ROWS = 20_000

# The plan's tables (and this app's exports of them) end with a signer line and notes, each in one
# cell under the table: such a row ends the data.
FOOTER_PREFIXES = ("注:", "说明:", "填报人:")


def _filled(values: tuple) -> list:
    """The cells of a row that hold something (blank strings are empty)."""
    return [v for v in values if v is not None and not (isinstance(v, str) and not v.strip())]


def _is_footer(values: tuple) -> bool:
    filled = _filled(values)
    return len(filled) == 1 and isinstance(filled[0], str) and clean_text(filled[0]).startswith(FOOTER_PREFIXES)


def read_rows(path: Path, aliases: dict[str, str], required: set[str], titles: list[str] | None = None) -> SheetRows:
    """The first sheet's rows under the first row that names every required column."""
    check_xlsx_file(path)
    header_row = 0
    columns: dict[str, int] = {}
    headers: list[str] = []
    first_pass: list[tuple[int, tuple]] = []
    formula_rows: dict[int, list[int]] = {}
    # Formulas: the first pass (data_only=False) says where they are; their cached values need a
    # second pass (data_only=True), read only when there are formulas at all.
    for number, values in enumerate(_values(path, data_only=False), start=1):
        if not header_row:
            if number > HEADER_SEARCH_ROWS:
                break
            found = {aliases[header_key(v)]: i for i, v in enumerate(values) if header_key(v) in aliases}
            if required <= set(found):
                header_row, columns = number, found
                headers = [clean_text(v) for v in values]
            continue
        if not _filled(values):
            continue
        if len(first_pass) >= MAX_DATA_ROWS:
            raise AppError(
                f"“{path.name}”的数据超过 {MAX_DATA_ROWS:,} 行，不像是一份单位、专家或活动名单，未导入任何数据。"
                "请确认选对了文件；名单确实很长时，请分成几个文件分别导入。"
            )
        marks = [i for i, v in enumerate(values) if isinstance(v, str) and v.startswith("=")]
        if marks:
            formula_rows[number] = marks
        first_pass.append((number, values))
    if not header_row:
        names = "、".join(sorted(k for k, v in aliases.items() if v in required and len(k) <= 6))
        raise AppError(f"“{path.name}”的前 {HEADER_SEARCH_ROWS} 行中找不到表头，必须有这些列：{names}。")
    numbered = enumerate(_values(path, data_only=True), start=1) if formula_rows else first_pass
    rows: list[tuple[int, tuple]] = []
    for number, values in numbered:
        if number <= header_row:
            continue
        if not _filled(values):
            continue
        if _is_footer(values):
            break
        if number in formula_rows:
            values = tuple(
                FormulaWithoutValue() if i in formula_rows[number] and v is None else v for i, v in enumerate(values)
            )
        rows.append((number, tuple(values)))
    return SheetRows(header_row, columns, headers, rows)
