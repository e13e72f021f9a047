"""Names for the demo's 五进 units, of the kinds a Liuzhou district actually lists: unique, no numbering.

企业 "柳州市鑫达机械有限公司" with an industry to match, 学校 "柳州市柳南区江滨小学", 社区 "江滨社区",
乡村 "上岭村", 机构 "柳南区拉堡镇卫生院". Drawn from a random.Random, so the same seed gives the same names.
"""

from __future__ import annotations

import random
from collections.abc import Callable

# 字号 (trade names) and what an enterprise of that trade does.
TRADE_NAMES = (
    "鑫达", "宏源", "恒通", "盛华", "龙城", "金桥", "新兴", "华业", "永安", "长青", "联创", "正德", "弘毅", "嘉禾",
    "瑞丰", "天成", "兴旺", "顺发", "佳美", "广源", "东升", "南方", "西江", "鹏程", "华晟", "富民", "信达", "远航",
    "柳众", "桂中", "壮乡", "山水", "百盛", "荣达", "利民", "凯旋", "中源", "汇丰", "卓越", "和泰",
)
TRADES = {
    "汽车配件": "汽车制造", "机械": "机械加工", "钢构": "钢铁冶炼", "化工": "化工", "建材": "建材", "食品": "食品加工",
    "纺织": "纺织", "电子": "电子", "木业": "木材加工", "物流": "物流", "印刷": "印刷", "制药": "医药制造",
}
COMPANY_FORMS = ("有限公司", "有限公司", "有限责任公司", "股份有限公司")
SCHOOL_PLACES = ("江滨", "河东", "白沙", "柳堤", "阳光", "龙城", "潭中", "屏山", "雅儒", "航鹰", "窑埠", "荣军",
                 "文昌", "鹧鸪江", "东环", "西环", "城站", "育才", "实验", "民族")
SCHOOL_KINDS = ("小学", "小学", "中学", "初级中学", "幼儿园", "职业技术学校")
COMMUNITIES = ("江滨", "河东", "白沙", "柳堤", "阳光", "龙城", "潭中", "屏山", "雅儒", "航鹰", "窑埠", "荣军",
               "文昌", "东环", "西环", "城站", "驾鹤", "静兰", "马鞍", "箭盘", "五里亭", "燎原", "映山", "鱼峰")
VILLAGE_FIRST = "东南西北上下新大小高古石龙马凤"
VILLAGE_SECOND = ("岭", "塘", "坡", "寨", "屯", "冲", "洞", "坪", "江", "湾", "山", "田")
TOWNS = ("拉堡", "里雍", "百朋", "成团", "进德", "穿山", "土博", "雒容", "洛埠", "沙塘", "石碑坪", "太阳村",
         "长塘", "大埔", "黄冕", "中渡", "四排", "寨隆", "浮石", "大良", "丹洲", "古宜", "良口", "融水")
CLINICS = ("镇卫生院", "镇卫生院", "社区卫生服务中心", "镇计划生育服务站")


def enterprise(rng: random.Random, taken: set[str]) -> tuple[str, str]:
    """(name, industry); the name is new to `taken`, which it joins."""
    while True:
        trade = rng.choice(tuple(TRADES))
        name = f"柳州市{rng.choice(TRADE_NAMES)}{trade}{rng.choice(COMPANY_FORMS)}"
        if name not in taken:
            taken.add(name)
            return name, TRADES[trade]


def school(rng: random.Random, district: str, taken: set[str]) -> str:
    return _unique(taken, lambda: f"柳州市{district}{rng.choice(SCHOOL_PLACES)}{rng.choice(SCHOOL_KINDS)}")


def community(rng: random.Random, short_name: str, taken: set[str]) -> str:
    return _unique(taken, lambda: f"{short_name}{rng.choice(COMMUNITIES)}社区")


def village(rng: random.Random, taken: set[str]) -> str:
    return _unique(taken, lambda: f"{rng.choice(VILLAGE_FIRST)}{rng.choice(VILLAGE_SECOND)}村")


def institution(rng: random.Random, district: str, taken: set[str]) -> str:
    return _unique(taken, lambda: f"{district}{rng.choice(TOWNS)}{rng.choice(CLINICS)}")


def _unique(taken: set[str], make: Callable[[], str]) -> str:
    while True:
        name = make()
        if name not in taken:
            taken.add(name)
            return name
