"""Search keys: text and pinyin initials, kept up to date by the storage save functions."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from liuzhou_gui.domain.drafts import ExpertDraft, LectureDraft, UnitDraft
from liuzhou_gui.domain.search import like_pattern, search_key
from liuzhou_gui.storage.experts import save_expert
from liuzhou_gui.storage.lectures import save_lecture
from liuzhou_gui.storage.models import Lecture
from liuzhou_gui.storage.units import save_unit


def test_key_holds_text_initials_and_full_pinyin() -> None:
    key = search_key("杨静", "柳州 ABC")
    assert "|杨静|yj|yangjing|" in key
    assert "lzabc" in key and "liuzhouabc" in key
    assert search_key("", None) == ""


def test_like_pattern_escapes_wildcards() -> None:
    assert like_pattern(" y j ") == "%yj%"
    assert like_pattern("50%_") == "%50\\%\\_%"
    assert like_pattern("  ") is None


def test_lecture_key_follows_renamed_unit_and_expert(db) -> None:
    with db.transaction() as s:
        unit = save_unit(s, UnitDraft(district="柳南", name="甲公司", kind="企业", categories=["职业健康"]))
        expert = save_expert(s, ExpertDraft(name="杨静", level="市级", category="职业健康", unit="市职防院",
                                            district="柳南"))
        save_lecture(s, LectureDraft(year=2025, district="柳南", held_on=date(2025, 6, 1), place="礼堂",
                                     categories=["职业健康"], unit_ids=[unit.id], expert_ids=[expert.id]))
        unit_id, expert_id = unit.id, expert.id
    with db.session() as s:
        key = s.scalars(select(Lecture.search_key)).one()
    assert "yj" in key and "jgs" in key and "lt" in key
    with db.transaction() as s:
        save_unit(s, UnitDraft(district="柳南", name="乙工厂", kind="企业", categories=["职业健康"]), unit_id)
        save_expert(s, ExpertDraft(name="王芳", level="市级", category="职业健康", unit="市职防院",
                                   district="柳南"), expert_id)
    with db.session() as s:
        key = s.scalars(select(Lecture.search_key)).one()
    assert "ygc" in key and "wf" in key and "jgs" not in key and "yj|" not in key
