"""The "五进" unit list."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain.search import like_pattern
from ..models import Category, District, Unit, UnitKind, unit_category
from .base import Column, ListQuery, text_or_blank


def _first_category():
    return (
        select(func.min(Category.sort_order)).join(unit_category, unit_category.c.category_id == Category.id)
        .where(unit_category.c.unit_id == Unit.id).scalar_subquery()
    )


class UnitList(ListQuery):
    id_column = Unit.__table__.c.id
    columns = (
        Column("县区", District.plan_order, lambda r: r.short_name),
        Column("单位名称", Unit.name_key, lambda r: r.name),  # by pinyin
        Column("单位性质", UnitKind.sort_order, lambda r: r.kind),
        Column("活动分类", _first_category(), lambda r: r.extra("categories")),
        Column("联系人", Unit.contact, lambda r: r.contact),
        Column("联系电话", Unit.phone, lambda r: r.phone),
        Column("职工人数", Unit.worker_count, lambda r: text_or_blank(r.worker_count), align_right=True),
        Column("地址", Unit.address, lambda r: r.address),
    )

    def select_rows(self):
        return (
            select(
                Unit.id, District.short_name, Unit.name, UnitKind.name.label("kind"), Unit.contact, Unit.phone,
                Unit.worker_count, Unit.address,
            )
            .join(District, District.id == Unit.district_id)
            .join(UnitKind, UnitKind.id == Unit.kind_id)
        )

    def count_statement(self):
        return select(func.count(Unit.id)).where(*self.where_clauses())  # the filters need no join

    def where_clauses(self) -> list[Any]:
        f = self.filters
        clauses: list[Any] = [Unit.deleted_at.is_not(None) if f.get("trash") else Unit.deleted_at.is_(None)]
        if f.get("district"):
            clauses.append(Unit.district_id == select(District.id).where(District.name == f["district"])
                           .scalar_subquery())
        if f.get("kind"):
            clauses.append(Unit.kind_id == select(UnitKind.id).where(UnitKind.name == f["kind"]).scalar_subquery())
        if f.get("category"):
            clauses.append(Unit.id.in_(
                select(unit_category.c.unit_id).join(Category, Category.id == unit_category.c.category_id)
                .where(Category.name == f["category"])
            ))
        pattern = like_pattern(f.get("search") or "")
        if pattern:
            clauses.append(Unit.search_key.like(pattern, escape="\\"))
        return clauses

    def extra_values(self, session: Session, ids: list[int]) -> dict[int, dict[str, str]]:
        extra: dict[int, dict[str, str]] = {i: {} for i in ids}
        for unit_id, name in session.execute(
            select(unit_category.c.unit_id, Category.name).join(Category, Category.id == unit_category.c.category_id)
            .where(unit_category.c.unit_id.in_(ids)).order_by(Category.sort_order)
        ):
            values = extra[unit_id]
            values["categories"] = f"{values['categories']}、{name}" if "categories" in values else name
        return extra
