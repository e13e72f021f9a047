"""Where the app keeps its files."""

from __future__ import annotations

import sys

import pytest

from liuzhou_gui.storage import paths


def test_the_environment_variable_moves_the_data_folder(tmp_path, monkeypatch):
    target = tmp_path / "便携 数据"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(target))
    assert paths.data_dir() == target and target.is_dir()
    assert paths.default_db_path() == target / "liuzhou.sqlite3"


@pytest.mark.skipif(sys.platform == "win32", reason="XDG layout is checked on Linux")
def test_default_folder_is_the_per_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(paths.DATA_DIR_ENV)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert paths.data_dir() == tmp_path / "xdg" / "liuzhou_gui"


def test_backups_and_seals_live_beside_the_database(tmp_path):
    db_path = tmp_path / "其他" / "campaign.sqlite3"
    db_path.parent.mkdir()
    assert paths.backups_dir(db_path) == (tmp_path / "其他" / "backups").resolve()
    assert paths.seals_dir(db_path) == (tmp_path / "其他" / "seals").resolve()
    assert paths.backups_dir(db_path).is_dir() and paths.seals_dir(db_path).is_dir()


def test_readonly_uri_escapes_awkward_folder_names(tmp_path):
    uri = paths.sqlite_readonly_uri(tmp_path / "a #1?" / "b%20.sqlite3", immutable=True)
    assert uri.startswith("file:///") and uri.endswith("?mode=ro&immutable=1")
    assert "#" not in uri and uri.count("?") == 1
