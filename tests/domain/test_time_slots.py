"""When a lecturer is busy: TimeSlot overlaps and the default length of a session."""

from __future__ import annotations

from datetime import date, time

import pytest

from liuzhou_gui.domain.drafts import TimeSlot, slot_of

DAY = date(2025, 6, 10)


@pytest.mark.parametrize("a, b, overlap", [
    ((time(9), time(11)), (time(10), time(12)), True),
    ((time(9), time(11)), (time(11), time(12)), False),  # back to back
    ((time(9), time(11)), (time(8), time(9)), False),
    ((time(9), time(11)), (time(9, 30), time(10)), True),  # inside
    ((None, None), (time(14), time(15)), True),  # no times: the whole day
    ((time(9), None), (time(10, 30), time(12)), True),  # no end: two hours
    ((time(9), None), (time(11), time(12)), False),
])
def test_overlaps(a, b, overlap):
    first, second = slot_of(DAY, *a), slot_of(DAY, *b)
    assert first.overlaps(second) is overlap
    assert second.overlaps(first) is overlap


def test_other_days_never_overlap():
    assert not TimeSlot(DAY).overlaps(TimeSlot(date(2025, 6, 11)))


@pytest.mark.parametrize("start, end", [
    (time(9), time(11)), (time(22, 30), time(23, 59)), (time(23, 10), time(23, 59)),
])
def test_a_start_without_an_end_lasts_two_hours_at_most_until_midnight(start, end):
    slot = slot_of(DAY, start, None)
    assert slot.end == end
    assert slot.overlaps(slot_of(DAY, time(23, 30), time(23, 45))) is (start >= time(22))
