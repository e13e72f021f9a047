"""What tables there are: numbers, titles, which are per district, formats. No heavy imports, so the
command line and the 报表 page can list them without loading the writers."""

from __future__ import annotations

FORMATS = ("pdf", "xlsx")
SUMMARY = 0  # the city 汇总 table, beside 附件1–6
LEDGER = 7  # a district's 活动台账: every session, in the layout the sessions import reads
PER_DISTRICT = frozenset({2, 3, 5, 6, LEDGER})
EVALUATION = 8  # 效果评估汇总表: a district's with --district, the city's without
PHOTOS = 9  # 活动图片 appendix: a district's photos (PDF only), or every district's without --district
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
    EVALUATION: "效果评估汇总表",
    PHOTOS: "活动图片（佐证材料，PDF）",
}
