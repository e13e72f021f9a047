"""A TableDocument as an A4 PDF: title and header on every page, wrapped cells, page numbers, seal.

The seal is drawn last on its page (onPageEnd), over the "（盖章）" text and the table lines, as a
stamp sits on top of the printed sheet.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, LongTable, PageTemplate, Paragraph, Spacer, TableStyle

from .document import KEY_LINE_SIZE, SEAL_MARK, TableDocument
from .fonts import is_plain, main_font, markup
from .seal import seal_aspect

MARGIN = 15 * mm
TITLE_SIZE = 16
BODY_SIZE = 10.5  # 五号, the size of the plan's tables
BODY_LEADING = BODY_SIZE * 1.35
TOP_PADDING, BOTTOM_PADDING = 3, 4  # of table cells
CELL_PADDING = 12  # reportlab's default left and right padding of a table cell, 6 points each
LABEL_SIZE = 12
DRAFT_TEXT = "草稿"


@dataclass
class PdfOptions:
    seal_png: bytes | None = None  # transparent seal, see seal.transparent_seal
    seal_size_mm: float = 42.0
    draft: bool = False


class _SealSpot:
    """Where "（盖章）" was drawn: page number and centre, filled in while the page is laid out."""

    def __init__(self) -> None:
        self.page: int | None = None
        self.centre: tuple[float, float] = (0.0, 0.0)


class BureauLine(Flowable):
    """"XX卫生健康局（盖章）" on one line, remembering where （盖章） landed for the seal."""

    def __init__(self, text: str, spot: _SealSpot, size: float = LABEL_SIZE) -> None:
        super().__init__()
        self.text, self.spot, self.size = text, spot, size
        self.paragraph = Paragraph(markup(text), ParagraphStyle("bureau", fontName=main_font(), fontSize=size,
                                                                 leading=size * 1.5))

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = self.paragraph.wrap(available_width, available_height)
        return self.width, self.height

    def draw(self) -> None:
        self.paragraph.drawOn(self.canv, 0, 0)
        if SEAL_MARK in self.text:
            before = self.text.rpartition(SEAL_MARK)[0]
            offset = stringWidth(before, main_font(), self.size) + stringWidth(SEAL_MARK, main_font(), self.size) / 2
            x, y = self.canv.absolutePosition(offset, self.height - self.size * 0.75)
            self.spot.page = self.canv.getPageNumber()
            self.spot.centre = (x, y)


def _numbered_canvas(total_label: Callable[[int, int], str], font: str) -> type[pdf_canvas.Canvas]:
    """A canvas that knows the page count when it writes each page's number (two passes over states)."""

    class NumberedCanvas(pdf_canvas.Canvas):
        def __init__(self, *args, **kwargs) -> None:
            # Otherwise every page names Helvetica, a font that is not embedded.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or font
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            count = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                width, _ = self._pagesize
                self.setFont(font, 9)
                self.drawCentredString(width / 2, MARGIN / 2, total_label(self._pageNumber, count))
                super().showPage()
            super().save()

    return NumberedCanvas


def _styles() -> dict[str, ParagraphStyle]:
    font = main_font()
    return {
        "label": ParagraphStyle("label", fontName=font, fontSize=LABEL_SIZE, leading=LABEL_SIZE * 1.4),
        "title": ParagraphStyle("title", fontName=font, fontSize=TITLE_SIZE, leading=TITLE_SIZE * 1.4,
                                alignment=TA_CENTER),
        "center": ParagraphStyle("center", fontName=font, fontSize=BODY_SIZE, leading=BODY_LEADING,
                                 alignment=TA_CENTER, wordWrap="CJK"),
        "left": ParagraphStyle("left", fontName=font, fontSize=BODY_SIZE, leading=BODY_LEADING,
                               alignment=TA_LEFT, wordWrap="CJK"),
        "note": ParagraphStyle("note", fontName=font, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.5,
                               wordWrap="CJK"),
        "key": ParagraphStyle("key", fontName=font, fontSize=KEY_LINE_SIZE, leading=KEY_LINE_SIZE * 1.4,
                              wordWrap="CJK", textColor=colors.Color(0.3, 0.3, 0.3)),
    }


def _cell(text: str, align: str, width: float, styles: dict[str, ParagraphStyle]) -> str | Paragraph:
    """A plain string where it fits on one line in the main font (ten times cheaper to lay out than a
    Paragraph); a wrapping Paragraph for long text and for characters that need another font."""
    if is_plain(text) and stringWidth(text, main_font(), BODY_SIZE) <= width - CELL_PADDING:
        return text
    return Paragraph(markup(text), styles["left" if align == "left" else "center"])


def _row_heights(rows: list[list], spans: list[list[int]], widths: list[float]) -> list[float]:
    """Heights worked out once: reportlab would otherwise re-measure every remaining row at each page
    break. A cell spanning rows only grows the last row of its span when the span is too short."""
    padding = TOP_PADDING + BOTTOM_PADDING
    single_line = BODY_LEADING + padding
    heights = []
    for row, row_spans in zip(rows, spans, strict=True):
        height = single_line
        for cell, span, width in zip(row, row_spans, widths, strict=True):
            if isinstance(cell, Paragraph) and span == 1:
                height = max(height, cell.wrap(width - CELL_PADDING, 10_000)[1] + padding)
        heights.append(height)
    for r, row in enumerate(rows):
        for cell, span, width in zip(row, spans[r], widths, strict=True):
            if isinstance(cell, Paragraph) and span > 1:
                needed = cell.wrap(width - CELL_PADDING, 10_000)[1] + padding
                short_by = needed - sum(heights[r:r + span])
                if short_by > 0:
                    heights[r + span - 1] += short_by
    return heights


