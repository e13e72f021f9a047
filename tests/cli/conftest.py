"""One demo database per test session (filling it takes seconds); tests that write get a copy."""

from __future__ import annotations

from pathlib import Path

import pytest

from liuzhou_gui.services.demo import fill_demo
from liuzhou_gui.storage.backup import copy_database
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.paths import DATA_DIR_ENV

DEMO_SEED = 5


@pytest.fixture(scope="session")
def demo_seed() -> int:
    return DEMO_SEED


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(DATA_DIR_ENV, str(folder / "data"))
        path = folder / "demo.sqlite3"
        db = Database.open(path)
        try:
            fill_demo(db, seed=DEMO_SEED)
        finally:
            db.close()
    return path


@pytest.fixture
def demo_path(demo_master: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database for this test."""
    return copy_database(demo_master, tmp_path / "demo.sqlite3")
