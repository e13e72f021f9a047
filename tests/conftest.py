"""Shared fixtures: every test gets its own data folder and database under tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.paths import DATA_DIR_ENV


@pytest.fixture(scope="session")
def card_key(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One bank card key for the whole run: every test is on the same PC (so demo copies read their cards)."""
    from liuzhou_gui.storage import card_crypto

    folder = tmp_path_factory.mktemp("card-key")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(DATA_DIR_ENV, str(folder))
        card_crypto.forget_loaded_keys()
        card_crypto.key_state(create=True)
        path = card_crypto.key_path()
    card_crypto.forget_loaded_keys()
    return path


def _install_card_key(key: Path, folder: Path) -> None:
    (folder / "keys").mkdir(mode=0o700, parents=True, exist_ok=True)
    shutil.copy2(key, folder / "keys" / key.name)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, card_key: Path) -> Path:
    """Redirect the per-user data folder so no test touches the real one."""
    from liuzhou_gui.storage import card_crypto

    folder = tmp_path / "data"
    folder.mkdir()
    _install_card_key(card_key, folder)
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    card_crypto.forget_loaded_keys()
    return folder


DEMO_SEED = 5


@pytest.fixture(scope="session")
def demo_seed() -> int:
    return DEMO_SEED


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory, card_key: Path) -> Path:
    """The demo data once per test run (filling takes seconds); tests open copies of it."""
    from liuzhou_gui.services.demo import fill_demo

    folder = tmp_path_factory.mktemp("demo")
    _install_card_key(card_key, folder / "data")
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
