"""Finding and embedding a Chinese TrueType font for the PDFs, with per-character fallback.

reportlab embeds a subset of a TrueType font (.ttf/.ttc); CFF-based OpenType fonts (Noto CJK,
Source Han) are refused by it, and the built-in CID fonts are never embedded, so neither is used.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from ...domain.errors import AppError

MAIN_FONT = "LZCJK0"

# In order of preference: the fonts official documents use on Windows, then common Linux ones.
WINDOWS_FONTS = ("simsun.ttc", "simfang.ttf", "simhei.ttf", "msyh.ttc", "simkai.ttf")
LINUX_FONTS = (
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)


def _candidates() -> list[Path]:
    paths: list[Path] = []
    if sys.platform == "win32":
        folder = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        paths += [folder / name for name in WINDOWS_FONTS]
    paths += [Path(p) for p in LINUX_FONTS]
    if shutil.which("fc-list"):
        try:
            listed = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=10)
            paths += [Path(line.split(":")[0].strip()) for line in listed.stdout.splitlines() if line.strip()]
        except (OSError, subprocess.SubprocessError):
            pass
    unique = []
    for path in paths:
        if path.suffix.lower() in (".ttf", ".ttc") and path.is_file() and path not in unique:
            unique.append(path)
    return unique


@functools.cache
def registered_fonts() -> tuple[tuple[str, frozenset[int]], ...]:
    """(reportlab font name, code points it has), main font first. Raises AppError if none."""
    fonts = []
    for path in _candidates():
        name = f"LZCJK{len(fonts)}"
        try:
            font = TTFont(name, str(path), subfontIndex=0)
        except (TTFError, OSError, ValueError):
            continue  # a CFF/OTF or damaged file
        if ord("职") not in font.face.charToGlyph:
            continue
        pdfmetrics.registerFont(font)
        fonts.append((name, frozenset(font.face.charToGlyph)))
        if len(fonts) >= 3:
            break
    if not fonts:
        raise AppError(
            "找不到可嵌入 PDF 的中文字体。Windows 请确认已安装“宋体”（simsun.ttc）；"
            "Debian/Ubuntu 请安装 fonts-wqy-microhei（sudo apt-get install fonts-wqy-microhei）。"
        )
    return tuple(fonts)


def main_font() -> str:
    return registered_fonts()[0][0]


def markup(text: str) -> str:
    """Escaped Paragraph markup; characters the main font lacks (𠮷) switch to a font that has them."""
    fonts = registered_fonts()
    main_name, main_chars = fonts[0]
    parts: list[str] = []
    for ch in text:
        code = ord(ch)
        if ch == "\n":
            parts.append("<br/>")
            continue
        font = main_name
        if code not in main_chars and code > 0x7F:
            font = next((name for name, chars in fonts[1:] if code in chars), main_name)
        piece = escape(ch)
        if font != main_name:
            piece = f'<font name="{font}">{piece}</font>'
        parts.append(piece)
    return "".join(parts)
