"""A photo file from outside made fit to keep: checked, turned upright, shrunk, its date read.

Every file is hostile until checked: its size is looked at before it is read, Pillow's decompression
bomb guard stays on, only JPEG, PNG and HEIC/HEIF are accepted (HEIC through pillow-heif), and what
is kept is a new JPEG of at most LONG_SIDE pixels on the long side without the camera's metadata
(no GPS position leaves the office in a 报送包).
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from ..domain.errors import AppError

MAX_FILE_BYTES = 40 * 1024 * 1024  # a phone's HEIC is 2–5 MB, a camera's JPEG up to ~25 MB
MAX_PIXELS = 100_000_000  # larger is refused before decoding (Pillow's own guard is lower still)
LONG_SIDE = 1600
JPEG_QUALITY = 85
ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "MPO": "JPEG", "HEIF": "HEIC", "HEIC": "HEIC"}
EXIF_IFD = 0x8769
EXIF_DATE_TAKEN = 36867  # DateTimeOriginal
EXIF_DATE = 306  # DateTime, written by some phones instead
_heif_registered: bool | None = None


def heic_supported() -> bool:
    """pillow-heif registers its opener once; a build without it still takes JPEG and PNG."""
    global _heif_registered
    if _heif_registered is None:
        try:
            from pillow_heif import register_heif_opener

            register_heif_opener()
            _heif_registered = True
        except ImportError:
            _heif_registered = False
    return _heif_registered


@dataclass(frozen=True)
class PreparedPhoto:
    data: bytes  # JPEG
    width: int
    height: int
    taken_at: datetime | None
    original_name: str
    source_format: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _taken_at(image: Image.Image) -> datetime | None:
    exif = image.getexif()
    raw = exif.get_ifd(EXIF_IFD).get(EXIF_DATE_TAKEN) or exif.get(EXIF_DATE)
    if not isinstance(raw, str):
        return None
    try:
        return datetime.strptime(raw.strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None


def _refuse(name: str, why: str) -> AppError:
    return AppError(f"“{name}”{why}，未添加。")


def prepare_photo(path: Path) -> PreparedPhoto:
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise AppError(f"无法读取“{name}”：{exc.strerror or exc}") from exc
    if size > MAX_FILE_BYTES:
        raise _refuse(name, f"有 {size / 1024 / 1024:.0f} MB，超过每张照片 {MAX_FILE_BYTES // 1024 // 1024} MB 的上限")
    if size == 0:
        raise _refuse(name, "是空文件")
    heic_supported()
    data = path.read_bytes()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image: Image.Image = Image.open(io.BytesIO(data))
            kind = ACCEPTED_FORMATS.get(image.format or "")
            if kind is None:
                raise _refuse(name, f"是 {image.format} 图片，只能添加 JPG、PNG 或 HEIC 照片")
            if image.width * image.height > MAX_PIXELS:
                raise _refuse(name, f"有 {image.width}×{image.height} 像素，太大")
            taken = _taken_at(image)
            image = ImageOps.exif_transpose(image)  # the camera's rotation, applied to the pixels
            image.thumbnail((LONG_SIDE, LONG_SIDE), Image.Resampling.LANCZOS)
            image = _flattened(image)
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        if isinstance(exc, UnidentifiedImageError):
            raise _refuse(name, "不是照片（只能添加 JPG、PNG 或 HEIC 图片）") from exc
        raise _refuse(name, "像素太多，可能是损坏或恶意的文件") from exc
    except (OSError, ValueError, SyntaxError) as exc:  # truncated or damaged image data
        raise _refuse(name, "已损坏，无法读取") from exc
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)  # no exif=: the metadata is left behind
    return PreparedPhoto(out.getvalue(), image.width, image.height, taken, name[:260], kind)


def _flattened(image: Image.Image) -> Image.Image:
    """RGB for JPEG: transparency on white paper, palettes and greys expanded."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        paper = Image.new("RGB", rgba.size, (255, 255, 255))
        paper.paste(rgba, mask=rgba.getchannel("A"))
        return paper
    return image.convert("RGB")


def date_warning(taken_at: datetime | None, held_on: date, name: str) -> str | None:
    """A photo taken on another day than the session may belong to another session."""
    if taken_at is None or taken_at.date() == held_on:
        return None
    return (f"“{name}”的拍摄日期是 {taken_at:%Y-%m-%d}，与活动日期 {held_on:%Y-%m-%d} 不一致，"
            "请确认是否为本场活动的照片。")
