"""The stages of the reporting cycle (plan sections 四 and 五): what a district sends, and by when.

Each stage's deadline is a column of the year's campaign (editable per year, defaults from the plan
in reference.CampaignDefaults); this module only names the stages and their tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import UsageError

ACCEPTED = "accepted"
RETURNED = "returned"
DECISIONS = {ACCEPTED: "受理", RETURNED: "退回"}
MAX_REASON = 500


@dataclass(frozen=True)
class Stage:
    code: str  # stored in the submission table
    label: str  # 工作台 and 报送情况
    short: str  # matrix column header
    attachments: tuple[int, ...]  # the stamped tables that travel with it
    deadline_field: str  # the Campaign column holding its deadline
    summary: bool = False  # the written 工作总结 goes with it


STAGES: tuple[Stage, ...] = (
    Stage("experts", "报送专家名单（附件3）", "专家名单（附件3）", (3,), "experts_deadline"),
    Stage("units", "报送“五进”单位名单（附件5）和自治区专家授课计划（附件6）", "单位名单与授课计划（附件5、6）",
          (5, 6), "units_deadline"),
    Stage("summary", "报送开展情况（附件2）和工作总结", "开展情况与工作总结（附件2）", (2,), "report_deadline",
          summary=True),
)
STAGE_BY_CODE = {s.code: s for s in STAGES}

# What a user may type on the command line for each stage.
_SPELLINGS = {
    "experts": "experts", "3": "experts", "附件3": "experts", "专家": "experts", "专家名单": "experts",
    "units": "units", "5": "units", "6": "units", "附件5": "units", "附件6": "units", "单位": "units",
    "单位名单": "units", "授课计划": "units",
    "summary": "summary", "2": "summary", "附件2": "summary", "总结": "summary", "工作总结": "summary",
    "开展情况": "summary",
}
STAGE_SPELLINGS = tuple(_SPELLINGS)


def stage_named(text: str) -> Stage:
    code = _SPELLINGS.get(text.strip().lower())
    if code is None:
        raise UsageError(
            f"没有名为“{text[:20]}”的报送环节。应为 experts（附件3）、units（附件5、6）或 summary（附件2和工作总结）。"
        )
    return STAGE_BY_CODE[code]


def clean_reason(reason: str) -> str:
    """A 退回 reason: required, one paragraph, at most MAX_REASON characters."""
    text = " ".join((reason or "").split())
    if not text:
        raise UsageError("退回时请写明原因。")
    if len(text) > MAX_REASON:
        raise UsageError(f"退回原因太长（{len(text)} 字），请控制在 {MAX_REASON} 字以内。")
    return text
