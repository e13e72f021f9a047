"""Every field check with good and bad values; messages are Chinese."""

from __future__ import annotations

from datetime import date, time

import pytest

from liuzhou_gui.domain import validation as v
from liuzhou_gui.domain.cards import mask_bank_card
from liuzhou_gui.domain.drafts import ExpertDraft, LectureDraft, UnitDraft
from liuzhou_gui.domain.errors import ValidationError

VALID_USCC = "91450200198230476R"
VALID_CARD_16 = "6228480012345671"
VALID_CARD_19 = "6222020200112233446"


@pytest.mark.parametrize("phone", [
    "0772-2868517", "07722868517", "010-12345678", "0772-2868517-801", "13907721234", "19977200000",
])
def test_good_phone_numbers(phone):
    assert v.check_phone(phone) is None


@pytest.mark.parametrize("phone, phrase", [
    ("2868517", "格式不正确"),
    ("0772-28685", "格式不正确"),
    ("1390772123", "11 位"),
    ("139077212345", "11 位"),
    ("12907721234", "格式不正确"),
    ("0772-2868517x", "格式不正确"),
    ("电话0772-2868517", "格式不正确"),
    ("0772-286851712", "格式不正确"),
])
def test_bad_phone_numbers(phone, phrase):
    message = v.check_phone(phone)
    assert message is not None and phrase in message


def test_an_empty_phone_is_allowed():
    assert v.check_phone("") is None


@pytest.mark.parametrize("typed, stored", [
    ("０７７２－２８６８５１７", "0772-2868517"),
    (" 0772 2868517 ", "07722868517"),  # spaces dropped, dashes kept
    ("１３９０７７２１２３４", "13907721234"),
    ("0772—2868517", "0772-2868517"),
    ("139-0772-1234", "13907721234"),
    ("139 0772 1234", "13907721234"),
    ("(0772)2868517", "0772-2868517"),
    ("（0772）2868517", "0772-2868517"),
    ("0772-2868517-801", "0772-2868517-801"),
])
def test_phone_input_is_normalised(typed, stored):
    assert v.normalize_phone(typed) == stored
    assert v.check_phone(v.normalize_phone(typed)) is None


@pytest.mark.parametrize("typed", [VALID_CARD_16, VALID_CARD_19, "6222 0202 0011 2233 446", "6228-4800-1234-5671"])
def test_good_bank_cards(typed):
    assert v.check_bank_card(v.normalize_bank_card(typed)) is None


@pytest.mark.parametrize("typed, phrase", [
    ("6228480012345672", "校验位"),
    ("6222020200112233445", "校验位"),
    ("6228ABCD12345671", "只能包含数字"),
    ("６２２８４８００１２３４５６７１", None),  # full-width digits are folded, then valid
    ("12345", "12 至 19 位"),
    ("62284800123456710000", "12 至 19 位"),
])
def test_bad_bank_cards(typed, phrase):
    message = v.check_bank_card(v.normalize_bank_card(typed))
    if phrase is None:
        assert message is None
    else:
        assert message is not None and phrase in message


def test_bank_card_mask():
    assert mask_bank_card(VALID_CARD_19) == "6222 **** **** 3446"
    assert mask_bank_card("") == ""
    assert "0112233" not in mask_bank_card(VALID_CARD_19)


@pytest.mark.parametrize("typed", [VALID_USCC, "91450200ma5l8f2q3t", " 91450200MA5L8F2Q3T "])
def test_good_credit_codes(typed):
    cleaned = v.normalize_credit_code(typed)
    assert cleaned == cleaned.upper() and " " not in cleaned
    assert v.check_credit_code(cleaned) is None


@pytest.mark.parametrize("typed, phrase", [
    ("91450200198230476X", "不是有效"),
    ("9145020019823047R", "18 位"),
    ("91450200198230476RR", "18 位"),
    ("91450200198230476!", "不是有效"),
])
def test_bad_credit_codes(typed, phrase):
    message = v.check_credit_code(v.normalize_credit_code(typed))
    assert message is not None and phrase in message


