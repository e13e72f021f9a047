"""Reading exported tables back: PDF text, fonts, images with their positions; Excel cells and images."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader
from pypdf.generic import ContentStream

MM = 72 / 25.4


def pdf_pages_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def pdf_text(path: Path) -> str:
    """All text with line breaks and spaces removed, so wrapped cells read as typed."""
    return "".join("".join(text.split()) for text in pdf_pages_text(path))


def pdf_fonts(path: Path) -> list[dict]:
    """Each font resource of each page: base name and whether the font file is embedded."""
    fonts = []
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            fonts.append({"name": str(font["/BaseFont"]), "embedded": "/FontFile2" in descriptor})
    return fonts


@dataclass
class PlacedImage:
    page: int
    x: float
    y: float
    width: float
    height: float

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.width / 2, self.y + self.height / 2


def pdf_images(path: Path) -> list[PlacedImage]:
    """Images drawn with reportlab's `q w 0 0 h x y cm /Name Do Q`."""
    reader = PdfReader(path)
    placed = []
    for number, page in enumerate(reader.pages, start=1):
        matrix = None
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"cm":
                matrix = [float(v) for v in operands]
            elif operator == b"Do" and matrix:
                placed.append(PlacedImage(number, matrix[4], matrix[5], matrix[0], matrix[3]))
    return placed


def pdf_line_origin(path: Path, contains: str, page: int = 0) -> tuple[float, float]:
    """Where the text line holding `contains` starts on the page (x, baseline y)."""
    found: list[tuple[float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font, _size) -> None:
        if contains in text and not found:
            found.append((cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3]))

    PdfReader(path).pages[page].extract_text(visitor_text=visit)
    assert found, f"no text line with {contains!r}"
    return found[0]


def xlsx_rows(path: Path) -> list[list[str]]:
    sheet = load_workbook(path).active
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def xlsx_body(path: Path, header: list[str]) -> list[list[str]]:
    """The bordered rows below the header row: the table's body as an Excel user sees it."""
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows())
    start = next(i for i, row in enumerate(rows) if [c.value for c in row[:len(header)]] == header) + 1
    body = []
    for row in rows[start:]:
        if row[0].border.left.style is None:
            break
        body.append(["" if c.value is None else str(c.value) for c in row[:len(header)]])
    return body
