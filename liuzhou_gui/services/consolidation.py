"""The city's 汇总: each district's 附件2 figures beside its plan, with the city total.

Plain rows, so that the table writers (PDF and Excel) and the work bench show the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from ..domain.progress import Progress
from ..domain.reference import CATEGORIES
from ..storage.database import Database
from ..storage.models import District, ReceivedPackage
from ..storage.statistics import campaign_progress

HEADERS = (
    "县区", *(f"{c}场次" for c in CATEGORIES), "合计场次", "实际场次", "计划场次", "完成率", "覆盖单位数", "单位目标",
    "覆盖人数", "自治区专家授课占比", "报送包生成时间",
)


# Under the table, so that a row whose 合计场次 exceeds its plan at 90% reads true.
NOTE = (
    "注：合计场次为各分类场次之和，同一场活动包含多个分类的分别计算（见附件2注2）；实际场次为不重复计算的活动场次，"
    "完成率＝实际场次÷计划场次。"
)


@dataclass(frozen=True)
class SummaryRow:
    name: str
    progress: Progress
    package_created_at: datetime | None

    def cells(self) -> tuple:
        p = self.progress
        target = p.sessions_target
        return (
            self.name,
            *(p.categories[c].sessions for c in CATEGORIES),
            p.total.sessions,  # the sum of the category rows (附件2 note 2: a session counts in each of its categories)
            p.distinct.sessions,  # each session once: what 完成率 compares with the plan
            target,
            f"{p.distinct.sessions / target:.0%}" if target else "—",
            p.distinct.units,
            p.units_target,
            p.distinct.people,
            f"{p.regional_share:.0%}",
            f"{self.package_created_at:%Y-%m-%d %H:%M}" if self.package_created_at else "",
        )


def summary_rows(db: Database, year: int | None = None) -> tuple[int, list[SummaryRow]]:
    """(year, rows): ten districts in plan order, then 全市合计."""
    with db.session() as session:
        city = campaign_progress(session, year)
        received = dict(session.execute(
            select(District.name, func.max(ReceivedPackage.created_at))
            .join(ReceivedPackage.district).where(ReceivedPackage.year == city.year)
            .group_by(District.name)
        ).all())
        shorts = {d.name: d.short_name for d in session.scalars(select(District))}
    rows = [SummaryRow(shorts[p.district], p, received.get(p.district)) for p in city.districts]
    rows.append(SummaryRow("全市合计", city, None))
    return city.year, rows
