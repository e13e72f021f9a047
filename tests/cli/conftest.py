"""Tests that write get a private copy of the shared demo database (tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from liuzhou_gui.storage.backup import copy_database


@pytest.fixture
def demo_path(demo_master: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database for this test."""
    return copy_database(demo_master, tmp_path / "demo.sqlite3")
