"""Many units written at once (an import): each draft cleaned once, every row, key and audit entry as a
single save would write them."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy import select

from liuzhou_gui.domain import drafts
from liuzhou_gui.domain.drafts import CleanUnitDraft, UnitDraft
from liuzhou_gui.domain.errors import ValidationError
from liuzhou_gui.domain.search import sort_key, unit_key
from liuzhou_gui.storage import audit, units
from liuzhou_gui.storage.models import AuditEntry, Unit


def typed(name: str = " 覃氏 机械厂 ", **changes) -> UnitDraft:
    values = dict(district="柳南", name=name, kind="企业", categories=["心理健康", "职业健康"],
                  address="柳南区航鹰大道１号", contact="覃  芳", phone="0772—3608170", worker_count=25)
    return UnitDraft(**values | changes)


def test_a_cleaned_draft_is_not_cleaned_again(monkeypatch):
    clean = typed().clean()
    assert isinstance(clean, CleanUnitDraft) and clean.name == "覃氏 机械厂" and clean.district == "柳南区"
    assert clean.contact == "覃芳" and clean.address == "柳南区航鹰大道1号"
    assert clean.categories == ["职业健康", "心理健康"]
    checked = []
    monkeypatch.setattr(drafts.v, "clean_text", lambda value: checked.append(value) or str(value))
    assert clean.clean() is clean and checked == []


def test_a_cleaned_draft_changed_afterwards_is_checked_again():
    clean = typed().clean()
    clean.name = "厂" * 101
    with pytest.raises(ValidationError, match="单位名称"):
        clean.clean()
    listed = typed().clean()
    listed.categories.append("打麻将")
    with pytest.raises(ValidationError, match="打麻将"):
        listed.clean()
    copied = replace(typed().clean(), name="  乙厂 ")
    assert copied.clean() is not copied and copied.clean().name == "乙厂"


def test_bulk_units_are_written_as_single_saves_write_them(db):
    with db.transaction() as session:
        single = units.save_unit(session, typed("覃氏单厂"))
        ids = units.add_units(session, [typed("覃氏甲厂"), typed("覃氏乙厂").clean()])
    with db.session() as session:
        rows = {unit.name: unit for unit in session.scalars(select(Unit))}
        entries = {entry.label: json.loads(entry.changes) for entry in session.scalars(select(AuditEntry))}
        assert single.id not in ids and len(ids) == 2
        for name in ("覃氏甲厂", "覃氏乙厂"):
            unit = rows[name]
            assert unit.search_key == unit_key(name, unit.address, unit.contact, unit.industry)
            assert "qsjc" in unit.search_key or "qsyc" in unit.search_key  # 覃 read qin, as in Liuzhou
            assert unit.name_key == sort_key(name)
            assert [c.name for c in unit.categories] == ["职业健康", "心理健康"]
            assert unit.contact == "覃芳" and unit.phone == "0772-3608170" and unit.worker_count == 25
            assert unit.version == rows["覃氏单厂"].version == 1  # the first version, as a single save gives
            clean = typed(name).clean()
            view = units.draft_view(clean)
            assert entries[name] == json.loads(json.dumps(audit.diff({}, view), ensure_ascii=False, default=str))
            assert set(entries[name]) == set(entries["覃氏单厂"])  # nothing more, nothing less than a single save


def test_a_bad_draft_refuses_the_whole_batch(db):
    with pytest.raises(ValidationError, match="职工人数"), db.transaction() as session:
        units.add_units(session, [typed("好厂"), typed("坏厂", worker_count="很多")])
    with db.session() as session:
        assert session.scalars(select(Unit)).first() is None
