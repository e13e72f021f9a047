"""The expert list; bank card numbers are shown masked unless the user asks (and it is audited)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, literal, or_, select

from ...domain.cards import card_text
from ...domain.reference import LEVEL_REGIONAL
from ...domain.search import like_pattern
from ..card_crypto import stored_card
from ..models import Category, District, Expert
from .base import Column, ListQuery


class ExpertList(ListQuery):
    id_column = Expert.__table__.c.id
    columns = (
        Column("姓名", Expert.name_key, lambda r: r.name),  # by pinyin
        Column("级别", Expert.level, lambda r: r.level),
        Column("县区", func.coalesce(District.plan_order, 0), lambda r: r.short_name or ""),
        Column("分类", Category.sort_order, lambda r: r.category),
        Column("所在单位", Expert.unit, lambda r: r.unit),
        Column("职称/职务", Expert.title, lambda r: r.title),
        Column("联系电话", Expert.phone, lambda r: r.phone),
        # Sorted by having a number or not: the stored ciphertext has no order worth showing.
        Column("个人银行卡号", stored_card(Expert.bank_card) != "",
               lambda r: card_text(r.bank_card, masked=not r.reveal)),
        Column("分组", Expert.group_name, lambda r: r.group_name),
    )

    reveal_cards = False  # bank card numbers in full only while the user asks for it

    def select_rows(self):
        return (
            select(
                Expert.id, Expert.name, Expert.level, District.short_name, Category.name.label("category"),
                Expert.unit, Expert.title, Expert.phone, Expert.bank_card, Expert.group_name,
                literal(self.reveal_cards).label("reveal"),
            )
            .outerjoin(District, District.id == Expert.district_id)
            .join(Category, Category.id == Expert.category_id)
        )

    def where_clauses(self) -> list[Any]:
        f = self.filters
        clauses: list[Any] = [Expert.deleted_at.is_not(None) if f.get("trash") else Expert.deleted_at.is_(None)]
        if f.get("district"):
            # A district sees its own experts and the regional ones who may lecture there.
            clauses.append(or_(District.name == f["district"], Expert.level == LEVEL_REGIONAL))
        if f.get("level"):
            clauses.append(Expert.level == f["level"])
        if f.get("category"):
            clauses.append(Category.name == f["category"])
        pattern = like_pattern(f.get("search") or "")
        if pattern:
            clauses.append(Expert.search_key.like(pattern, escape="\\"))
        return clauses
