"""A demo database per test session, a private copy per test, and a red seal scanned on white paper."""

from __future__ import annotations

from pathlib import Path

import pytest
from pg_engines import both_engines
from PIL import Image, ImageDraw

from liuzhou_gui.storage.backup import copy_database
from liuzhou_gui.storage.database import Database

engine = both_engines  # the report tests run on SQLite and on PostgreSQL (tests/pg_engines.py)


@pytest.fixture
def demo_db(engine: str, demo_master: Path, tmp_path: Path, request: pytest.FixtureRequest):
    if engine == "postgresql":
        target: Path | str = request.getfixturevalue("pg_demo_database")
    else:
        target = copy_database(demo_master, tmp_path / "demo.sqlite3")
    database = Database.open(target)
    yield database
    database.close()


@pytest.fixture(scope="session")
def seal_scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Like a scanner's output: a red ring and star on an off-white page, as JPEG-ish RGB without alpha."""
    image = Image.new("RGB", (600, 600), (250, 249, 246))
    draw = ImageDraw.Draw(image)
    draw.ellipse((60, 60, 540, 540), outline=(205, 28, 32), width=22)
    draw.polygon([(300, 170), (330, 270), (430, 270), (350, 330), (380, 430), (300, 370), (220, 430),
                  (250, 330), (170, 270), (270, 270)], fill=(205, 28, 32))
    path = tmp_path_factory.mktemp("seal") / "公章扫描.png"
    image.save(path)
    return path
