"""Reading and checking a whole file before anything is written: the import plan."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ...domain.drafts import ExpertDraft, LectureDraft, UnitDraft
from ...domain.errors import AppError, ValidationError
from ...domain.reference import find_district
from ...domain.validation import clean_text
from ...storage.database import Database
from ...storage.lookups import campaign_years
from ...storage.models import District, Expert, Lecture, Unit
from .collector import collector_paused
from .kinds import KINDS, CellError, Kind, expert_draft, session_row, unit_draft
from .workbook import SheetRows, read_rows

# Draft field → import column, where they differ.
FIELD_COLUMNS = {"unit_ids": "units", "expert_ids": "experts", "end_time": "held_on", "start_time": "held_on"}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"第 {self.row} 行" + (f"【{self.column}】" if self.column else "") + f"：{self.message}"


@dataclass(frozen=True)
class Duplicate:
    row: int
    label: str
    existing_id: int


@dataclass
class ImportPlan:
    kind: Kind
    path: Path
    sheet: SheetRows
    drafts: list[tuple[int, Any]] = field(default_factory=list)  # (row, clean draft)
    errors: list[RowError] = field(default_factory=list)
    duplicates: dict[int, Duplicate] = field(default_factory=dict)  # row → existing record

    def error_text(self, limit: int = 50) -> str:
        lines = [str(e) for e in self.errors[:limit]]
        if len(self.errors) > limit:
            lines.append(f"……另有 {len(self.errors) - limit} 处错误")
        return "\n".join(lines)


def _template_examples(kind: Kind, columns: dict[str, int]) -> list[tuple[str, str]]:
    """The template's example values of the columns the sheet has."""
    return [(c.key, c.example) for c in kind.columns if c.example and c.key in columns]


def _is_template_example(examples: list[tuple[str, str]], record: dict[str, Any]) -> bool:
    """The template's grey example row, left in by the user: not data."""
    return bool(examples) and all(clean_text(record[key]) == text for key, text in examples)


def _records(plan: ImportPlan) -> list[tuple[int, dict[str, Any]]]:
    carried: dict[str, Any] = {}
    result = []
    columns = list(plan.sheet.columns.items())
    examples = _template_examples(plan.kind, plan.sheet.columns)  # worked out once, not per row
    for number, values in plan.sheet.rows:
        record = {key: values[index] if index < len(values) else None for key, index in columns}
        if _is_template_example(examples, record):
            continue
        for key in plan.kind.carried_down:
            if key in record and (record[key] is None or str(record[key]).strip() == ""):
                record[key] = carried.get(key)
            elif key in record:
                carried[key] = record[key]
        result.append((number, record))
    return result


def _add_validation(plan: ImportPlan, row: int, exc: ValidationError) -> None:
    for error in exc.errors:
        key = FIELD_COLUMNS.get(error.field, error.field)
        column = plan.kind.title_of(key) if key in plan.sheet.columns else error.label
        plan.errors.append(RowError(row, column, error.message))


