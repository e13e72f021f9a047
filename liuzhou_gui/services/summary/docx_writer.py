"""Blocks of the 工作总结 as a .docx laid out as GB/T 9704-2012 asks (python-docx; opens in WPS and Word).

A4; margins 37 mm top, 35 bottom, 28 left, 26 right; the body 仿宋_GB2312 三号 (16 pt) with a fixed
line pitch of 22 lines a page and 28 characters a line; the title 方正小标宋简体 二号 (Word and WPS put
宋体 in its place where it is not installed); 一、 headings 黑体, （一） headings 楷体_GB2312; page numbers
"— 1 —" in 宋体 四号 (a PAGE field), odd pages on the right and even pages on the left, one character
in from the edge; the office and the date at the end, where the seal goes.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ... import __version__
from .content import PROMPT_CLOSE, PROMPT_OPEN, Block

TITLE_FONT, BODY_FONT, H1_FONT, H2_FONT, PAGE_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"
TITLE_SIZE, BODY_SIZE, PAGE_SIZE, TABLE_SIZE, WIDE_TABLE_SIZE = 22, 16, 14, 14, 10.5  # 二号, 三号, 四号, 四号, 五号
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
# 297 - 37 - 35 = 225 mm of text height for 22 lines: a pitch of 28.95 pt (579 twentieths of a point).
LINE_PITCH = Pt(28.95)
DOC_FORMAT_VERSION = "工作总结草稿 格式 1"  # in the file's properties: which layout wrote it


def _font(run: Run, name: str, size: float, *, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), name)


def _fixed(paragraph: Paragraph, *, indent: bool = False) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(BODY_SIZE * 2)  # two characters


def _add_text(paragraph: Paragraph, text: str, font: str, size: float) -> None:
    """Text with its 【请填写：…】 prompts highlighted, so none is sent on unfilled."""
    rest = text
    while rest:
        start = rest.find(PROMPT_OPEN)
        if start < 0:
            _font(paragraph.add_run(rest), font, size)
            break
        end = rest.find(PROMPT_CLOSE, start)
        end = len(rest) if end < 0 else end + len(PROMPT_CLOSE)
        if start:
            _font(paragraph.add_run(rest[:start]), font, size)
        marked = paragraph.add_run(rest[start:end])
        _font(marked, font, size)
        marked.font.highlight_color = WD_COLOR_INDEX.YELLOW
        rest = rest[end:]


def _page_field(paragraph: Paragraph) -> None:
    """"— N —" with N a PAGE field, so Word and WPS number every page themselves."""
    _font(paragraph.add_run("— "), PAGE_FONT, PAGE_SIZE)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        _font(run, PAGE_FONT, PAGE_SIZE)
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            run._element.append(element)
        elif text == " PAGE ":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
            run._element.append(element)
        else:
            run.text = text or ""
    _font(paragraph.add_run(" —"), PAGE_FONT, PAGE_SIZE)


def _page_setup(document: DocxDocument) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.footer_distance = Mm(28 - 7)  # the number's line sits about 7 mm below the text block
    # The grid Word and WPS snap to: 22 lines × 28 characters.
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(int(LINE_PITCH.pt * 20)))
    grid.set(qn("w:charSpace"), "0")
    document.settings.odd_and_even_pages_header_footer = True
    for footer, align, side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
                                (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        setattr(paragraph.paragraph_format, f"{side}_indent", Pt(PAGE_SIZE))  # 空一字
        _page_field(paragraph)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(BODY_SIZE)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = LINE_PITCH
    normal.paragraph_format.space_after = Pt(0)


def _table(document: DocxDocument, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    size = TABLE_SIZE if len(rows[0]) <= 5 else WIDE_TABLE_SIZE  # the ranking's eight columns in 五号
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            _font(paragraph.add_run(value), H1_FONT if r == 0 else BODY_FONT, size)


def render_docx(blocks: list[Block], *, title: str, author: str) -> bytes:
    document = Document()
    _page_setup(document)
    for block in blocks:
        if block.kind == "title":
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            paragraph.paragraph_format.line_spacing = Pt(36)
            paragraph.paragraph_format.space_after = LINE_PITCH  # one empty line under the title
            _font(paragraph.add_run(block.text), TITLE_FONT, TITLE_SIZE)
        elif block.kind in ("para", "addressee", "h1", "h2", "attachment_label"):
            paragraph = document.add_paragraph()
            _fixed(paragraph, indent=block.kind in ("para", "h1", "h2"))
            font = {"h1": H1_FONT, "h2": H2_FONT, "attachment_label": H1_FONT}.get(block.kind, BODY_FONT)
            _add_text(paragraph, block.text, font, BODY_SIZE)
        elif block.kind == "chart":
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            # Single spacing: Word clips a picture to an exact line height.
            paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            paragraph.add_run().add_picture(io.BytesIO(block.image), width=Mm(150))
            caption = document.add_paragraph()
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _fixed(caption)
            _add_text(caption, block.extra, H2_FONT, 14)
        elif block.kind == "table":
            _table(document, block.rows)
        elif block.kind == "signature":
            for _ in range(2):  # room for the seal above the name
                _fixed(document.add_paragraph())
            for text in (block.text, block.extra):
                paragraph = document.add_paragraph()
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                _fixed(paragraph)
                paragraph.paragraph_format.right_indent = Pt(BODY_SIZE * 4)  # 右空四字
                _add_text(paragraph, text, BODY_FONT, BODY_SIZE)
        elif block.kind == "page_break":
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    properties = document.core_properties
    properties.title, properties.author = title[:255], author
    properties.comments = f"liuzhou_gui {__version__}；{DOC_FORMAT_VERSION}"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
