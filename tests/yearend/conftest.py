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


@pytest.fixture
def photo_session(demo_db):
    """(database, id) of the first held session of 柳南 2025, on 2025-…; its date is returned too."""
    from sqlalchemy import select

    from liuzhou_gui.storage.models import District, Lecture

    with demo_db.session() as session:
        lecture = session.scalars(
            select(Lecture).join(Lecture.district)
            .where(District.short_name == "柳南", Lecture.status == "held", Lecture.deleted_at.is_(None))
            .order_by(Lecture.held_on, Lecture.id)
        ).first()
        return demo_db, lecture.id, lecture.held_on
