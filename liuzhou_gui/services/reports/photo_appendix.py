"""活动图片 appendix: per held session its date, place, topic and units, then its photos two to a page.

Drawn on a canvas page by page (each page: the session's facts, two photos each fitted into half the
page, their captions), so a photo is never split or pushed alone onto a page of its own by a layout
engine.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import Paragraph

from ... import __version__
from ...storage.database import Database
from ...storage.lookups import campaign_for_year, district_by_name
from ...storage.photos import photo_data
from ..photo_listing import SessionPhotos, held_sessions
from .fonts import main_font, markup

MARGIN = 20 * mm
PHOTO_GAP = 6 * mm
CAPTION_HEIGHT = 9 * mm


def _styles() -> dict[str, ParagraphStyle]:
    font = main_font()
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=16, leading=22, alignment=TA_CENTER),
        "facts": ParagraphStyle("facts", fontName=font, fontSize=11, leading=16, wordWrap="CJK"),
        "caption": ParagraphStyle("caption", fontName=font, fontSize=10.5, leading=14, alignment=TA_CENTER,
                                  wordWrap="CJK"),
        "empty": ParagraphStyle("empty", fontName=font, fontSize=12, leading=18, alignment=TA_CENTER),
    }


def _draw(canvas: pdf_canvas.Canvas, paragraph: Paragraph, x: float, top: float, width: float) -> float:
    """Draw with its top at `top`; returns the y below it."""
    _w, height = paragraph.wrap(width, 1000)
    paragraph.drawOn(canvas, x, top - height)
    return top - height


def _facts(item: SessionPhotos, part: int, parts: int) -> str:
    day = f"{item.held_on.year}年{item.held_on.month}月{item.held_on.day}日"
    more = f"（{part}/{parts}）" if parts > 1 else ""
    units = "、".join(item.units) or "—"
    return (f"{item.district} {day}{more}<br/>活动主题：{markup(item.topic or '—')}<br/>"
            f"活动地点：{markup(item.place)}<br/>覆盖单位：{markup(units)}")


def _photo(canvas: pdf_canvas.Canvas, data: bytes, x: float, top: float, width: float, height: float) -> None:
    image = ImageReader(io.BytesIO(data))
    iw, ih = image.getSize()
    scale = min(width / iw, height / ih)
    w, h = iw * scale, ih * scale
    canvas.drawImage(image, x + (width - w) / 2, top - h - (height - h) / 2, w, h)


def render_photo_appendix(db: Database, title: str, sessions: list[SessionPhotos],
                          progress: Callable[[int, int], None] | None = None) -> bytes:
    styles = _styles()
    buffer = io.BytesIO()
    canvas = pdf_canvas.Canvas(buffer, pagesize=A4, initialFontName=main_font(),  # type: ignore[arg-type]  # a font name; types-reportlab says float
                               initialFontSize=10)
    canvas.setTitle(title)
    canvas.setCreator(f"liuzhou_gui {__version__}")
    page_width, page_height = A4
    width = page_width - 2 * MARGIN
    pages = 0

    def finish_page() -> None:
        nonlocal pages
        pages += 1
        canvas.setFont(main_font(), 10)
        canvas.drawCentredString(page_width / 2, MARGIN / 2, f"— {pages} —")
        canvas.showPage()

    if not sessions:
        top = _draw(canvas, Paragraph(markup(title), styles["title"]), MARGIN, page_height - MARGIN, width)
        empty = Paragraph("本年度已开展的活动还没有添加活动图片。", styles["empty"])
        _draw(canvas, empty, MARGIN, top - 20 * mm, width)
        finish_page()
    done = 0
    total = sum(len(s.infos) for s in sessions)
    number = 0
    for item in sessions:
        pairs = [item.infos[i:i + 2] for i in range(0, len(item.infos), 2)]
        for part, pair in enumerate(pairs, start=1):
            top = page_height - MARGIN
            if pages == 0:
                top = _draw(canvas, Paragraph(markup(title), styles["title"]), MARGIN, top, width) - 4 * mm
            top = _draw(canvas, Paragraph(_facts(item, part, len(pairs)), styles["facts"]), MARGIN, top, width)
            top -= 4 * mm
            box = (top - MARGIN - 2 * CAPTION_HEIGHT - PHOTO_GAP) / 2
            for info in pair:
                number += 1
                with db.session() as session:
                    data = photo_data(session, info.id)
                _photo(canvas, data, MARGIN, top, width, box)
                caption = f"图{number}　{info.caption}" if info.caption else f"图{number}"
                _draw(canvas, Paragraph(markup(caption), styles["caption"]), MARGIN, top - box - 1.5 * mm, width)
                top -= box + CAPTION_HEIGHT + PHOTO_GAP
                done += 1
                if progress:
                    progress(done, total)
            finish_page()
    canvas.save()
    return buffer.getvalue()


def photo_appendix_pdf(db: Database, district: str | None, year: int | None,
                       progress: Callable[[int, int], None] | None = None) -> tuple[str, bytes]:
    """(file stem, PDF bytes) of a district's appendix, or every district's without `district`."""
    sessions = held_sessions(db, district, year, with_infos=True, only_with_photos=True)
    with db.session() as session:
        year_found = campaign_for_year(session, year).year
        who = district_by_name(session, district).name if district else "全市"
    title = f"{who}“十百千”职业健康科普宣传活动图片（{year_found}年度）"
    return f"活动图片_{who}_{year_found}", render_photo_appendix(db, title, sessions, progress)
