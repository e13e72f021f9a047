"""What a typed date means (DateEntry), and bad input for it."""

from __future__ import annotations

from datetime import date

import pytest

from liuzhou_gui.ui.widgets.entry_widgets import parse_typed_date

TODAY = date(2025, 3, 31)


@pytest.mark.parametrize(("typed", "expected"), [
    ("2024", date(2024, 3, 31)),
    ("2024-6", date(2024, 6, 30)),  # the 31st does not exist in June: the month's last day
    ("2024-2", date(2024, 2, 29)),
    ("2024/06/01", date(2024, 6, 1)),
    ("2024.6.1", date(2024, 6, 1)),
    ("20240601", date(2024, 6, 1)),
    ("2024年6月1日", date(2024, 6, 1)),
    ("2024-", date(2024, 3, 31)),
    ("2024-6-1-", date(2024, 6, 1)),
])
def test_typed_dates(typed: str, expected: date) -> None:
    assert parse_typed_date(typed, TODAY) == expected


@pytest.mark.parametrize("typed", ["", "20", "202", "2024-13", "2024-2-30", "0001", "=1+1",
                                   "<b>&", "𠮷", "9" * 10_000])
def test_not_a_date(typed: str) -> None:
    assert parse_typed_date(typed, TODAY) is None
