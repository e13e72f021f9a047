"""The bureau's seal image, made ready to print over "（盖章）".

A seal is usually a scan: red ink on white paper. White must become transparent so the text and the
table lines show through, as they do under a real stamp; the ink keeps its colour.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from PIL import Image, ImageChops, UnidentifiedImageError

from ...domain.errors import AppError

# Below this opacity a pixel is paper grain or scanner noise, not ink.
NOISE_ALPHA = 40


@functools.lru_cache(maxsize=8)
def _transparent_png(path: str, mtime_ns: int) -> bytes:
    try:
        with Image.open(path) as opened:
            image = opened.convert("RGBA")
    except (OSError, UnidentifiedImageError) as exc:
        raise AppError(f"公章图片“{path}”无法读取，请在设置中重新选择 PNG 或 JPG 图片。") from exc
    _red, green, blue, alpha = image.split()
    # Ink is where green or blue is missing (red ink lacks both; black ink lacks all three).
    ink = ImageChops.invert(ImageChops.darker(green, blue))
    ink = ink.point(lambda v: 0 if v < NOISE_ALPHA else v)
    image.putalpha(ImageChops.darker(ink, alpha))
    bbox = image.getchannel("A").getbbox()
    if bbox is None:
        raise AppError(f"公章图片“{path}”中没有可见的印章（整张图是白色或透明的）。")
    buffer = io.BytesIO()
    image.crop(bbox).save(buffer, format="PNG")
    return buffer.getvalue()


def transparent_seal(path: Path) -> bytes:
    """PNG bytes of the seal with a transparent background, cropped to the ink."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as exc:
        raise AppError(f"找不到公章图片“{path}”，请在设置中重新选择。") from exc
    return _transparent_png(str(path), stamp)


def seal_aspect(png: bytes) -> float:
    """Height divided by width."""
    with Image.open(io.BytesIO(png)) as image:
        return image.height / image.width
