"""Reference data: district names in every form users type them."""

from __future__ import annotations

import pytest

from liuzhou_gui.domain.reference import (
    DISTRICT_PLAN_2025,
    DISTRICTS,
    REGIONAL_EXPERTS_2025,
    SUBSIDY_QUOTA_2025,
    CampaignDefaults,
    find_district,
)


@pytest.mark.parametrize("typed, full", [
    ("柳南区", "柳南区"), ("柳南", "柳南区"), ("柳南区卫生健康局", "柳南区"), ("liunan", "柳南区"),
    ("融水", "融水苗族自治县"), ("融水县", "融水苗族自治县"), ("融水苗族自治县", "融水苗族自治县"),
    ("三江县", "三江侗族自治县"), (" 三 江 ", "三江侗族自治县"), ("城中区", "城中区"),
])
def test_find_district(typed, full):
    found = find_district(typed)
    assert found is not None and found.name == full


@pytest.mark.parametrize("typed", ["", "柳州", "柳州市", "南宁", "柳", "区"])
def test_unknown_districts(typed):
    assert find_district(typed) is None


def test_plan_figures_add_up():
    assert len(DISTRICTS) == 10
    assert [d.plan_order for d in DISTRICTS] == list(range(1, 11))
    assert sum(DISTRICT_PLAN_2025.values()) == 10
    assert sum(SUBSIDY_QUOTA_2025.values()) == 18
    assert len(REGIONAL_EXPERTS_2025) == 17
    assert len({(e.name, e.unit) for e in REGIONAL_EXPERTS_2025}) == 17


def test_campaign_calendar_moves_with_the_year():
    dates = CampaignDefaults.for_year(2027)
    assert (dates.experts_deadline.isoformat(), dates.units_deadline.isoformat(), dates.report_deadline.isoformat()) \
        == ("2027-04-18", "2027-05-15", "2027-11-20")
    assert (dates.activity_start.month, dates.activity_end.month) == (5, 10)
