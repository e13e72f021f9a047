"""The campaign's figures and how they compare with the plan: plain data, no SQL.

附件2's meaning: only held sessions count; one session with several categories counts in each
category row, so 合计 is the sum of the category rows (note 2), while `distinct` counts each
session, unit and person once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .reference import CATEGORIES, PLANNED_CATEGORIES
from .stages import ACCEPTED, RETURNED


@dataclass
class Figures:
    sessions: int = 0
    units: int = 0
    people: int = 0

    def __add__(self, other: Figures) -> Figures:
        return Figures(self.sessions + other.sessions, self.units + other.units, self.people + other.people)

    def as_dict(self) -> dict[str, int]:
        return {"sessions": self.sessions, "units": self.units, "people": self.people}


@dataclass(frozen=True)
class StageRecord:
    """The latest submission of a stage, as the app recorded it (sent, or received by the city)."""

    submitted_on: date  # the day the district wrote its 报送包
    decision: str | None = None  # stages.ACCEPTED, stages.RETURNED, or None while undecided
    reason: str = ""  # why it was returned


@dataclass(frozen=True)
class Deadline:
    """One stage of one district (or of the whole city), judged from submissions and today's date,
    never from whether data exists."""

    label: str
    due: date
    days_left: int  # negative once passed
    stage: str = ""
    latest: StageRecord | None = None  # a district's latest submission of the stage
    received: int | None = None  # the city: districts whose submission stands (not returned)
    on_time: int = 0  # the city: of those, written by the deadline
    expected: int = 0  # the city: districts expected to report

    @property
    def done(self) -> bool:
        """Submitted and not sent back (for the city: every district has)."""
        if self.received is not None:
            return self.received >= self.expected
        return self.latest is not None and self.latest.decision != RETURNED

    @property
    def days_late(self) -> int:
        """How late the standing submission was written (0: on time or none)."""
        if self.latest is None:
            return 0
        return max((self.latest.submitted_on - self.due).days, 0)

    @property
    def kind(self) -> str:
        """missing (before the deadline), overdue, submitted, returned or accepted."""
        if self.latest is None:
            return "overdue" if self.days_left < 0 else "missing"
        return {ACCEPTED: "accepted", RETURNED: "returned"}.get(self.latest.decision or "", "submitted")

    @property
    def state(self) -> str:
        if self.received is not None:
            return self._city_state()
        latest, kind = self.latest, self.kind
        if kind == "missing":
            return "未报送（今天截止）" if self.days_left == 0 else f"未报送（还剩 {self.days_left} 天）"
        if kind == "overdue":
            return f"逾期未报（逾期 {-self.days_left} 天）"
        assert latest is not None
        if kind == "returned":
            return f"已退回（{latest.reason}）"
        late = f"，逾期 {self.days_late} 天" if self.days_late else ""
        day = f"{latest.submitted_on.month}月{latest.submitted_on.day}日"
        return f"已受理（{day}报送{late}）" if kind == "accepted" else f"已报送（{day}{late}）"

    @property
    def cell_text(self) -> str:
        """The 报送情况 matrix's cell: on time / late N days / missing / returned / accepted, with the date."""
        latest, kind = self.latest, self.kind
        if latest is None:
            if kind == "overdue":
                return f"逾期未报 {-self.days_left} 天"
            return "未报送（今天截止）" if self.days_left == 0 else f"未报送（还剩 {self.days_left} 天）"
        day = f"{latest.submitted_on.month}月{latest.submitted_on.day}日"
        timing = f"逾期 {self.days_late} 天" if self.days_late else "按时"
        if kind == "returned":
            return f"已退回（{day}报送）"
        return f"已受理（{day}，{timing}）" if kind == "accepted" else f"{timing}（{day}）"

    def _city_state(self) -> str:
        countdown = (f"逾期 {-self.days_left} 天" if self.days_left < 0 else
                     "今天截止" if self.days_left == 0 else f"还剩 {self.days_left} 天")
        return f"已收到 {self.received}/{self.expected} 个县区，按时 {self.on_time} 个（{countdown}）"

    @property
    def completeness(self) -> float:
        return (self.received or 0) / self.expected if self.expected else 0.0

    @property
    def timeliness(self) -> float:
        return self.on_time / self.expected if self.expected else 0.0

    def as_json(self) -> dict:
        data = {"label": self.label, "stage": self.stage, "due": self.due.isoformat(), "days_left": self.days_left,
                "done": self.done, "state": self.state}
        if self.received is not None:
            return data | {"received": self.received, "on_time": self.on_time, "expected": self.expected,
                           "completeness": round(self.completeness, 4), "timeliness": round(self.timeliness, 4)}
        latest = self.latest
        return data | {
            "kind": self.kind, "days_late": self.days_late,
            "submitted_on": latest.submitted_on.isoformat() if latest else None,
            "decision": latest.decision if latest else None, "reason": latest.reason if latest else "",
        }


