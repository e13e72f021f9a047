"""Where the app keeps its files: one per-user data folder (platformdirs)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "liuzhou_gui"
DATA_DIR_ENV = "LIUZHOU_GUI_DATA_DIR"  # lets tests and portable installs move the folder
DB_FILE_NAME = "liuzhou.sqlite3"


def data_dir() -> Path:
    """%LOCALAPPDATA%\\liuzhou_gui on Windows, ~/.local/share/liuzhou_gui on Linux."""
    override = os.environ.get(DATA_DIR_ENV)
    path = Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / DB_FILE_NAME


def keys_dir() -> Path:
    """The user's own keys (the installation's key pair, the bank card key): in the user's profile,
    apart from any database and its backups, so a copied database or backup never carries them along."""
    path = data_dir() / "keys"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def backups_dir(db_path: Path, *, create: bool = True) -> Path:
    """Backups live beside the database they copy, so a --db file keeps its own."""
    path = db_path.resolve().parent / "backups"
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def seals_dir(db_path: Path, *, create: bool = True) -> Path:
    path = db_path.resolve().parent / "seals"
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def received_tables_dir(db_path: Path, year: int, district: str) -> Path:
    """Where the stamped tables of districts' 报送包 are kept for the city, one folder per year and district."""
    return db_path.resolve().parent / "报送包附件" / str(year) / district


def sqlite_readonly_uri(path: Path, *, immutable: bool = False) -> str:
    """A `file:` URI that opens `path` read-only, whatever characters (#, ?, %, spaces) its folders hold."""
    uri = f"{Path(path).resolve().as_uri()}?mode=ro"
    return uri + "&immutable=1" if immutable else uri
