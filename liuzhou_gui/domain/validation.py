"""Field checks with Chinese messages. Each check returns a message, or None when the value is fine.

Plain Python: no Qt, no SQL. The same checks serve forms, imports and the command line.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Annotated

from stdnum import luhn
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError as StdnumError

from .cards import is_unreadable
from .cards import mask_bank_card as mask_bank_card  # still importable from here, where it used to live

# Length limits, in characters (a rare character such as 𠮷 counts as one).
MAX_PERSON_NAME = 30
MAX_UNIT_NAME = 100
MAX_TITLE = 50
MAX_GROUP = 30
MAX_PLACE = 200
MAX_TOPIC = 200
MAX_ADDRESS = 200
MAX_INDUSTRY = 50
MAX_NOTE = 500
MAX_PHONE = 30

# A session of more than this many people is almost certainly a typing error.
MAX_ATTENDANCE = 20_000
MAX_WORKERS = 1_000_000

LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
BANK_CARD_LENGTHS = range(12, 20)


# clean_text's folding as one table for str.translate (an import cleans hundreds of thousands of cells):
# full-width ASCII (U+FF01–FF5E) and the ideographic space to their NFKC forms, control characters
# other than newline and tab removed.
_CLEAN_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: " "} | {
    code: None for code in (*range(0x00, 0x20), *range(0x7F, 0xA0)) if chr(code) not in "\n\t"
}


# Any character of the table: most cells have none, and a search is cheaper than a translation.
_NEEDS_CLEANING = re.compile("[" + "".join(re.escape(chr(code)) for code in _CLEAN_TABLE) + "]")


def clean_text(value: object) -> str:
    """Trim, fold full-width ASCII to half-width, and drop control characters.

    Ideographs and rare characters (𠮷) are left exactly as typed.
    """
    if value is None:
        return ""
    text = str(value)
    if _NEEDS_CLEANING.search(text) is None:
        return text.strip()
    return text.translate(_CLEAN_TABLE).strip()


def clean_person_name(value: object) -> str:
    """A person's name: Chinese names lose the spaces that pad them in printed tables ("刘  芸" is 刘芸),
    other names keep single spaces between their parts."""
    text = clean_text(value)
    parts = text.split()
    if all(_is_cjk_name_part(part) for part in parts):
        return "".join(parts)
    return " ".join(parts)


def _is_cjk_name_part(part: str) -> bool:
    return all((unicodedata.category(ch) == "Lo" and not ch.isascii()) or ch in "·•" for ch in part)


def check_required(value: str) -> str | None:
    return "不能为空" if not value else None


def check_length(value: str, limit: int) -> str | None:
    if len(value) > limit:
        return f"不能超过 {limit} 个字（现有 {len(value)} 个）"
    return None


def normalize_phone(value: str) -> str:
    """Fold full-width digits, drop spaces, unify dashes; 139-0772-1234 and (0772)2868517 are common."""
    text = re.sub(r"[\s－—–]+", lambda m: "-" if m.group().strip() else "", clean_text(value))
    if MOBILE_RE.match(text.replace("-", "")):
        return text.replace("-", "")
    bracketed = re.fullmatch(r"\((0\d{2,3})\)-?(\d{7,8}(?:-\d{1,6})?)", text)
    if bracketed:
        return f"{bracketed.group(1)}-{bracketed.group(2)}"
    return text


def check_phone(value: str) -> str | None:
    """A landline such as 0772-2868517 or an 11-digit mobile number."""
    if not value:
        return None
    if LANDLINE_RE.match(value) or MOBILE_RE.match(value):
        return None
    digits = re.sub(r"\D", "", value)
    if digits.startswith("1") and len(digits) != 11:
        return f"手机号码应为 11 位数字，现为 {len(digits)} 位"
    return "格式不正确，应为固定电话（如 0772-2868517）或 11 位手机号码"


def normalize_bank_card(value: str) -> str:
    if is_unreadable(value):
        return value  # kept as stored: nothing to normalise or check (domain.cards)
    return re.sub(r"[\s-]", "", clean_text(value))


def check_bank_card(value: str) -> str | None:
    if not value:
        return None
    if not value.isdigit() or not value.isascii():
        return "只能包含数字"
    if len(value) not in BANK_CARD_LENGTHS:
        return f"应为 12 至 19 位数字，现为 {len(value)} 位"
    if not luhn.is_valid(value):
        return "校验位不正确，请核对卡号是否抄错"
    return None


def normalize_credit_code(value: str) -> str:
    return clean_text(value).upper().replace(" ", "")


def check_credit_code(value: str) -> str | None:
    """统一社会信用代码 (GB 32100-2015), checked with python-stdnum."""
    if not value:
        return None
    if len(value) != 18:
        return f"应为 18 位，现为 {len(value)} 位"
    try:
        uscc.validate(value)
    except StdnumError:
        return "不是有效的统一社会信用代码（校验位不符或含非法字符）"
    return None


# A number field of a draft as typed or imported: the number, or text (or a fraction where a count
# belongs) that clean() then refuses with the field's name, rather than a box that silently drops it.
Typed = int | float | str | None
# The fields so typed, with what clean() leaves in them: a package from another installation carries
# clean data and is checked against that second type (services.exchange.package_content).
Count = Annotated[Typed, int | None]
Percent = Annotated[Typed, float | None]


def cleaned_count(value: Typed) -> int | None:
    """A count of a draft after clean(), which refuses anything else."""
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise TypeError(f"count not cleaned: {value!r}")
    return value


def cleaned_percent(value: Typed) -> float | None:
    """A percentage of a draft after clean(), as cleaned_count."""
    if isinstance(value, str):
        raise TypeError(f"percentage not cleaned: {value!r}")
    return value


def check_count(value: object, upper: int, *, required: bool = False) -> str | None:
    if value is None:
        return "不能为空" if required else None
    if isinstance(value, bool) or not isinstance(value, int):
        return "应为整数"
    if value < 0:
        return "不能为负数"
    if value > upper:
        return f"不能超过 {upper}"
    return None


def parse_count(value: object) -> int | str | None:
    """Turn typed or imported input into an int; a str result is the error message."""
    if value is None or (isinstance(value, str) and not clean_text(value)):
        return None
    if isinstance(value, bool):
        return "应为整数"
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else "应为整数"
    text = clean_text(value).replace(",", "").replace("，", "")
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    return "应为整数"


def check_date_in_year(value: date | None, year: int) -> str | None:
    if value is None:
        return "不能为空"
    if value.year != year:
        return f"应在 {year} 年内（活动年度），现为 {value.isoformat()}"
    return None


def check_percentage(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:  # NaN
        return "应为 0 到 100 之间的数字（百分比）"
    if not 0 <= value <= 100:
        return "应在 0 到 100 之间（百分比）"
    return None


def check_score(value: object) -> str | None:
    """A knowledge-test score out of 100 (活动前/后知识得分)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:  # NaN
        return "应为 0 到 100 之间的分数"
    if not 0 <= value <= 100:
        return "应在 0 到 100 分之间"
    return None
