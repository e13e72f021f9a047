"""Draws the application icon (app_icon.png, app.ico for the Windows bundle): run once, commit the files.

A teal rounded square with a white speech bubble (outreach lectures) holding a green cross (health).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
SIZE = 512


def draw() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((16, 16, SIZE - 16, SIZE - 16), radius=96, fill=(21, 122, 116, 255))
    pen.rounded_rectangle((88, 96, SIZE - 88, SIZE - 150), radius=64, fill=(255, 255, 255, 255))
    pen.polygon([(170, SIZE - 160), (150, SIZE - 80), (250, SIZE - 160)], fill=(255, 255, 255, 255))
    cx, cy, arm, half = SIZE // 2, 232, 92, 30
    cross = (46, 160, 67, 255)
    pen.rectangle((cx - half, cy - arm, cx + half, cy + arm), fill=cross)
    pen.rectangle((cx - arm, cy - half, cx + arm, cy + half), fill=cross)
    return image


def main() -> None:
    image = draw()
    image.resize((256, 256), Image.Resampling.LANCZOS).save(HERE / "app_icon.png")
    image.save(HERE / "app.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])


if __name__ == "__main__":
    main()
