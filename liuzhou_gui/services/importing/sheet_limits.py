"""The bounds a spreadsheet from outside must keep before any real reading, and their messages.

A workbook is a zip of XML (or, for .xls, a flat binary file); its reader builds every cell in
memory, copying a shared string once per cell that uses it. So a 0.3 MB file repeating one huge
string could take gigabytes: the sizes, counts and text volume are checked first, while the file
is streamed with constant memory, and the reader runs only on a file within them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...domain.errors import AppError

MAX_FILE_BYTES = 50 * 1024 * 1024  # a 20,000-row list is a few MB in any format
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # every member of the zip, as declared and as really unpacked
MAX_MEMBERS = 5_000
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_COLUMNS = 200
MAX_CELLS = 4_000_000  # rows × columns of the area the reader lays out (from A1 to the last filled cell)
MAX_TEXT_CHARS = 40_000_000  # all the text of all cells, counting a shared string once per cell that uses it
# A district lists hundreds of units, the city some thousands: a file far beyond that is the wrong
# file (a whole register, a sheet formatted down to row 1,048,576) and is refused before the work.
MAX_DATA_ROWS = 20_000
HEADER_SEARCH_ROWS = 20


def too_many_rows(name: str, limit: int | None = None) -> AppError:
    limit = MAX_DATA_ROWS if limit is None else limit
    return AppError(
        f"“{name}”的数据超过 {limit:,} 行，不像是一份单位、专家或活动名单，未导入任何数据。"
        "请确认选对了文件；名单确实很长时，请分成几个文件分别导入。"
    )


def too_big(name: str, what: str) -> AppError:
    return AppError(
        f"“{name}”{what}，超出了名单文件的合理范围，未导入任何数据。请确认选对了文件，或删去多余内容后另存再导入。"
    )


def cell_too_long(name: str) -> AppError:
    return AppError(
        f"“{name}”中有单元格超过 {MAX_CELL_CHARS:,} 个字符（Excel 单元格的上限），"
        "文件可能已损坏或被改动，未导入任何数据。"
    )


def broken_zip(name: str) -> AppError:
    return AppError(f"“{name}”已损坏（压缩包结构不完整，可能没有下载或复制完整），无法读取。请重新获取文件后再导入。")


def broken_xml(name: str) -> AppError:
    return AppError(
        f"“{name}”中的表格数据已损坏（内容不是完整的表格格式），无法读取。请用 Excel 或 WPS 打开后另存，再导入。"
    )


@dataclass
class SheetCensus:
    """What a scan of one sheet found, before the reader runs."""

    name: str
    filled_rows: set[int] = field(default_factory=set)  # 0-based rows holding a value
    last_row: int = -1  # 0-based
    last_column: int = -1
    text_chars: int = 0
    formulas_without_value: set[tuple[int, int]] = field(default_factory=set)  # 0-based (row, column)
    repeated_too_often: bool = False

    def add_cell(self, row: int, column: int, chars: int, repeat_rows: int = 1, repeat_columns: int = 1) -> None:
        if repeat_rows > MAX_DATA_ROWS + HEADER_SEARCH_ROWS:
            self.repeated_too_often = True
        else:
            self.filled_rows.update(range(row, row + repeat_rows))
        self.last_row = max(self.last_row, row + repeat_rows - 1)
        self.last_column = max(self.last_column, column + repeat_columns - 1)
        self.text_chars += chars * repeat_rows * repeat_columns

    def check(self, file_name: str) -> None:
        """Refuse what the reader must not be given; called as the scan goes, so it stops early."""
        if self.repeated_too_often or len(self.filled_rows) > MAX_DATA_ROWS + HEADER_SEARCH_ROWS:
            raise too_many_rows(file_name)
        if self.last_column >= MAX_COLUMNS:
            raise too_big(file_name, f"的工作表“{self.name}”有内容的列超过 {MAX_COLUMNS} 列")
        if (self.last_row + 1) * (self.last_column + 1) > MAX_CELLS:
            raise too_big(file_name, f"的工作表“{self.name}”有内容的区域过大（到第 {self.last_row + 1:,} 行）")
        if self.text_chars > MAX_TEXT_CHARS:
            raise too_big(file_name, "中的文字总量过大（可能是同一段长文字被重复了成千上万次）")
