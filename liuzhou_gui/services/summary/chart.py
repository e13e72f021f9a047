"""Sessions by month and category as a PNG bar chart, drawn with Pillow.

Why Pillow: reportlab 5 (which the tables use) renders bitmaps only through rlPyCairo, whose pycairo
has no Linux wheel (every developer machine and CI would compile cairo), and matplotlib with numpy
would add tens of megabytes to the installer for one chart. Pillow is already shipped (seals,
photos), so the chart adds nothing; its text uses the same embedded CJK font file as the PDFs.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from ...domain.reference import CATEGORIES
from ..reports.fonts import main_font_path

BAR_COLOURS = ("#1f5fa8", "#d9822b", "#3a9a5b", "#8c8c8c")
WIDTH, HEIGHT = 1800, 900  # pixels: 15 cm wide at 300 dpi
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 130, 1450, 110, 790


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(main_font_path()), size)


def _step(top: int) -> int:
    """A round step for about five gridlines."""
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000):
        if top / step <= 6:
            return step
    return 1000 * (top // 6000 + 1)


def month_chart_png(by_month: dict[int, dict[str, int]], title: str) -> bytes:
    """`by_month`: month → category → held sessions. May–October always show, empty months too."""
    months = sorted(set(range(5, 11)) | set(by_month))
    values = [[by_month.get(m, {}).get(c, 0) for c in CATEGORIES] for m in months]
    top = max((v for row in values for v in row), default=0)
    step = _step(max(top, 1))
    axis_top = max(step * ((top + step - 1) // step), step)
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    text, small = _font(34), _font(28)
    draw.text(((PLOT_LEFT + PLOT_RIGHT) / 2, 50), title, font=_font(40), fill="black", anchor="mm")
    height = PLOT_BOTTOM - PLOT_TOP
    for value in range(0, axis_top + 1, step):
        y = PLOT_BOTTOM - value * height / axis_top
        draw.line((PLOT_LEFT, y, PLOT_RIGHT, y), fill="#d0d0d0" if value else "black", width=2)
        draw.text((PLOT_LEFT - 15, y), str(value), font=small, fill="black", anchor="rm")
    draw.text((PLOT_LEFT - 90, PLOT_TOP - 50), "场次", font=small, fill="black")
    group = (PLOT_RIGHT - PLOT_LEFT) / len(months)
    bar = group * 0.8 / len(CATEGORIES)
    for index, (month, row) in enumerate(zip(months, values, strict=True)):
        left = PLOT_LEFT + index * group + group * 0.1
        for k, value in enumerate(row):
            if value:
                x = left + k * bar
                y = PLOT_BOTTOM - value * height / axis_top
                draw.rectangle((x + 2, y, x + bar - 2, PLOT_BOTTOM), fill=BAR_COLOURS[k])
                draw.text((x + bar / 2, y - 6), str(value), font=_font(24), fill="black", anchor="mb")
        draw.text((PLOT_LEFT + (index + 0.5) * group, PLOT_BOTTOM + 35), f"{month}月", font=text, fill="black",
                  anchor="mm")
    for k, (category, colour) in enumerate(zip(CATEGORIES, BAR_COLOURS, strict=True)):
        y = PLOT_TOP + 20 + k * 60
        draw.rectangle((PLOT_RIGHT + 40, y, PLOT_RIGHT + 80, y + 36), fill=colour)
        draw.text((PLOT_RIGHT + 95, y + 18), category, font=small, fill="black", anchor="lm")
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(300, 300))
    return out.getvalue()
