"""Shared fixtures: every test gets its own data folder and database under tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.paths import DATA_DIR_ENV


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Redirect the per-user data folder so no test touches the real one."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder


DEMO_SEED = 5


@pytest.fixture(scope="session")
def demo_seed() -> int:
    return DEMO_SEED


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo data once per test run (filling takes seconds); tests open copies of it."""
    from liuzhou_gui.services.demo import fill_demo

    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(DATA_DIR_ENV, str(folder / "data"))
        path = folder / "demo.sqlite3"
        database = Database.open(path)
        try:
            fill_demo(database, seed=DEMO_SEED)
        finally:
            database.close()
    return path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "campaign.sqlite3"


@pytest.fixture
def db(db_path: Path):
    database = Database.open(db_path)
    yield database
    database.close()
