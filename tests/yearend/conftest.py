"""A private copy of the demo database per test, and small builders of evaluated sessions and photos."""

from __future__ import annotations

from pathlib import Path

import pytest

from liuzhou_gui.storage.backup import copy_database
from liuzhou_gui.storage.database import Database


@pytest.fixture
def demo_db(demo_master: Path, tmp_path: Path):
    database = Database.open(copy_database(demo_master, tmp_path / "demo.sqlite3"))
    yield database
    database.close()
