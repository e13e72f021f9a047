"""Shared fixtures: every test gets its own data folder and database under tmp_path (or, for the
`postgresql` variant of a test in a directory that runs on both engines, a fresh server database)."""

from __future__ import annotations

import inspect
import shutil
from pathlib import Path

import pytest
from pg_engines import (
    new_pg_database,
    pg_database,
    pg_demo_database,
    pg_demo_template,
    pg_template,
    require_server_under_ci,
)

from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.paths import DATA_DIR_ENV

# Fixtures, shared with every directory.
__all__ = ["new_pg_database", "pg_database", "pg_demo_database", "pg_demo_template", "pg_template"]


def pytest_configure(config: pytest.Config) -> None:
    require_server_under_ci()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test about the SQLite file itself (its header, lock, WAL, backups beside it) keeps only its
    SQLite variant where its directory runs both engines: deselected, not skipped. Such a test is
    marked sqlite_only, or asks for `db_path` (the file) by name."""
    kept, dropped = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        on_server = callspec is not None and callspec.params.get("engine") == "postgresql"
        about_file = item.get_closest_marker("sqlite_only") is not None or "db_path" in _own_arguments(item)
        (dropped if on_server and about_file else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def _own_arguments(item: pytest.Item) -> set[str]:
    function = getattr(item, "function", None)
    return set(inspect.signature(function).parameters) if function is not None else set()


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
def engine() -> str:
    """SQLite only, unless a directory's conftest.py says `engine = both_engines` (tests/pg_engines.py)."""
    return "sqlite"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "campaign.sqlite3"


@pytest.fixture
def db_target(engine: str, db_path: Path, request: pytest.FixtureRequest) -> Path | str:
    """What `Database.open` takes for this test's database: the file, or the server database's address."""
    if engine == "postgresql":
        return str(request.getfixturevalue("pg_database"))
    return db_path


@pytest.fixture
def db(db_target: Path | str):
    database = Database.open(db_target)
    yield database
    database.close()
