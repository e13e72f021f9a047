"""The evaluation of a held session (plan 四（四）): questionnaires, satisfaction, opinions, scores.

Plain Python. The satisfaction rate is not typed but follows from the four counts: the share of
非常满意 and 满意 among the questionnaires collected, in percent, one decimal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeGuard

from . import validation as v
from .errors import FieldError

# The four answers of the questionnaire's satisfaction question, in its order.
RATINGS: tuple[tuple[str, str], ...] = (
    ("very_satisfied", "非常满意"),
    ("satisfied", "满意"),
    ("neutral", "一般"),
    ("dissatisfied", "不满意"),
)
MAX_OPINIONS = 2000  # characters of 主要意见和建议


@dataclass(frozen=True)
class EvaluationInput:
    """What the form, the import or a package gives for one session."""

    held: bool
    attendance: v.Typed  # as the draft holds them: checked here before any sum
    handed_out: int | None
    collected: v.Typed
    counts: tuple[int | None, int | None, int | None, int | None]  # in the order of RATINGS
    typed_rate: v.Typed  # a rate typed without counts (older data, older ledgers)
    opinions: str
    score_before: float | None
    score_after: float | None


@dataclass(frozen=True)
class EvaluationResult:
    errors: list[FieldError]
    collected: v.Typed  # cleaned unless there are errors (then as given)
    counts: tuple[int | None, int | None, int | None, int | None]
    rate: v.Typed


def satisfaction_rate(counts: tuple[int | None, ...]) -> float | None:
    """(非常满意 + 满意) / all answers, percent with one decimal; None without answers."""
    values = [c or 0 for c in counts]
    total = sum(values)
    if total == 0:
        return None
    return round((values[0] + values[1]) * 100 / total, 1)


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def check_evaluation(data: EvaluationInput) -> EvaluationResult:
    errors: list[FieldError] = []

    def add(name: str, label: str, message: str | None) -> None:
        if message:
            errors.append(FieldError(name, label, message))

    add("questionnaires_out", "发放问卷数", v.check_count(data.handed_out, v.MAX_ATTENDANCE))
    add("questionnaires", "回收问卷数", v.check_count(data.collected, v.MAX_ATTENDANCE))
    for (name, label), value in zip(RATINGS, data.counts, strict=True):
        add(name, label, v.check_count(value, v.MAX_ATTENDANCE))
    add("score_before", "活动前知识得分", v.check_score(data.score_before))
    add("score_after", "活动后知识得分", v.check_score(data.score_after))
    add("opinions", "主要意见和建议", v.check_length(data.opinions, MAX_OPINIONS))
    counts_given = any(c is not None for c in data.counts)
    anything = (
        counts_given or data.handed_out is not None or data.collected is not None or bool(data.opinions)
        or data.score_before is not None or data.score_after is not None or data.typed_rate is not None
    )
    if anything and not data.held:
        add("questionnaires", "效果评估", "只有已开展的活动才能填写效果评估（问卷、满意度、意见）")
    if errors:
        return EvaluationResult(errors, data.collected, data.counts, data.typed_rate)

    very, good, neutral, bad = data.counts
    counts = (very or 0, good or 0, neutral or 0, bad or 0) if counts_given else data.counts
    collected = v.cleaned_count(data.collected)  # checked above
    if counts_given:
        answered = sum(c or 0 for c in counts)
        if collected is None:
            collected = answered  # the answers are the questionnaires collected
        elif answered != collected:
            add("questionnaires", "回收问卷数",
                f"满意度四项之和（{answered}）应等于回收问卷数（{collected}）")
    if collected is not None and data.handed_out is not None and collected > data.handed_out:
        add("questionnaires", "回收问卷数", f"不能多于发放问卷数（{data.handed_out}）")
    people = data.attendance if _is_int(data.attendance) else None
    if people is not None:
        if data.handed_out is not None and data.handed_out > people:
            add("questionnaires_out", "发放问卷数", f"不能多于覆盖人数（{people}）")
        elif collected is not None and collected > people:
            add("questionnaires", "回收问卷数", f"不能多于覆盖人数（{people}）")
    add("satisfaction", "满意度", v.check_percentage(data.typed_rate))
    rate = satisfaction_rate(counts) if counts_given else data.typed_rate
    return EvaluationResult(errors, collected, counts, rate)
