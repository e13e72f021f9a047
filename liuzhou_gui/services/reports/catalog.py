"""What tables there are: numbers, titles, which are per district, formats. No heavy imports, so the
command line and the 报表 page can list them without loading the writers."""

from __future__ import annotations

from ...domain.reference import find_district

FORMATS = ("pdf", "xlsx")
SUMMARY = 0  # the city 汇总 table, beside 附件1–6
LEDGER = 7  # a district's 活动台账: every session, in the layout the sessions import reads
CITY_LECTURES = 8  # the city-wide 附件6 for the region (`export 6 --district city`)
SETTLEMENT = 9  # the held subsidised lectures, for payment
SUBMISSIONS = 10  # the 报送情况 matrix
PER_DISTRICT = frozenset({2, 3, 5, 6, LEDGER})
# Tables printing lecturers' bank card numbers (full ones are audited when printed or exported).
CARD_TABLES = frozenset({6, CITY_LECTURES, SETTLEMENT})
# The city office's own tables: printed with the city's seal from 设置.
CITY_SEALED = frozenset({SUMMARY, CITY_LECTURES, SETTLEMENT})
EVALUATION = 11  # 效果评估汇总表: a district's with --district, the city's without
PHOTOS = 12  # 活动图片 appendix: a district's photos (PDF only), or every district's without --district
DISTRICT_OR_CITY = frozenset({EVALUATION, PHOTOS})
PDF_ONLY = frozenset({PHOTOS})
ATTACHMENT_TITLES = {
    1: "附件1 全市计划表",
    2: "附件2 开展情况表",
    3: "附件3 专家名单及分组",
    4: "附件4 自治区级专家名单",
    5: "附件5 “五进”单位名单",
    6: "附件6 自治区级专家授课计划表",
    SUMMARY: "汇总表 全市开展情况汇总",
    LEDGER: "活动台账 科普活动明细",
    CITY_LECTURES: "附件6 全市汇总（报自治区）",
    SETTLEMENT: "授课补助结算清单",
    SUBMISSIONS: "报送情况 各县区报送",
    EVALUATION: "效果评估汇总表",
}


def file_stem_of(number: int, district: str | None, year: int) -> str:
    """The name a table's file gets (e.g. 附件5_柳南区_2025), without building the table: the same
    names as the TableDocument.file_stem the builders in tables.py give (a test keeps them equal)."""
    city_wide = {SUMMARY: "汇总表_全市", CITY_LECTURES: "附件6_全市汇总", SETTLEMENT: "结算清单_全市",
                 SUBMISSIONS: "报送情况_全市"}
    if number in city_wide:
        return f"{city_wide[number]}_{year}"
    if number == 1:
        return f"附件1_全市_{year}"
    if number == 4:
        return f"附件4_自治区级专家_{year}"
    if number == EVALUATION:
        known = find_district(district or "")
        return f"效果评估汇总表_{known.name if known else '全市'}_{year}"
    known = find_district(district or "")
    name = known.name if known else (district or "")
    return f"活动台账_{name}_{year}" if number == LEDGER else f"附件{number}_{name}_{year}"
