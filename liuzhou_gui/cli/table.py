"""Plain-text tables that line up in a terminal when cells hold Chinese characters.

A CJK character takes two terminal columns, a Latin letter or digit one; str.ljust counts both
as one, so columns drift. Widths here follow unicodedata.east_asian_width (W and F are wide).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

LEFT, RIGHT = "left", "right"
COLUMN_GAP = "  "


def display_width(text: str) -> int:
    """Terminal columns `text` takes: 2 for wide and full-width characters, 0 for combining marks."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def pad(text: str, width: int, align: str = LEFT) -> str:
    """`text` padded with spaces to `width` terminal columns (never cut)."""
    fill = " " * max(0, width - display_width(text))
    return text + fill if align == LEFT else fill + text


def format_table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], align: Sequence[str] | None = None,
    indent: str = "",
) -> str:
    """Headers, a rule and rows; numbers are right-aligned unless `align` says otherwise.

    None cells print as "—". Trailing spaces are stripped from each line.
    """
    cells = [[_cell(value) for value in row] for row in rows]
    for row in cells:
        if len(row) != len(headers):
            raise ValueError(f"row has {len(row)} cells, table has {len(headers)} columns")
    if align is None:
        align = [
            RIGHT if rows and all(isinstance(row[i], int | float) or row[i] is None for row in rows) else LEFT
            for i in range(len(headers))
        ]
    widths = [
        max([display_width(header)] + [display_width(row[i]) for row in cells])
        for i, header in enumerate(headers)
    ]

    def line(values: Sequence[str]) -> str:
        text = COLUMN_GAP.join(pad(value, widths[i], align[i]) for i, value in enumerate(values))
        return (indent + text).rstrip()

    rule = indent + COLUMN_GAP.join("-" * width for width in widths)
    return "\n".join([line(headers), rule, *(line(row) for row in cells)])


def _cell(value: object) -> str:
    if value is None:
        return "—"
    return str(value)
