"""工作台: the text on a bar is readable on its colour (issue 12: black on dark green)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from liuzhou_gui.ui.widgets.progress_widgets import progress_bar


def _text_pixels(bar, qtbot) -> list[QColor]:
    """Colours of the pixels that are neither the bar's fill nor its white background: the text."""
    qtbot.addWidget(bar)
    bar.resize(300, 26)
    image = bar.grab().toImage()
    fill = {"#2e7d32", "#3d85c6", "#ffffff"}
    found = []
    for y in range(4, image.height() - 4):
        for x in range(image.width() // 3, 2 * image.width() // 3):  # the centred text
            colour = image.pixelColor(x, y)
            if colour.name() not in fill:
                found.append(colour)
    return found


def test_a_reached_target_has_white_text_on_dark_green(qtbot) -> None:
    pixels = _text_pixels(progress_bar(12, 10, "12 / 10 场"), qtbot)
    assert pixels, "no text drawn"
    light = [c for c in pixels if c.lightness() > 200]
    dark = [c for c in pixels if c.lightness() < 60]
    assert len(light) > len(dark)  # anti-aliased white glyphs, not black ones


def test_a_bar_short_of_its_target_keeps_dark_text(qtbot) -> None:
    pixels = _text_pixels(progress_bar(2, 10, "2 / 10 场"), qtbot)
    assert [c for c in pixels if c.lightness() < 60]
