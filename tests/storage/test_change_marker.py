"""The change marker: another connection's commit is seen at the next look, reads and nothing are not."""

from __future__ import annotations

import time

from sqlalchemy import select

from liuzhou_gui.domain.drafts import UnitDraft
from liuzhou_gui.operations import records
from liuzhou_gui.storage.change_marker import ChangeMarker
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.models import Unit


def test_a_commit_elsewhere_is_seen_once_and_reads_are_not_changes(db, db_target) -> None:
    marker = ChangeMarker(db)
    try:
        assert marker.changed() is False  # the first look primes it
        assert marker.changed() is False
        other_pc = Database.open(db_target)
        try:
            records.save_unit(other_pc, UnitDraft(district="柳北", name="柳州钢铁集团", kind="企业",
                                                  categories=["职业健康"]))
        finally:
            other_pc.close()
        assert marker.changed() is True
        assert marker.changed() is False
        with db.session() as session:
            session.scalars(select(Unit)).all()
        assert marker.changed() is False
        with db.transaction():  # a transaction that wrote nothing
            pass
        assert marker.changed() is False
    finally:
        marker.close()


def test_a_look_costs_next_to_nothing(db) -> None:
    marker = ChangeMarker(db)
    try:
        started = time.perf_counter()
        for _ in range(1000):
            marker.changed()
        assert (time.perf_counter() - started) < 1.0  # about 15 µs each here; polled every few seconds
    finally:
        marker.close()


def test_a_closed_marker_says_nothing_changed(db) -> None:
    marker = ChangeMarker(db)
    marker.close()
    marker.close()
    assert marker.changed() is False
