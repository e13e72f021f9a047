"""A TableDocument as an Excel sheet set up to print like the PDF: A4, fit to width, header repeated.

Counts (cells made with `document.count`) are numbers; every other value is written as text, so a name,
a card number or "=1+1" stays exactly as typed and can never become a formula.
"""

from __future__ import annotations

import io
import unicodedata

from openpyxl import Workbook
from openpyxl.drawing.image import Image as SheetImage
from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, OneCellAnchor
from openpyxl.drawing.xdr import XDRPositiveSize2D
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.units import pixels_to_EMU
from openpyxl.worksheet.worksheet import Worksheet

from ..workbook_io import keep_as_text
from .document import KEY_LINE_SIZE, SEAL_MARK, TableDocument
from .seal import seal_aspect

FONT_NAME = "宋体"
BODY_SIZE = 10.5
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
PORTRAIT_WIDTH, LANDSCAPE_WIDTH = 92, 140  # characters across a printed A4 page at this font size
PIXELS_PER_MM = 96 / 25.4
# Table cells take one of three named styles: setting a name is cheap, where setting font, border and
# alignment on each cell makes openpyxl hash them again for every cell (seconds for 1,000 rows).
HEADER_STYLE, CENTRED_STYLE, LEFT_STYLE = "表头", "表格居中", "表格左对齐"


def _add_table_styles(book: Workbook) -> None:
    for name, bold, horizontal in ((HEADER_STYLE, True, "center"), (CENTRED_STYLE, False, "center"),
                                   (LEFT_STYLE, False, "left")):
        book.add_named_style(NamedStyle(
            name=name, font=Font(name=FONT_NAME, size=BODY_SIZE, bold=bold), border=BORDER,
            alignment=Alignment(horizontal=horizontal, vertical="center", wrap_text=True),
        ))


