"""The work bench of one district: its plan, its figures and what falls short."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...domain.progress import Progress
from ...domain.reference import OTHER
from ..widgets.progress_widgets import add_bar_row, shortfalls_list, stages_grid


class DistrictBench(QWidget):
    def __init__(self, progress: Progress, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        p = progress
        title = QLabel(f"<h2>{p.district} {p.year} 年度工作进度</h2>")

        plan_box = QGroupBox("附件1 计划完成情况（已开展场次 / 计划场次）")
        grid = QGridLayout(plan_box)
        for category, target in p.plan.items():
            done = p.categories[category].sessions
            add_bar_row(grid, category, done, target, f"{done} / {target} 场",
                        f"另有计划中 {p.planned[category]} 场" if p.planned[category] else "")
        other = p.categories[OTHER].sessions
        grid.addWidget(QLabel(OTHER), grid.rowCount(), 0)
        grid.addWidget(QLabel(f"已开展 {other} 场（不在计划内，照常统计）"), grid.rowCount() - 1, 1)
        held = p.distinct.sessions
        add_bar_row(grid, "科普会合计", held, p.sessions_target, f"{held} / {p.sessions_target} 场",
                    f"覆盖 {p.distinct.people} 人次")

        target_box = QGroupBox("其他指标")
        grid2 = QGridLayout(target_box)
        units = p.distinct.units
        add_bar_row(grid2, "覆盖“五进”单位", units, p.units_target, f"{units} / {p.units_target} 家")
        share = round(p.regional_share * 100)
        goal = round(p.regional_share_min * 100)
        add_bar_row(grid2, "自治区级专家授课占比", share, goal, f"{share}% / 目标 {goal}%",
                    f"{p.regional_sessions} 场由自治区级专家授课")
        used = p.subsidised_held + p.subsidised_planned
        add_bar_row(grid2, "补助的自治区专家授课", used, p.subsidy_quota, f"{used} / {p.subsidy_quota} 场",
                    f"已开展 {p.subsidised_held}，计划 {p.subsidised_planned}")
        grid2.addWidget(QLabel("本县区专家"), grid2.rowCount(), 0)
        grid2.addWidget(QLabel(f"{p.experts} 名（附件3 专家名单）"), grid2.rowCount() - 1, 1)

        # What was sent, from the submissions recorded and the 下发包's decisions: never from data present.
        stage_box = QGroupBox("报送进度（在“数据交换”中按环节报送）")
        stage_layout = QVBoxLayout(stage_box)
        stage_layout.addLayout(stages_grid(p.deadlines))
        for deadline in p.deadlines:
            if deadline.kind == "returned" and deadline.latest is not None:
                sent = deadline.latest.submitted_on
                what = deadline.label.removeprefix("报送")
                returned = QLabel(f"市卫健委退回了{sent.month}月{sent.day}日报送的{what}，"
                                  f"原因：{deadline.latest.reason}。请修改后在“数据交换”中重新报送这一环节。")
                returned.setObjectName(f"returned_{deadline.stage}")
                returned.setWordWrap(True)
                returned.setStyleSheet("background: #fdecea; color: #b71c1c; padding: 6px; border-radius: 3px;")
                stage_layout.addWidget(returned)
        stage_layout.addStretch(1)
        shortfall_box = QGroupBox("尚未达到的指标")
        self.shortfalls = shortfalls_list(p.shortfalls())
        QVBoxLayout(shortfall_box).addWidget(self.shortfalls)

        lower = QHBoxLayout()
        lower.addWidget(stage_box, 3)
        lower.addWidget(shortfall_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(plan_box)
        layout.addWidget(target_box)
        layout.addLayout(lower)
        layout.addStretch(1)