@dataclass
class Progress:
    """Statistics of one district (district set) or of the city (district None)."""

    year: int
    district: str | None  # full name, None for the whole city
    categories: dict[str, Figures] = field(default_factory=lambda: {c: Figures() for c in CATEGORIES})
    distinct: Figures = field(default_factory=Figures)
    planned: dict[str, int] = field(default_factory=lambda: {c: 0 for c in CATEGORIES})  # status 计划
    plan: dict[str, int] = field(default_factory=lambda: {c: 0 for c in PLANNED_CATEGORIES})  # 附件1
    min_sessions: int = 0
    units_target: int = 0
    regional_sessions: int = 0  # held sessions with at least one 自治区级 lecturer
    regional_share_min: float = 0.2
    subsidised_held: int = 0
    subsidised_planned: int = 0
    subsidy_quota: int = 0
    experts: int = 0  # live experts of the district (city: city-level experts)
    min_experts: int = 0
    deadlines: list[Deadline] = field(default_factory=list)
    districts: list[Progress] = field(default_factory=list)  # the city's parts, in plan order

    @property
    def total(self) -> Figures:
        """附件2's 合计 row: the sum of the category rows."""
        result = Figures()
        for figures in self.categories.values():
            result = result + figures
        return result

    @property
    def plan_total(self) -> int:
        return sum(self.plan.values())

    @property
    def sessions_target(self) -> int:
        """The plan's total, but never below the campaign's minimum."""
        return max(self.plan_total, self.min_sessions)

    def completion(self, category: str) -> float | None:
        target = self.plan.get(category)
        if not target:
            return None
        return self.categories[category].sessions / target

    @property
    def regional_share(self) -> float:
        return self.regional_sessions / self.distinct.sessions if self.distinct.sessions else 0.0

    def shortfalls(self) -> list[str]:
        """What falls short of the plan, in Chinese, one line each."""
        who = self.district or "全市"
        lines = []
        for category, target in self.plan.items():
            done = self.categories[category].sessions
            if done < target:
                lines.append(f"{who}：{category}已开展 {done} 场，计划 {target} 场，差 {target - done} 场")
        if self.distinct.sessions < self.sessions_target:
            lines.append(f"{who}：共开展 {self.distinct.sessions} 场，目标不少于 {self.sessions_target} 场")
        if self.distinct.units < self.units_target:
            lines.append(f"{who}：覆盖“五进”单位 {self.distinct.units} 家，目标不少于 {self.units_target} 家")
        if self.distinct.sessions and self.regional_share < self.regional_share_min:
            lines.append(
                f"{who}：自治区级专家授课占比 {self.regional_share:.0%}，应不低于 {self.regional_share_min:.0%}"
            )
        if self.experts < self.min_experts:
            lines.append(f"{who}：市级专家 {self.experts} 名，目标不少于 {self.min_experts} 名")
        if self.subsidised_held + self.subsidised_planned > self.subsidy_quota:
            lines.append(
                f"{who}：补助的自治区专家授课 {self.subsidised_held + self.subsidised_planned} 场，"
                f"超出名额 {self.subsidy_quota} 场"
            )
        return lines

    def as_json(self) -> dict:
        data = {
            "year": self.year,
            "district": self.district,
            "categories": {name: figures.as_dict() for name, figures in self.categories.items()},
            "total": self.total.as_dict(),
            "distinct": self.distinct.as_dict(),
            "planned_sessions": dict(self.planned),
            "plan": {**self.plan, "合计": self.plan_total},
            "completion": {c: self.completion(c) for c in self.plan},
            "sessions_target": self.sessions_target,
            "regional_sessions": self.regional_sessions,
            "regional_share": round(self.regional_share, 4),
            "regional_share_min": self.regional_share_min,
            "units_target": self.units_target,
            "subsidy": {
                "quota": self.subsidy_quota, "held": self.subsidised_held, "planned": self.subsidised_planned,
            },
            "deadlines": [d.as_json() for d in self.deadlines],
        }
        if self.districts:
            data["districts"] = [d.as_json() for d in self.districts]
        return data