@pytest.mark.parametrize("value, expected", [
    ("120", 120), ("1,200", 1200), ("１２０", 120), (7.0, 7), (0, 0), ("", None), (None, None),
    ("3.5", "应为整数"), (3.5, "应为整数"), ("abc", "应为整数"), (True, "应为整数"),
])
def test_parse_count(value, expected):
    assert v.parse_count(value) == expected


@pytest.mark.parametrize("value, phrase", [
    (0, None), (v.MAX_ATTENDANCE, None), (-1, "负数"), (v.MAX_ATTENDANCE + 1, "不能超过"), (2.5, "整数"),
    (True, "整数"),
])
def test_attendance_bounds(value, phrase):
    message = v.check_count(value, v.MAX_ATTENDANCE)
    assert (message is None) if phrase is None else (phrase in message)


@pytest.mark.parametrize("day, ok", [
    (date(2025, 1, 1), True), (date(2025, 12, 31), True), (date(2024, 12, 31), False), (date(2026, 1, 1), False),
])
def test_dates_inside_the_campaign_year(day, ok):
    message = v.check_date_in_year(day, 2025)
    assert (message is None) == ok
    if not ok:
        assert "2025 年内" in message


def fields_of(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {e.field: e.message for e in exc.value.errors}


def test_expert_required_fields_are_all_reported():
    with pytest.raises(ValidationError) as exc:
        ExpertDraft().clean()
    errors = fields_of(exc)
    assert errors["name"] == "不能为空"
    assert errors["unit"] == "不能为空"
    assert "level" in errors and "categories" in errors
    assert "district" in errors  # not regional, so a district is needed
    assert "姓名：不能为空" in exc.value.message


def test_regional_expert_needs_no_district():
    draft = ExpertDraft(name="杨静", level="自治区级", category="职业健康", unit="广西壮族自治区职业病防治研究院")
    clean = draft.clean()
    assert clean.district is None


@pytest.mark.parametrize("field, limit", [("name", v.MAX_PERSON_NAME), ("unit", v.MAX_UNIT_NAME)])
def test_expert_length_limits(field, limit):
    base = dict(name="韦明", level="市级", category="职业健康", unit="柳州市职业病防治院", district="柳北")
    ExpertDraft(**{**base, field: "名" * limit}).clean()
    with pytest.raises(ValidationError) as exc:
        ExpertDraft(**{**base, field: "名" * 10_000}).clean()
    assert f"不能超过 {limit} 个字" in fields_of(exc)[field]


def test_unit_name_of_ten_thousand_characters_is_refused():
    with pytest.raises(ValidationError) as exc:
        UnitDraft(district="柳北", name="厂" * 10_000, kind="企业", categories=["职业健康"]).clean()
    assert "不能超过" in fields_of(exc)["name"]


@pytest.mark.parametrize("name", ["<b>&", "=1+1", "𠮷野家柳州店", "@SUM(A1)", "A&B<br>"])
def test_markup_formula_and_rare_characters_are_kept_exactly(name):
    clean = UnitDraft(district="柳北", name=name, kind="企业", categories=["职业健康"]).clean()
    assert clean.name == name


def test_rare_character_counts_as_one():
    name = "𠮷" * v.MAX_PERSON_NAME
    ExpertDraft(name=name, level="自治区级", category="职业健康", unit="单位").clean()


def test_unit_draft_errors():
    with pytest.raises(ValidationError) as exc:
        UnitDraft(district="南宁", name="", kind="工厂", categories=["体育"], credit_code="123",
                  phone="12345", worker_count=-3).clean()
    errors = fields_of(exc)
    assert "不是柳州市的县区" in errors["district"]
    assert errors["name"] == "不能为空"
    assert "应为" in errors["kind"]
    assert "不是活动分类" in errors["categories"]
    assert "18 位" in errors["credit_code"]
    assert "phone" in errors
    assert "负数" in errors["worker_count"]


def test_unit_needs_a_category_and_accepts_full_or_short_district():
    with pytest.raises(ValidationError) as exc:
        UnitDraft(district="柳南", name="学校", kind="学校", categories=[]).clean()
    assert fields_of(exc)["categories"] == "至少选择一个"
    for name in ("柳南", "柳南区", "柳南区卫生健康局"):
        assert UnitDraft(district=name, name="学校", kind="学校", categories=["慢病管理"]).clean().district == "柳南区"


def lecture(**changes) -> LectureDraft:
    values = dict(year=2025, district="柳北", held_on=date(2025, 6, 1), place="会议室", unit_ids=[1],
                  categories=["职业健康"], attendance=50, status="held")
    values.update(changes)
    return LectureDraft(**values)


def test_good_lecture():
    clean = lecture(categories=["慢性病管理", "职业健康", "职业健康"], unit_ids=[3, 1, 3]).clean()
    assert clean.categories == ["职业健康", "慢性病管理"]
    assert clean.unit_ids == [3, 1]


@pytest.mark.parametrize("changes, field, phrase", [
    (dict(held_on=date(2024, 6, 1)), "held_on", "2025 年内"),
    (dict(held_on=None), "held_on", "不能为空"),
    (dict(place=""), "place", "不能为空"),
    (dict(attendance=None), "attendance", "不能为空"),
    (dict(attendance=-5), "attendance", "负数"),
    (dict(attendance=v.MAX_ATTENDANCE + 1), "attendance", "不能超过"),
    (dict(unit_ids=[]), "unit_ids", "至少选择一个"),
    (dict(categories=[]), "categories", "至少选择一个"),
    (dict(start_time=time(10), end_time=time(9)), "end_time", "应晚于"),
    (dict(questionnaires=60), "questionnaires", "不能多于"),
    (dict(satisfaction=120.0), "satisfaction", "0 到 100"),
    (dict(status="done"), "status", "应为"),
    (dict(district=""), "district", "不能为空"),
])
def test_bad_lectures(changes, field, phrase):
    with pytest.raises(ValidationError) as exc:
        lecture(**changes).clean()
    assert phrase in fields_of(exc)[field]


def test_planned_lecture_needs_no_attendance_or_units():
    lecture(status="planned", attendance=None, unit_ids=[]).clean()


@pytest.mark.parametrize("value, ok", [
    (None, True), (0, True), (95.5, True), (100, True), (-1, False), (100.1, False), ("好", False),
    (float("nan"), False), (True, False),
])
def test_satisfaction_percentage(value, ok):
    message = v.check_percentage(value)
    assert (message is None) == ok
    if not ok:
        assert "0 到 100" in message


@pytest.mark.parametrize("typed, stored", [
    ("刘  芸", "刘芸"), (" 刘\u3000芸 ", "刘芸"), ("欧阳 修", "欧阳修"), ("阿依古丽·买买提", "阿依古丽·买买提"),
    ("John  Smith", "John Smith"), ("𠮷 田", "𠮷田"), ("王 A", "王 A"),
])
def test_person_names_lose_padding_spaces(typed, stored):
    assert v.clean_person_name(typed) == stored


def test_padded_name_is_the_same_expert():
    base = dict(level="自治区级", category="慢性病管理", unit="柳州市疾病预防控制中心")
    assert ExpertDraft(name="刘  芸", **base).clean().name == "刘芸"


def test_clean_text_folds_exactly_as_nfkc_of_full_width_and_drops_control_characters() -> None:
    """clean_text runs on every imported cell through one translate table; it must equal the plain rule."""
    import unicodedata

    from liuzhou_gui.domain.validation import clean_text

    def by_the_rule(text: str) -> str:
        text = "".join(unicodedata.normalize("NFKC", ch) if "\uff01" <= ch <= "\uff5e" or ch == "\u3000" else ch
                       for ch in text)
        return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc").strip()

    for code in (*range(0, 0x3100), *range(0xFE00, 0x10000), 0x20BB7):
        if 0xD800 <= code <= 0xDFFF:
            continue
        sample = f"　Ａ{chr(code)}b "
        assert clean_text(sample) == by_the_rule(sample), hex(code)
    assert clean_text(None) == "" and clean_text(6) == "6"
