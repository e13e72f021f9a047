"""The city office's work bench: ten districts side by side, a bar chart, the city totals."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.progress import Progress
from ...domain.reference import CATEGORIES, find_district
from ..widgets.progress_widgets import add_bar_row, deadlines_label, shortfalls_list

HEADERS = ("县区", "计划场次", "已开展", "完成率", *CATEGORIES, "计划中", "覆盖单位", "覆盖人数",
           "自治区级占比", "补助（用/额）")


def _short(progress: Progress) -> str:
    if progress.district is None:
        return "全市"
    found = find_district(progress.district)
    return found.short_name if found else progress.district


def _row_values(p: Progress) -> list[str]:
    target = p.sessions_target
    rate = f"{p.distinct.sessions / target:.0%}" if target else "—"
    return [
        _short(p), str(p.plan_total), str(p.distinct.sessions), rate,
        *(str(p.categories[c].sessions) for c in CATEGORIES), str(sum(p.planned.values())),
        str(p.distinct.units), str(p.distinct.people), f"{p.regional_share:.0%}",
        f"{p.subsidised_held + p.subsidised_planned}/{p.subsidy_quota}",
    ]


def districts_table(city: Progress) -> QTableWidget:
    rows = [*city.districts, city]
    table = QTableWidget(len(rows), len(HEADERS))
    table.setHorizontalHeaderLabels(HEADERS)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    for r, progress in enumerate(rows):
        for c, value in enumerate(_row_values(progress)):
            item = QTableWidgetItem(value)
            if c:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if progress.district is not None and c == 2 and progress.distinct.sessions < progress.sessions_target:
                item.setForeground(Qt.GlobalColor.darkRed)
            table.setItem(r, c, item)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.setMinimumHeight(table.verticalHeader().defaultSectionSize() * (len(rows) + 1) + 8)
    return table


def sessions_chart(city: Progress) -> QChartView:
    planned, held = QBarSet("计划场次"), QBarSet("已开展场次")
    names = []
    for part in city.districts:
        names.append(_short(part))
        planned.append(part.sessions_target)
        held.append(part.distinct.sessions)
    series = QBarSeries()
    series.append(planned)
    series.append(held)
    chart = QChart()
    chart.addSeries(series)
    chart.setTitle("各县区科普会场次与计划")
    axis_x = QBarCategoryAxis()
    axis_x.append(names)
    axis_y = QValueAxis()
    axis_y.setRange(0, max([*(p.sessions_target for p in city.districts), *(p.distinct.sessions for p in
                                                                           city.districts), 1]) * 1.1)
    axis_y.setLabelFormat("%d")
    axis_y.applyNiceNumbers()
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_x)
    series.attachAxis(axis_y)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(300)
    return view


class CityBench(QWidget):
    def __init__(self, city: Progress, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(f"<h2>全市 {city.year} 年度工作进度</h2>")
        totals = QGroupBox("全市目标")
        grid = QGridLayout(totals)
        add_bar_row(grid, "科普会", city.distinct.sessions, city.sessions_target,
                    f"{city.distinct.sessions} / {city.sessions_target} 场")
        add_bar_row(grid, "覆盖“五进”单位", city.distinct.units, city.units_target,
                    f"{city.distinct.units} / {city.units_target} 家")
        share, goal = round(city.regional_share * 100), round(city.regional_share_min * 100)
        add_bar_row(grid, "自治区级专家授课占比", share, goal, f"{share}% / 目标 {goal}%")
        add_bar_row(grid, "市级专家", city.experts, city.min_experts, f"{city.experts} / {city.min_experts} 名")
        self.table = districts_table(city)
        lines = city.shortfalls() + [line for part in city.districts for line in part.shortfalls()]
        lower = QHBoxLayout()
        deadline_box = QGroupBox("各环节报送情况（详见“报送情况”）")
        QVBoxLayout(deadline_box).addWidget(deadlines_label(city.deadlines))
        shortfall_box = QGroupBox("尚未达到的指标")
        QVBoxLayout(shortfall_box).addWidget(shortfalls_list(lines))
        lower.addWidget(deadline_box, 1)
        lower.addWidget(shortfall_box, 2)
        top = QHBoxLayout()
        top.addWidget(totals, 1)
        top.addWidget(sessions_chart(city), 2)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addLayout(lower)