def _table(document: TableDocument, width: float, styles: dict[str, ParagraphStyle]) -> LongTable:
    total = sum(document.widths)
    widths = [width * w / total for w in document.widths]
    header = [_cell(text, "center", widths[c], styles) for c, text in enumerate(document.header)]
    body = []
    commands: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), main_font()),  # the plain-string cells, and empty covered ones
        ("FONTSIZE", (0, 0), (-1, -1), BODY_SIZE),
        ("LEADING", (0, 0), (-1, -1), BODY_LEADING),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), TOP_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), BOTTOM_PADDING),
    ]
    left_columns = set()
    for r, row in enumerate(document.rows, start=1):
        cells: list[str | Paragraph] = []
        for c, cell in enumerate(row):
            if cell is None:
                cells.append("")
                continue
            span_width = sum(widths[c:c + cell.colspan])
            cells.append(_cell(cell.text, cell.align, span_width, styles))
            if cell.align == "left":
                left_columns.add(c)
            if cell.rowspan > 1 or cell.colspan > 1:
                commands.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
        body.append(cells)
    commands += [("ALIGN", (c, 1), (c, -1), "LEFT") for c in sorted(left_columns)]
    rows = [header, *body]
    spans = [[1] * len(header)] + [[cell.rowspan if cell else 1 for cell in row] for row in document.rows]
    # A merged group (附件3's 县区 over every row) can be taller than a page: it may then be split inside
    # a row. Elsewhere rows stay whole, so a page never ends on a sliver of a row.
    has_spans = any(span > 1 for row_spans in spans for span in row_spans)
    table = LongTable(rows, colWidths=widths, rowHeights=_row_heights(rows, spans, widths), repeatRows=1,
                      splitByRow=1, splitInRow=1 if has_spans else 0)
    table.setStyle(TableStyle(commands))
    return table


def render_pdf(document: TableDocument, options: PdfOptions | None = None,
               spot_out: list[tuple[int, tuple[float, float, float, float]]] | None = None) -> bytes:
    """`spot_out`, when given, receives (page index, box) of the seal drawn, for a signature field."""
    options = options or PdfOptions()
    font = main_font()
    styles = _styles()
    page_size = landscape(A4) if document.landscape else portrait(A4)
    page_width, page_height = page_size
    spot = _SealSpot()
    buffer = io.BytesIO()

    title_paragraphs = [Paragraph(markup(line), styles["title"]) for line in document.title_lines]
    label = Paragraph(markup(document.label), styles["label"])
    content_width = page_width - 2 * MARGIN
    title_height = label.wrap(content_width, page_height)[1] + 6
    for paragraph in title_paragraphs:
        title_height += paragraph.wrap(content_width, page_height)[1]
    title_height += 8

    def draw_title(canvas: pdf_canvas.Canvas, _doc: BaseDocTemplate) -> None:
        # The title block repeats on every page, as the plan's multi-page tables do when printed.
        y = page_height - MARGIN
        height = label.wrap(content_width, page_height)[1]
        label.drawOn(canvas, MARGIN, y - height)
        y -= height + 6
        for paragraph in title_paragraphs:
            height = paragraph.wrap(content_width, page_height)[1]
            paragraph.drawOn(canvas, MARGIN, y - height)
            y -= height

    def finish_page(canvas: pdf_canvas.Canvas, _doc: BaseDocTemplate) -> None:
        if options.draft:
            _draw_draft_mark(canvas, page_width, page_height)
        elif options.seal_png and spot.page == canvas.getPageNumber():
            _draw_seal(canvas, options.seal_png, options.seal_size_mm * mm, spot.centre)

    frame = Frame(MARGIN, MARGIN, content_width, page_height - 2 * MARGIN - title_height,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc = BaseDocTemplate(
        buffer, pagesize=page_size, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN, title=" ".join([document.label, *document.title_lines]),
        author="柳州市“十百千”职业健康科普宣传活动管理", creator="liuzhou_gui",
        pageTemplates=[PageTemplate("table", [frame], onPage=draw_title, onPageEnd=finish_page)],
    )
    story: list[Flowable] = []
    if document.bureau_line:
        story += [BureauLine(document.bureau_line, spot), Spacer(1, 4)]
    story.append(_table(document, content_width, styles))
    if document.signer_line:
        story += [Spacer(1, 8), Paragraph(markup(document.signer_line), styles["note"])]
    if document.notes:
        story.append(Spacer(1, 6))
        story += [Paragraph(markup(note), styles["note"]) for note in document.notes]
    if document.key_line:
        story += [Spacer(1, 4), Paragraph(markup(document.key_line), styles["key"])]
    doc.build(story, canvasmaker=_numbered_canvas(lambda n, m: f"第 {n} 页 共 {m} 页", font))
    if spot_out is not None and spot.page is not None and options.seal_png and not options.draft:
        size = options.seal_size_mm * mm
        x, y = spot.centre
        height = size * seal_aspect(options.seal_png)
        spot_out.append((spot.page - 1, (x - size / 2, y - height / 2, x + size / 2, y + height / 2)))
    return buffer.getvalue()


def _draw_seal(canvas: pdf_canvas.Canvas, png: bytes, size: float, centre: tuple[float, float]) -> None:
    height = size * seal_aspect(png)
    x, y = centre
    canvas.drawImage(ImageReader(io.BytesIO(png)), x - size / 2, y - height / 2, width=size, height=height,
                     mask="auto")


def _draw_draft_mark(canvas: pdf_canvas.Canvas, width: float, height: float) -> None:
    canvas.saveState()
    canvas.setFillColor(colors.Color(0.6, 0.6, 0.6, alpha=0.35))
    canvas.setFont(main_font(), 120)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(35)
    canvas.drawCentredString(0, -40, DRAFT_TEXT)
    canvas.restoreState()
