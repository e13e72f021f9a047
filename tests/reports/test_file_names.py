"""A table's file name is known without building it, and is the name the built table carries."""

from __future__ import annotations

import pytest

from liuzhou_gui.domain.reference import DISTRICTS
from liuzhou_gui.services.consolidation import HEADERS, summary_rows
from liuzhou_gui.services.reports.catalog import ATTACHMENT_TITLES, LEDGER, PER_DISTRICT, SUMMARY, file_stem_of
from liuzhou_gui.services.reports.tables import build_attachment, summary_table


@pytest.mark.parametrize("number", sorted(ATTACHMENT_TITLES))
def test_the_name_without_building_is_the_built_tables_name(db, number: int) -> None:
    for district in (DISTRICTS[0], DISTRICTS[-1]):
        name = district.name if number in PER_DISTRICT else None
        if number == SUMMARY:
            year, rows = summary_rows(db, 2025)
            built = summary_table(year, [row.cells() for row in rows], HEADERS).file_stem
        else:
            with db.session() as session:
                built = build_attachment(session, number, name, 2025).file_stem
        assert file_stem_of(number, name, 2025) == built
        # Any spelling of the district names the same file.
        if name:
            assert file_stem_of(number, district.short_name, 2025) == built


def test_the_ledger_and_odd_input() -> None:
    assert file_stem_of(LEDGER, "柳南", 2025) == "活动台账_柳南区_2025"
    assert file_stem_of(5, "不存在的县", 2025) == "附件5_不存在的县_2025"
