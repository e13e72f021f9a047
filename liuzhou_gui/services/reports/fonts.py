"""Finding and embedding a Chinese TrueType font for the PDFs, with per-character fallback.

reportlab embeds a subset of a TrueType font (.ttf/.ttc); CFF-based OpenType fonts (Noto CJK,
Source Han) are refused by it, and the built-in CID fonts are never embedded, so neither is used.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from ...domain.errors import AppError

MAIN_FONT = "LZCJK0"

# In order of preference: the fonts official documents use on Windows, then common Linux ones.
WINDOWS_FONTS = ("simsun.ttc", "simfang.ttf", "simhei.ttf", "msyh.ttc", "simkai.ttf")
# Fonts with the rarer characters of CJK Extension B (𠮷), tried only when the main font lacks one.
WINDOWS_EXTRA_FONTS = ("simsunb.ttf", "mingliub.ttc")
LINUX_EXTRA_FONTS = (
    "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf",
    "/usr/share/fonts/truetype/hanazono/HanaMinA.ttf",
)
LINUX_FONTS = (
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)


_reportlab_cmap = ttfonts.makeToUnicodeCMap


def _cmap_with_surrogates(fontname: str, subset: list[int]) -> str:
    """reportlab writes 𠮷 (U+20BB7) as <20BB7> in the ToUnicode map; PDF wants UTF-16 (<D842DFB7>).

    Without this the character prints but cannot be searched or copied out of the PDF.
    """
    cmap = _reportlab_cmap(fontname, subset)
    return re.sub(r"<([0-9A-F]{5,6})>$", lambda m: f"<{chr(int(m.group(1), 16)).encode('utf-16-be').hex().upper()}>",
                  cmap, flags=re.MULTILINE)


ttfonts.makeToUnicodeCMap = _cmap_with_surrogates


def _windows_fonts(names: tuple[str, ...]) -> list[Path]:
    if os.name != "nt":  # not `sys.platform`: mypy would then skip the Windows branch on Linux
        return []
    folder = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    return [folder / name for name in names]


def _usable(paths: list[Path]) -> list[Path]:
    unique = []
    for path in paths:
        if path.suffix.lower() in (".ttf", ".ttc") and path.is_file() and path not in unique:
            unique.append(path)
    return unique


@functools.cache
def _listed_chinese_fonts() -> list[Path]:
    """fontconfig's Chinese fonts, asked once (the main font and the fallbacks both look here)."""
    if not shutil.which("fc-list"):
        return []
    try:
        listed = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted(Path(line.split(":")[0].strip()) for line in listed.stdout.splitlines() if line.strip())


def _load(name: str, path: Path) -> tuple[str, frozenset[int]] | None:
    try:
        font = TTFont(name, str(path), subfontIndex=0)
    except (TTFError, OSError, ValueError):
        return None  # a CFF/OTF or damaged file
    pdfmetrics.registerFont(font)
    return name, frozenset(font.face.charToGlyph)


@functools.cache
def _main_font() -> tuple[str, frozenset[int], Path]:
    for path in _usable(_windows_fonts(WINDOWS_FONTS) + [Path(p) for p in LINUX_FONTS] + _listed_chinese_fonts()):
        loaded = _load(MAIN_FONT, path)
        if loaded and ord("职") in loaded[1]:
            return loaded[0], loaded[1], path
    raise AppError(
        "找不到可嵌入 PDF 的中文字体。Windows 请确认已安装“宋体”（simsun.ttc）；"
        "Debian/Ubuntu 请安装 fonts-arphic-uming 或 fonts-wqy-microhei"
        "（sudo apt-get install fonts-arphic-uming）。"
    )


class _Fallbacks:
    """Other fonts, read one at a time and only until one has the character asked for: big fonts are slow."""

    def __init__(self) -> None:
        self.loaded: list[tuple[str, frozenset[int]]] = []
        self.pending: list[Path] | None = None
        self.answers: dict[int, str | None] = {}

    def font_for(self, code: int) -> str | None:
        if code in self.answers:
            return self.answers[code]
        found = next((name for name, chars in self.loaded if code in chars), None)
        if self.pending is None:
            main_path = _main_font()[2]
            self.pending = [p for p in _usable(
                _windows_fonts(WINDOWS_EXTRA_FONTS + WINDOWS_FONTS)
                + [Path(p) for p in LINUX_EXTRA_FONTS + LINUX_FONTS] + _listed_chinese_fonts()
            ) if p != main_path]
        while found is None and self.pending:
            path = self.pending.pop(0)
            loaded = _load(f"LZCJK{len(self.loaded) + 1}", path)
            if loaded:
                self.loaded.append(loaded)
                found = loaded[0] if code in loaded[1] else None
        self.answers[code] = found
        return found


_fallbacks = _Fallbacks()


def main_font() -> str:
    """The registered name of the main CJK font. Raises AppError (what to install) if there is none."""
    return _main_font()[0]


def main_font_path() -> Path:
    """The file of the main CJK font (the 工作总结 chart draws its labels with it)."""
    return _main_font()[2]


def _font_for(code: int) -> str | None:
    """The font to draw a character the main font lacks, or None if no installed font has it."""
    return _fallbacks.font_for(code)


def missing_characters(text: str) -> list[str]:
    """Characters no installed font can print (they would show as boxes)."""
    main_chars = _main_font()[1]
    return sorted({ch for ch in text if ord(ch) > 0x7F and ord(ch) not in main_chars and not _font_for(ord(ch))})


def is_plain(text: str) -> bool:
    """True when the text prints as it is in the main font: no markup characters, no fallback font."""
    main_chars = _main_font()[1]
    return not any(ch in "&<>\n" or ord(ch) not in main_chars for ch in text)


def markup(text: str) -> str:
    """Escaped Paragraph markup; characters the main font lacks (𠮷) switch to a font that has them."""
    main_chars = _main_font()[1]
    parts: list[str] = []
    for ch in text:
        if ch == "\n":
            parts.append("<br/>")
            continue
        piece = escape(ch)
        code = ord(ch)
        if code > 0x7F and code not in main_chars:
            font = _font_for(code)
            if font:
                piece = f'<font name="{font}">{piece}</font>'
        parts.append(piece)
    return "".join(parts)
