"""The audit trail: every create, update, delete and restore, with the fields changed."""

from __future__ import annotations

import getpass
import json
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, insert, select
from sqlalchemy.orm import Session

from .models import AuditEntry


def os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no user name in the environment
        return "未知用户"


def local_time(at: datetime) -> datetime:
    """An entry's time as the office clock shows it: SQLite's CURRENT_TIMESTAMP is stored in UTC."""
    return at.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def stored_time(local: datetime) -> datetime:
    """A local time (a filter's day boundary) in the UTC the entries are stored in."""
    return local.astimezone(UTC).replace(tzinfo=None)


# json.dumps(changes, ensure_ascii=False, default=str), its encoder made once (an import writes 10,000).
_CHANGES_JSON = json.JSONEncoder(ensure_ascii=False, default=str)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value changed."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def record(
    session: Session, action: str, entity: str, record_id: int | None, label: str,
    changes: dict[str, list[Any]] | None = None,
) -> None:
    session.add(AuditEntry(
        user=os_user(), action=action, entity=entity, record_id=record_id, label=label[:200],
        changes=_CHANGES_JSON.encode(changes or {}),
    ))


def record_many(session: Session, entries: list[tuple[str, str, int | None, str, dict[str, list[Any]]]]) -> None:
    """(action, entity, record_id, label, changes) for each of many records, in one statement."""
    if not entries:
        return
    user = os_user()
    # On Core: the ORM's bulk insert costs as much again in its bookkeeping (an import writes 10,000).
    session.execute(insert(cast(Table, AuditEntry.__table__)), [
        {"user": user, "action": action, "entity": entity, "record_id": record_id, "label": label[:200],
         "changes": _CHANGES_JSON.encode(changes)}
        for action, entity, record_id, label, changes in entries
    ])


def record_card_reveal(session: Session, expert_id: int | None, label: str) -> None:
    """Someone looked at a full bank card number (one expert's, or a whole list with expert_id None)."""
    record(session, "reveal", "expert", expert_id, label)


def record_card_export(session: Session, table: str, count: int, how: str) -> None:
    """`table` printed `count` full bank card numbers (附件6 unmasked), `how` (打印, 导出为…); never the digits."""
    record(session, "export", "report", None, f"{table}：{count} 个完整银行卡号，{how}")


ACTION_LABELS = {"create": "新增", "update": "修改", "delete": "删除", "restore": "恢复", "import": "导入",
                 "reveal": "查看卡号", "export": "导出卡号",  # full bank card numbers
                 "submit": "报送", "receive": "收到报送", "review": "审核"}
ENTITY_LABELS = {
    "expert": "专家", "unit": "五进单位", "lecture": "科普活动", "campaign": "活动年度", "district": "县区",
    "report": "报表", "submission": "报送", "directive": "下发包", "setting": "设置", "trusted_key": "签名密钥",
    "photo": "活动图片",
}
# Attribute names of the drafts, as the user knows them.
FIELD_LABELS = {
    "name": "名称", "level": "专家级别", "category": "分类", "categories": "活动分类", "unit": "所在单位",
    "title": "职称/职务", "district": "县区", "phone": "联系电话", "bank_card": "个人银行卡号", "group": "分组",
    "note": "备注", "kind": "单位性质", "credit_code": "统一社会信用代码", "address": "地址", "contact": "联系人",
    "industry": "行业", "worker_count": "职工人数", "year": "年度", "held_on": "日期", "start_time": "开始时间",
    "end_time": "结束时间", "place": "地点", "units": "覆盖单位", "experts": "授课专家", "topic": "主题",
    "attendance": "覆盖人数", "organiser": "组织单位", "status": "状态", "questionnaires": "回收问卷数",
    "satisfaction": "满意度", "subsidised": "补助场次", "copied_from": "复制自年度", "reporter": "填报人",
    "reporter_phone": "填报人电话", "seal_file": "公章图片", "bureau": "所属单位", "fingerprint": "密钥指纹",
    "stage": "报送环节", "digest": "校验码", "decision": "审核结果", "reason": "退回原因", "changes": "改动项数",
    "experts_deadline": "专家名单截止", "units_deadline": "单位名单与授课计划截止", "report_deadline": "开展情况截止",
    "questionnaires_out": "发放问卷数", "very_satisfied": "非常满意", "satisfied": "满意", "neutral": "一般",
    "dissatisfied": "不满意", "opinions": "主要意见和建议", "score_before": "活动前知识得分",
    "score_after": "活动后知识得分", "photo": "活动图片", "caption": "图片说明",
}


def entries(
    session: Session, *, entity: str | None = None, action: str | None = None,
    since: datetime | None = None, until: datetime | None = None, text: str | None = None,
) -> list[AuditEntry]:
    """Newest first, filtered as the audit view and the command line ask."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).where(
        *entry_filters(entity=entity, action=action, since=since, until=until, text=text)
    )
    return list(session.scalars(query))


def entry_filters(
    *, entity: str | None = None, action: str | None = None,
    since: datetime | None = None, until: datetime | None = None, text: str | None = None,
) -> list[ColumnElement[bool]]:
    """The WHERE clauses of `entries`; the audit page's model pages through the same selection."""
    clauses: list[ColumnElement[bool]] = []
    if entity:
        clauses.append(AuditEntry.entity == entity)
    if action:
        clauses.append(AuditEntry.action == action)
    if since:
        clauses.append(AuditEntry.at >= since)
    if until:
        clauses.append(AuditEntry.at < until)
    if text:
        clauses.append(AuditEntry.label.contains(text) | AuditEntry.changes.contains(text))
    return clauses


def describe_changes(entry: AuditEntry) -> str:
    """字段：旧值 → 新值；… in one line."""
    changes = json.loads(entry.changes or "{}")
    return "；".join(
        f"{FIELD_LABELS.get(field, field)}：{_shown(old)} → {_shown(new)}" for field, (old, new) in changes.items()
        if _shown(old) != _shown(new)  # None → "" is no change a reader can see
    )


def _shown(value: Any) -> str:
    return "（空）" if value in (None, "", []) else str(value)
