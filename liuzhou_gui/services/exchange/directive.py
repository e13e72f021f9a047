"""The 下发包 (city → districts): the year's campaign (targets, quotas, deadlines), the regional experts
with their contact details, the city-level experts and the group serving each district, and the city's
decisions on the districts' submissions.

A district previews what would change, then applies it in one transaction. Applying the same file twice
changes nothing; an older one after a newer one is refused; what the district typed itself is never
overwritten (an expert's blank fields are filled in, filled ones are left alone).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ... import __version__
from ...domain.drafts import ExpertDraft
from ...domain.errors import AppError, ValidationError
from ...domain.reference import LEVEL_CITY, LEVEL_REGIONAL, find_district
from ...domain.stages import DECISIONS, STAGE_BY_CODE
from ...storage import audit
from ...storage import submissions as submission_store
from ...storage.campaigns import add_campaign
from ...storage.database import Database
from ...storage.experts import save_expert
from ...storage.lookups import campaign_for_year, campaign_years, category_by_name, district_by_name, districts
from ...storage.migrations import head_revision
from ...storage.models import AppliedDirective, Expert, PlanTarget, Setting, Submission, SubsidyQuota
from ..installation import BUREAU_KEY
from .directive_file import read_directive_file, write_directive_file

CAMPAIGN_DATES = ("activity_start", "activity_end", "experts_deadline", "units_deadline", "report_deadline")
CAMPAIGN_NUMBERS = ("city_min_experts", "city_min_sessions", "city_min_units", "district_min_sessions",
                    "district_min_units", "regional_share_min_permille")
FIELD_LABELS = {
    "activity_start": "活动开始", "activity_end": "活动结束", "experts_deadline": "专家名单截止",
    "units_deadline": "单位名单与授课计划截止", "report_deadline": "开展情况与工作总结截止",
    "city_min_experts": "全市专家下限", "city_min_sessions": "全市场次下限", "city_min_units": "全市覆盖单位下限",
    "district_min_sessions": "县区场次下限", "district_min_units": "县区覆盖单位下限",
    "regional_share_min_permille": "自治区专家授课占比下限（‰）",
}
EXPERT_FILLABLE = (("title", "职称/职务"), ("phone", "联系电话"), ("group_name", "分组"))


# ---- the city writes it ---------------------------------------------------------------------------

def _expert_record(e: Expert) -> dict[str, Any]:
    return {"name": e.name, "unit": e.unit, "category": e.category.name, "level": e.level, "title": e.title,
            "phone": e.phone, "group_name": e.group_name, "district": e.district.name if e.district else None}


def collect_directive(session: Session, year: int | None, district: str | None = None) -> dict[str, Any]:
    campaign = campaign_for_year(session, year)
    only = district_by_name(session, district) if district else None
    names = {d.id: d.name for d in districts(session)}
    wanted = [only.id] if only else list(names)
    targets: dict[str, dict[str, int]] = {}
    for t in session.scalars(select(PlanTarget).where(PlanTarget.campaign_id == campaign.id)):
        if t.district_id in wanted:
            targets.setdefault(names[t.district_id], {})[t.category.name] = t.sessions
    experts = session.scalars(
        select(Expert).where(Expert.deleted_at.is_(None), Expert.level.in_((LEVEL_REGIONAL, LEVEL_CITY)))
        .options(selectinload(Expert.category), selectinload(Expert.district)).order_by(Expert.list_order, Expert.id)
    ).all()
    decisions = session.scalars(
        select(Submission).where(Submission.year == campaign.year, Submission.decision.is_not(None),
                                 Submission.district_id.in_(wanted)).order_by(Submission.id)
    ).all()
    return {
        "year": campaign.year,
        "district": only.name if only else None,
        "campaign": {**{f: getattr(campaign, f).isoformat() for f in CAMPAIGN_DATES},
                     **{f: getattr(campaign, f) for f in CAMPAIGN_NUMBERS}},
        "targets": targets,
        "quotas": {names[q.district_id]: q.lectures for q in campaign.quotas if q.district_id in wanted},
        "regional_experts": [_expert_record(e) for e in experts if e.level == LEVEL_REGIONAL],
        "city_experts": [_expert_record(e) for e in experts
                         if e.level == LEVEL_CITY and (not only or e.district_id in (None, only.id))],
        "decisions": [
            {"district": names[s.district_id], "stage": s.stage, "created_at": s.created_at.isoformat(),
             "content_sha256": s.content_sha256, "file_name": s.file_name, "counts": s.counts,
             "decision": s.decision, "reason": s.reason,
             "decided_at": s.decided_at.isoformat() if s.decided_at else None}
            for s in decisions
        ],
    }


def export_directive(db: Database, output: Path, year: int | None = None, *, district: str | None = None,
                     now: datetime | None = None) -> dict[str, Any]:
    """Write the 下发包 (for every district, or for one); returns the manifest shown in clear."""
    with db.session() as session:
        data = collect_directive(session, year, district)
    manifest = {"year": data["year"], "district": data["district"],
                "created_at": (now or datetime.now()).replace(microsecond=0).isoformat(),
                "app_version": __version__, "schema_version": head_revision(),
                "counts": {"experts": len(data["regional_experts"]) + len(data["city_experts"]),
                           "decisions": len(data["decisions"])}}
    write_directive_file(output, manifest, data)
    return manifest


# ---- a district applies it ------------------------------------------------------------------------

@dataclass
class DirectivePlan:
    year: int
    created_at: datetime
    digest: str
    file_name: str
    lines: list[str] = field(default_factory=list)  # what would change, one Chinese line each
    already_applied: bool = False
    signer_fingerprint: str = ""
    key_recorded: str | None = None  # first_use / confirmed: applying records the city's key
    _trust: Any = field(default=None, repr=False)  # trust.policy.TrustDecision
    _actions: list[Callable[[Session], None]] = field(default_factory=list, repr=False)

    def change(self, line: str | None, action: Callable[[Session], None]) -> None:
        """An action and the line that shows it (None: told by another line, as a new year's targets)."""
        if line is not None:
            self.lines.append(line)
        self._actions.append(action)

    @property
    def summary(self) -> str:
        return self._what() + self._key_note()

    def _key_note(self) -> str:
        if self.key_recorded is None:
            return ""
        return (f"\n首次收到市卫健委（或新的）签名密钥，指纹 {self.signer_fingerprint}，"
                "请电话或凭市卫健委盖章的表格核对；应用后只接受这把密钥签名的下发包，报送包也将加密给它。")

    def _what(self) -> str:
        if self.already_applied:
            return f"{self.year} 年度下发包（{self.created_at:%Y-%m-%d %H:%M}）已应用过，没有改动。"
        if not self.lines:
            return f"{self.year} 年度下发包（{self.created_at:%Y-%m-%d %H:%M}）与本机数据一致，没有需要改动的内容。"
        return f"{self.year} 年度下发包（{self.created_at:%Y-%m-%d %H:%M}）：{len(self.lines)} 项改动。"


def _day(text: str) -> str:
    value = date.fromisoformat(text)
    return f"{value.year}年{value.month}月{value.day}日"


def _own_district(session: Session, data: dict[str, Any]) -> str | None:
    row = session.get(Setting, BUREAU_KEY)
    found = find_district(row.value) if row else None
    if found is None:
        return data.get("district")
    if data.get("district") and find_district(data["district"]) != found:
        raise AppError(f"这个下发包是发给{data['district']}的，本机属于{found.name}，未应用。")
    return found.name


def _check_order(session: Session, plan: DirectivePlan) -> None:
    known = session.scalars(select(AppliedDirective).where(AppliedDirective.content_sha256 == plan.digest)).first()
    if known is not None:
        plan.already_applied = True
        return
    newest = session.scalars(select(AppliedDirective).where(AppliedDirective.year == plan.year)
                             .order_by(AppliedDirective.created_at.desc()).limit(1)).first()
    if newest is not None and newest.created_at > plan.created_at:
        raise AppError(
            f"已应用过市卫健委 {newest.created_at:%Y-%m-%d %H:%M} 下发的 {plan.year} 年度下发包，"
            f"这个较旧的下发包（{plan.created_at:%Y-%m-%d %H:%M}）未应用，以免新的安排被旧的覆盖。"
        )


def _plan_campaign(session: Session, plan: DirectivePlan, data: dict[str, Any]) -> None:
    year, values = plan.year, data["campaign"]
    wanted = {f: date.fromisoformat(values[f]) for f in CAMPAIGN_DATES} | {f: int(values[f]) for f in CAMPAIGN_NUMBERS}
    if year not in campaign_years(session):
        def create(s: Session) -> None:
            campaign = add_campaign(s, year)
            for key, value in wanted.items():
                setattr(campaign, key, value)
        planned = sum(int(n) for per in data.get("targets", {}).values() for n in per.values())
        quota = sum(int(n) for n in data.get("quotas", {}).values())
        plan.change(f"新增 {year} 年度活动（计划 {planned} 场、补助名额 {quota} 场，截止日期"
                    f"{_day(values['experts_deadline'])}、{_day(values['units_deadline'])}、"
                    f"{_day(values['report_deadline'])}，按市卫健委下发）", create)
        current: dict[str, Any] = {}
    else:
        campaign = campaign_for_year(session, year)
        current = {f: getattr(campaign, f) for f in wanted}
        for key, value in wanted.items():
            if current[key] != value:
                old, new = current[key], value
                shown = (_day(old.isoformat()), _day(new.isoformat())) if isinstance(new, date) else (old, new)
                plan.change(f"{year} 年度{FIELD_LABELS[key]}：{shown[0]} → {shown[1]}",
                            lambda s, k=key, v=value: setattr(campaign_for_year(s, year), k, v))
    _plan_targets(session, plan, data, year in campaign_years(session))


def _plan_targets(session: Session, plan: DirectivePlan, data: dict[str, Any], exists: bool) -> None:
    year = plan.year
    targets: dict[tuple[int, int], int] = {}
    quotas: dict[int, int] = {}
    if exists:
        campaign = campaign_for_year(session, year)
        targets = {(t.district_id, t.category_id): t.sessions for t in campaign.targets}
        quotas = {q.district_id: q.lectures for q in campaign.quotas}
    categories = category_by_name(session)
    for name, per_category in data.get("targets", {}).items():
        district = district_by_name(session, name)
        for category, sessions in per_category.items():
            key, value = (district.id, categories[category].id), int(sessions)
            if targets.get(key) != value:
                line = f"{district.short_name}{category}计划：{targets.get(key, '无')} → {value} 场" if exists else None
                plan.change(line, lambda s, k=key, v=value: _set_target(s, year, k, v))
    for name, lectures in data.get("quotas", {}).items():
        district = district_by_name(session, name)
        if quotas.get(district.id) != int(lectures):
            old = quotas.get(district.id, "无")
            line = f"{district.short_name}补助名额：{old} → {int(lectures)} 场" if exists else None
            plan.change(line, lambda s, d=district.id, v=int(lectures): _set_quota(s, year, d, v))


def _set_target(session: Session, year: int, key: tuple[int, int], sessions: int) -> None:
    campaign = campaign_for_year(session, year)
    row = next((t for t in campaign.targets if (t.district_id, t.category_id) == key), None)
    if row is None:
        campaign.targets.append(PlanTarget(district_id=key[0], category_id=key[1], sessions=sessions))
    else:
        row.sessions = sessions


def _set_quota(session: Session, year: int, district_id: int, lectures: int) -> None:
    campaign = campaign_for_year(session, year)
    row = next((q for q in campaign.quotas if q.district_id == district_id), None)
    if row is None:
        campaign.quotas.append(SubsidyQuota(district_id=district_id, lectures=lectures))
    else:
        row.lectures = lectures


def _plan_experts(session: Session, plan: DirectivePlan, records: list[dict[str, Any]]) -> None:
    for record in records:
        name, unit = str(record["name"]).strip(), str(record["unit"]).strip()
        existing = session.scalars(select(Expert).where(
            Expert.name == name, Expert.unit == unit, Expert.deleted_at.is_(None))).first()
        if existing is None:
            draft = ExpertDraft(name=name, level=record["level"], category=record["category"], unit=unit,
                                title=record.get("title") or "", phone=record.get("phone") or "",
                                district=record.get("district"), group=record.get("group_name") or "")
            draft.clean()  # a bad record refuses the whole file before anything is written
            plan.change(f"新增{record['level']}专家：{name}（{unit}）", lambda s, d=draft: save_expert(s, d))
            continue
        # Only blanks are filled: what the district typed stays as it typed it.
        fills = {key: str(record.get(key) or "") for key, _ in EXPERT_FILLABLE
                 if record.get(key) and not getattr(existing, key)}
        if fills:
            labels = "、".join(label for key, label in EXPERT_FILLABLE if key in fills)
            plan.change(f"补充专家{name}的{labels}", lambda s, e=existing.id, f=fills: _fill_expert(s, e, f))


def _fill_expert(session: Session, expert_id: int, fills: dict[str, str]) -> None:
    from ...storage.experts import draft_of

    expert = session.get(Expert, expert_id)
    draft = draft_of(expert)
    draft.title = fills.get("title", draft.title)
    draft.phone = fills.get("phone", draft.phone)
    draft.group = fills.get("group_name", draft.group)
    save_expert(session, draft, expert_id)


def _plan_decisions(session: Session, plan: DirectivePlan, records: list[dict[str, Any]], own: str | None) -> None:
    for record in records:
        district = district_by_name(session, record["district"])
        if (own and district.name != own) or record["stage"] not in STAGE_BY_CODE:
            continue
        decision, reason = record["decision"], str(record.get("reason") or "")[:500]
        if decision not in DECISIONS:
            raise ValueError(f"decision {decision!r}")
        row = session.scalars(select(Submission).where(
            Submission.district_id == district.id, Submission.year == plan.year,
            Submission.stage == record["stage"], Submission.content_sha256 == record["content_sha256"],
        )).first()
        if row is not None and (row.decision, row.reason) == (decision, reason if decision != "accepted" else ""):
            continue
        stage = STAGE_BY_CODE[record["stage"]]
        created = datetime.fromisoformat(record["created_at"])
        line = (f"市卫健委{DECISIONS[decision]}了{district.short_name}{created:%m月%d日}报送的{stage.short}"
                + (f"：{reason}" if decision != "accepted" else ""))
        plan.change(line, lambda s, r=record, d=district.id: _apply_decision(s, plan.year, d, r))


def _apply_decision(session: Session, year: int, district_id: int, record: dict[str, Any]) -> None:
    decided = datetime.fromisoformat(record["decided_at"]) if record.get("decided_at") else datetime.now()
    row, _ = submission_store.record_submission(
        session, district_id=district_id, year=year, stage=record["stage"],
        created_at=datetime.fromisoformat(record["created_at"]), digest=record["content_sha256"],
        counts={}, file_name=str(record.get("file_name") or ""),
    )
    submission_store.decide(session, row, record["decision"], str(record.get("reason") or "")[:500], decided)


def _plan(session: Session, path: Path, read: tuple) -> DirectivePlan:
    manifest, data, digest, decision = read
    try:
        plan = DirectivePlan(int(data["year"]), datetime.fromisoformat(manifest["created_at"]), digest, path.name,
                             signer_fingerprint=decision.signer.fingerprint, key_recorded=decision.how,
                             _trust=decision)
        _check_order(session, plan)
        if plan.already_applied:
            return plan
        own = _own_district(session, data)
        _plan_campaign(session, plan, data)
        _plan_experts(session, plan, data.get("regional_experts", []))
        city_experts = [e for e in data.get("city_experts", [])
                        if not own or e.get("district") in (None, own)]
        _plan_experts(session, plan, city_experts)
        _plan_decisions(session, plan, data.get("decisions", []), own)
    except ValidationError as exc:
        raise AppError(f"下发包“{path.name}”中有不符合规则的记录，未应用：{exc.message}") from exc
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise AppError(f"下发包“{path.name}”的数据不完整（{exc}），未应用。") from exc
    return plan


def preview_directive(db: Database, path: Path, *, trust: str | None = None) -> DirectivePlan:
    """What applying would change; nothing is written. `trust`: the confirmed fingerprint of a new city key."""
    read = read_directive_file(db, path, trust=trust)
    with db.session() as session:
        return _plan(session, path, read)


def apply_directive(db: Database, path: Path, *, now: datetime | None = None,
                    trust: str | None = None) -> DirectivePlan:
    """Apply in one transaction (all or nothing) and remember the file: the same again is a no-op."""
    read = read_directive_file(db, path, trust=trust)  # verified and its signer checked before any write
    with db.transaction() as session:
        plan = _plan(session, path, read)
        plan._trust.remember(session)  # the city's key, with the first 下发包 (or a confirmed new one)
        if plan.already_applied:
            return plan
        for action in plan._actions:
            action(session)
            session.flush()
        session.add(AppliedDirective(year=plan.year, created_at=plan.created_at,
                                     applied_at=(now or datetime.now()).replace(microsecond=0),
                                     content_sha256=plan.digest, file_name=path.name[:260], changes=len(plan.lines)))
        audit.record(session, "import", "directive", None, f"{plan.year} 年度下发包 {path.name}",
                     {"changes": [None, len(plan.lines)]})
    return plan