def _resolve_session(session: Session, plan: ImportPlan, row: int, record: dict[str, Any],
                     default_district: str | None, years: list[int]) -> LectureDraft | None:
    ledger = session_row(record, default_district)
    info = find_district(ledger.district) if ledger.district else None
    if info is None:
        message = f"“{ledger.district}”不是柳州市的县区" if ledger.district else "不能为空（或用 --district 指定）"
        plan.errors.append(RowError(row, "县区", message))
        return None
    if ledger.held_on.year not in years:
        plan.errors.append(RowError(row, "日期", f"没有 {ledger.held_on.year} 年度的活动，请先在设置中新建该年度"))
        return None
    unit_ids = []
    for name in ledger.unit_names:
        found = session.scalars(select(Unit.id).join(Unit.district).where(
            Unit.name == name, Unit.deleted_at.is_(None), Unit.district.has(code=info.code))).first()
        if found is None:
            plan.errors.append(RowError(row, "单位名称", f"本县区没有名为“{name[:30]}”的五进单位，请先导入单位名单"))
        else:
            unit_ids.append(found)
    expert_ids = []
    for written in ledger.expert_names:
        # "刘伟（柳州市人民医院）": the unit in brackets tells two experts of the same name apart.
        bracketed = re.fullmatch(r"(.+?)[（(](.+)[）)]", written)
        name, unit = (bracketed[1], bracketed[2]) if bracketed else (written, None)
        query = select(Expert.id).where(Expert.name == name, Expert.deleted_at.is_(None))
        if unit:
            query = query.where(Expert.unit == unit)
        matches = session.scalars(query).all()
        if len(matches) != 1:
            reason = "没有这位专家，请先导入专家名单" if not matches else (
                f"有 {len(matches)} 位同名专家，请写成“姓名（所在单位）”或在软件中选择")
            plan.errors.append(RowError(row, "授课专家", f"“{written[:40]}”：{reason}"))
        else:
            expert_ids.append(matches[0])
    return LectureDraft(
        year=ledger.held_on.year, district=info.name, held_on=ledger.held_on, start_time=ledger.start_time,
        place=ledger.place, unit_ids=unit_ids, categories=ledger.categories, expert_ids=expert_ids,
        topic=ledger.topic, attendance=ledger.attendance, status=ledger.status, note=ledger.note,
        subsidised=ledger.subsidised, **ledger.evaluation,
    )


def _identity(kind: str, draft: Any) -> tuple[object, ...]:
    if kind == "experts":
        return (draft.name, draft.unit)
    if kind == "units":
        return (draft.district, draft.name)
    return (draft.district, draft.held_on, draft.place, draft.topic)


def _existing_index(session: Session, kind: str) -> dict[tuple[object, ...], int]:
    """Identity → id of every live record of the kind, read once (10,000 look-ups would be slow)."""
    query: Select[*tuple[Any, ...]]  # the identity's columns, then the id
    if kind == "experts":
        query = select(Expert.name, Expert.unit, Expert.id).where(Expert.deleted_at.is_(None))
    elif kind == "units":
        query = select(District.name, Unit.name, Unit.id).join(Unit.district).where(Unit.deleted_at.is_(None))
    else:
        query = (
            select(District.name, Lecture.held_on, Lecture.place, Lecture.topic, Lecture.id)
            .join(Lecture.district).where(Lecture.deleted_at.is_(None))
        )
    return {tuple(row[:-1]): row[-1] for row in session.execute(query)}


def plan_import(db: Database, kind_name: str, path: Path, default_district: str | None = None) -> ImportPlan:
    """Read and check every row; nothing is written. Errors and duplicates are in the plan."""
    kind = KINDS[kind_name]
    if default_district and find_district(default_district) is None:
        raise AppError(f"没有名为“{default_district}”的县区。")
    titles = [column.title for column in kind.columns if column.required]
    plan = ImportPlan(kind, path, read_rows(path, kind.aliases, kind.required, titles))
    records = _records(plan)
    if not records:
        raise AppError(f"“{path.name}”的表头下面没有数据（模板中的示例行不算）。")
    seen: dict[tuple[object, ...], int] = {}
    with collector_paused(), db.session() as session:
        years = campaign_years(session)
        existing_index = _existing_index(session, kind_name)
        for row, record in records:
            draft: ExpertDraft | UnitDraft | LectureDraft | None
            try:
                if kind_name == "experts":
                    draft = expert_draft(record, default_district)
                elif kind_name == "units":
                    draft = unit_draft(record, default_district)
                else:
                    draft = _resolve_session(session, plan, row, record, default_district, years)
                    if draft is None:
                        continue
                draft = draft.clean()
            except CellError as exc:
                plan.errors.append(RowError(row, kind.title_of(exc.key), str(exc)))
                continue
            except ValidationError as exc:
                _add_validation(plan, row, exc)
                continue
            if any(e.row == row for e in plan.errors[-3:]):
                continue
            identity = _identity(kind_name, draft)
            if identity in seen:
                plan.errors.append(RowError(row, "", f"与第 {seen[identity]} 行重复"))
                continue
            seen[identity] = row
            existing = existing_index.get(identity)
            if existing is not None:
                plan.duplicates[row] = Duplicate(row, " ".join(str(part) for part in identity), existing)
            plan.drafts.append((row, draft))
    return plan
