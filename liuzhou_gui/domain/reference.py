"""Reference data of the campaign, transcribed from the city plan (seeds/000_…txt).

Everything here is plain data; storage seeds the database from it and tests compare
the plan's tables against it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

CITY_BUREAU = "柳州市卫生健康委员会"
CITY_OFFICE = "柳州市卫生健康委员会职业健康科"


@dataclass(frozen=True)
class DistrictInfo:
    code: str
    name: str
    short_name: str
    plan_order: int

    @property
    def bureau_name(self) -> str:
        return f"{self.name}卫生健康局"


# Plan order of 附件1.
DISTRICTS: tuple[DistrictInfo, ...] = (
    DistrictInfo("liubei", "柳北区", "柳北", 1),
    DistrictInfo("chengzhong", "城中区", "城中", 2),
    DistrictInfo("yufeng", "鱼峰区", "鱼峰", 3),
    DistrictInfo("liunan", "柳南区", "柳南", 4),
    DistrictInfo("liujiang", "柳江区", "柳江", 5),
    DistrictInfo("liucheng", "柳城县", "柳城", 6),
    DistrictInfo("luzhai", "鹿寨县", "鹿寨", 7),
    DistrictInfo("rongan", "融安县", "融安", 8),
    DistrictInfo("rongshui", "融水苗族自治县", "融水", 9),
    DistrictInfo("sanjiang", "三江侗族自治县", "三江", 10),
)

# Activity categories (活动分类). The first three are planned in 附件1; 其他内容 is only reported.
OCCUPATIONAL = "职业健康"
MENTAL = "心理健康"
CHRONIC = "慢性病管理"
OTHER = "其他内容"
CATEGORIES: tuple[str, ...] = (OCCUPATIONAL, MENTAL, CHRONIC, OTHER)
PLANNED_CATEGORIES: tuple[str, ...] = (OCCUPATIONAL, MENTAL, CHRONIC)

# "五进" unit kinds (单位性质).
UNIT_KINDS: tuple[str, ...] = ("机构", "企业", "学校", "乡村", "社区")

# Expert levels.
LEVEL_REGIONAL = "自治区级"
LEVEL_CITY = "市级"
LEVEL_DISTRICT = "县区级"
EXPERT_LEVELS: tuple[str, ...] = (LEVEL_REGIONAL, LEVEL_CITY, LEVEL_DISTRICT)

# Lecture session status: stored code -> Chinese label.
STATUS_PLANNED = "planned"
STATUS_HELD = "held"
STATUS_CANCELLED = "cancelled"
SESSION_STATUSES: dict[str, str] = {
    STATUS_PLANNED: "计划",
    STATUS_HELD: "已开展",
    STATUS_CANCELLED: "已取消",
}

# 附件1: sessions per planned category for each district (same for all ten in 2025).
DISTRICT_PLAN_2025: dict[str, int] = {OCCUPATIONAL: 5, MENTAL: 2, CHRONIC: 3}

# Subsidised regional-expert lectures (plan section 五（三）): 18 in all.
SUBSIDY_QUOTA_2025: dict[str, int] = {d.short_name: 2 for d in DISTRICTS} | {"城中": 1, "三江": 1}


@dataclass(frozen=True)
class CampaignDefaults:
    """Targets and calendar of one campaign year."""

    year: int
    activity_start: date
    activity_end: date
    experts_deadline: date  # 附件3
    units_deadline: date  # 附件5 and 附件6
    report_deadline: date  # 附件2 and the work summary
    city_min_experts: int = 10
    city_min_sessions: int = 100
    city_min_units: int = 1000
    district_min_sessions: int = 10
    district_min_units: int = 100
    regional_share_min: float = 0.20

    @classmethod
    def for_year(cls, year: int) -> CampaignDefaults:
        """The 2025 calendar moved to another year; the plan repeats yearly."""
        return cls(
            year=year,
            activity_start=date(year, 5, 1),
            activity_end=date(year, 10, 31),
            experts_deadline=date(year, 4, 18),
            units_deadline=date(year, 5, 15),
            report_deadline=date(year, 11, 20),
        )


FIRST_CAMPAIGN_YEAR = 2025


@dataclass(frozen=True)
class RegionalExpert:
    category: str
    name: str
    unit: str
    title: str


_GXZFY = "广西壮族自治区职业病防治研究院"
_GXNK = "广西壮族自治区脑科医院"
_LZCDC = "柳州市疾病预防控制中心"

# 附件4, in the plan's order. 刘芸 is printed "刘  芸" in the plan (spaces pad a two-character
# name to the width of three); the stored name has no spaces, the tables pad as the plan does.
REGIONAL_EXPERTS_2025: tuple[RegionalExpert, ...] = (
    RegionalExpert(OCCUPATIONAL, "杨静", _GXZFY, "副主任医师"),
    RegionalExpert(OCCUPATIONAL, "陈雪冬", _GXZFY, "副主任医师"),
    RegionalExpert(OCCUPATIONAL, "周本建", _GXZFY, "工程师"),
    RegionalExpert(MENTAL, "潘润德", _GXNK, "主任医师"),
    RegionalExpert(MENTAL, "李诗燕", _GXNK, "副主任医师"),
    RegionalExpert(MENTAL, "覃凤琼", _GXNK, "主任护师"),
    RegionalExpert(MENTAL, "潘丽妹", _GXNK, "主任医师"),
    RegionalExpert(MENTAL, "叶凡佩", _GXNK, "主治医师"),
    RegionalExpert(MENTAL, "崔鹏", _GXNK, "副主任医师"),
    RegionalExpert(MENTAL, "杨盼", _GXNK, "副主任医师"),
    RegionalExpert(MENTAL, "罗兰芳", _GXNK, "副主任护师"),
    RegionalExpert(MENTAL, "赵越", _GXNK, "主管护师"),
    RegionalExpert(MENTAL, "邓金兰", _GXNK, "副主任护师"),
    RegionalExpert(MENTAL, "周春", _GXNK, "副主任医师"),
    RegionalExpert(CHRONIC, "覃峰", _GXZFY, "副主任医师/主任"),
    RegionalExpert(CHRONIC, "刘芸", _LZCDC, "副主任医师/慢病所副所长"),
    RegionalExpert(CHRONIC, "陈宁钰", _LZCDC, "副主任医师/慢病所科员"),
)

# Contacts printed in the plan.
CONTACTS: tuple[tuple[str, str], ...] = (
    ("柳州市卫生健康委员会职业健康科", "0772-2868517"),
    ("柳州市职业病防治院（职业健康咨询）", "0772-3608170"),
    ("自治区脑科医院（心理健康咨询）", "0772-3177238"),
    ("柳州市疾控中心（慢性病管理咨询）", "0772-2803691"),
)


@functools.lru_cache(maxsize=256)  # an import asks for the same few names on each of 10,000 rows
def find_district(name: str) -> DistrictInfo | None:
    """Accept the full name (柳南区), short name (柳南), bureau name or code."""
    key = "".join(name.split())
    for district in DISTRICTS:
        if key in (district.name, district.short_name, district.bureau_name, district.code):
            return district
    # Common abbreviations: 三江县, 融水县.
    for district in DISTRICTS:
        if key in (district.short_name + "县", district.short_name + "区"):
            return district
    return None