def text_width(text: str) -> int:
    """Width in Excel character units: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _column_widths(document: TableDocument) -> list[float]:
    total = sum(document.widths)
    page = LANDSCAPE_WIDTH if document.landscape else PORTRAIT_WIDTH
    widths = [page * w / total for w in document.widths]
    # A column whose longest text fits in less room gives the rest to the others (wrapping handles long
    # texts), and the table always spans the printable width: fit-to-width only ever shrinks a sheet,
    # so a narrow table would print on half the page with its title wrapped inside a word.
    for index, header in enumerate(document.header):
        longest = max([text_width(header)] + [text_width(r[index].text) for r in document.rows if r[index]])
        widths[index] = max(6.0, min(widths[index], longest + 2.0))
    return [w * page / sum(widths) for w in widths]


def _lines_needed(text: str, width: float) -> int:
    return max(1, sum(-(-max(1, text_width(part)) // max(1, int(width - 1))) for part in text.split("\n")))


class _SheetWriter:
    def __init__(self, sheet: Worksheet, document: TableDocument) -> None:
        self.sheet, self.document = sheet, document
        self.columns = document.column_count
        self.row = 0
        self.widths = _column_widths(document)

    def full_width_line(self, text: str, size: float, align: str = "left", height: float | None = None) -> int:
        self.row += 1
        cell = self.sheet.cell(self.row, 1, text)
        cell.font = Font(name=FONT_NAME, size=size)
        cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
        if self.columns > 1:
            self.sheet.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=self.columns)
        lines = _lines_needed(text, sum(self.widths) * BODY_SIZE / size)
        self.sheet.row_dimensions[self.row].height = height or lines * size * 1.45 + 4
        return self.row

    def table_row(self, texts: list[str | None], header: bool = False, left: frozenset[int] = frozenset(),
                  numbers: dict[int, int] | None = None) -> None:
        self.row += 1
        lines = 1
        for column, text in enumerate(texts, start=1):
            value = numbers[column] if numbers and column in numbers else text
            cell = self.sheet.cell(self.row, column, value)
            cell.style = HEADER_STYLE if header else LEFT_STYLE if column in left else CENTRED_STYLE
            if text:
                lines = max(lines, _lines_needed(text, self.widths[column - 1]))
        self.sheet.row_dimensions[self.row].height = lines * BODY_SIZE * 1.45 + 6

    def body(self) -> None:
        for row in self.document.rows:
            left = frozenset(column for column, cell in enumerate(row, start=1) if cell and cell.align == "left")
            numbers = {column: cell.number for column, cell in enumerate(row, start=1)
                       if cell and cell.number is not None}
            self.table_row([cell.text if cell else None for cell in row], left=left, numbers=numbers)
            for column, cell in enumerate(row, start=1):
                if cell is None:
                    continue
                if cell.rowspan > 1 or cell.colspan > 1:
                    self.sheet.merge_cells(start_row=self.row, start_column=column,
                                           end_row=self.row + cell.rowspan - 1,
                                           end_column=column + cell.colspan - 1)


def _row_px(sheet: Worksheet, row: int) -> float:
    """A row's height on screen in pixels (Excel's default row is 15 points)."""
    return (sheet.row_dimensions[row].height or 15) * 96 / 72


def _anchor(sheet: Worksheet, widths: list[float], x_px: float, y_px: float) -> AnchorMarker:
    """The cell and offset at an absolute position on the sheet, in pixels from the top-left corner."""
    column, left = 0, 0.0
    while column < len(widths) - 1 and left + widths[column] * 7 + 5 <= x_px:
        left += widths[column] * 7 + 5
        column += 1
    row, top = 0, 0.0
    while True:
        height = _row_px(sheet, row + 1)
        if top + height > y_px:
            break
        top += height
        row += 1
    return AnchorMarker(col=column, colOff=pixels_to_EMU(max(0, x_px - left)), row=row,
                        rowOff=pixels_to_EMU(max(0, y_px - top)))


def _place_seal(sheet: Worksheet, writer: _SheetWriter, bureau_row: int, png: bytes, size_mm: float,
                text: str, size_pt: float) -> None:
    width_px = size_mm * PIXELS_PER_MM
    height_px = width_px * seal_aspect(png)
    before = text.rpartition(SEAL_MARK)[0]
    # Centre of "（盖章）" in the left-aligned line: a width unit (text_width) is half a character's
    # point size, in pixels.
    char_px = size_pt * 96 / 72 / 2
    centre_x = 3 + (text_width(before) + text_width(SEAL_MARK) / 2) * char_px
    centre_y = sum(_row_px(sheet, r) for r in range(1, bureau_row)) + _row_px(sheet, bureau_row) / 2
    image = SheetImage(io.BytesIO(png))
    image.width, image.height = width_px, height_px
    marker = _anchor(sheet, writer.widths, max(0, centre_x - width_px / 2), max(0, centre_y - height_px / 2))
    image.anchor = OneCellAnchor(_from=marker, ext=XDRPositiveSize2D(pixels_to_EMU(width_px),
                                                                     pixels_to_EMU(height_px)))
    sheet.add_image(image)


def render_xlsx(document: TableDocument, seal_png: bytes | None = None, seal_size_mm: float = 42.0,
                draft: bool = False) -> Workbook:
    book = Workbook()
    _add_table_styles(book)
    sheet = book.active
    sheet.title = document.label
    writer = _SheetWriter(sheet, document)
    for index, width in enumerate(writer.widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width

    writer.full_width_line(document.label, 12)
    for line in document.title_lines:
        writer.full_width_line(line, 16, align="center")
    bureau_row = writer.full_width_line(document.bureau_line, 12, height=30) if document.bureau_line else 0
    writer.table_row(list(document.header), header=True)
    header_row = writer.row
    writer.body()
    if document.signer_line:
        writer.full_width_line(document.signer_line, BODY_SIZE, height=24)
    for note in document.notes:
        writer.full_width_line(note, BODY_SIZE)
    if document.key_line:
        writer.full_width_line(document.key_line, KEY_LINE_SIZE)

    keep_as_text(cell for row in sheet.iter_rows() for cell in row)
    if seal_png and bureau_row and not draft:
        _place_seal(sheet, writer, bureau_row, seal_png, seal_size_mm, document.bureau_line, 12)

    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if document.landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.6
    sheet.oddFooter.center.text = "第 &P 页 共 &N 页"
    if draft:
        sheet.oddHeader.right.text = "草稿"
        sheet.oddHeader.right.size = 20
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    book.properties.title = " ".join([document.label, *document.title_lines])
    book.properties.creator = "liuzhou_gui"
    return book
