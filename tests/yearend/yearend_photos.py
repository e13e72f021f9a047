"""Photos as phones and cameras write them, for the tests of the evidence photos."""

from __future__ import annotations

from pathlib import Path


def camera_jpeg(path: Path, *, size=(4000, 3000), orientation: int = 1, taken: str | None = "2025:06:18 10:15:00",
                colour=(30, 120, 200), gps: bool = False) -> Path:
    """A photo as a phone writes it: landscape pixels, an EXIF rotation, the date taken, maybe a GPS position.

    The left half is red and the right half `colour`, so a test can tell whether it was turned."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, colour)
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 2, size[1]), fill=(220, 20, 20))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "TestCam"
    if taken:
        exif.get_ifd(0x8769)[36867] = taken
    if gps:
        exif.get_ifd(0x8825)[2] = (24.0, 19.0, 0.0)
    image.save(path, "JPEG", exif=exif.tobytes(), quality=90)
    return path

