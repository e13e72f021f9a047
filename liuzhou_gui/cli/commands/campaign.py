"""`campaign add --year YYYY [--copy-from YYYY]` and `campaign list`."""

from __future__ import annotations

import argparse
from datetime import date

from sqlalchemy import func, select

from ...domain.errors import UsageError
from ...storage.campaigns import add_campaign, set_deadlines
from ...storage.database import Database
from ...storage.models import Campaign, Lecture, PlanTarget, SubsidyQuota
from ..table import format_table
from .registry import SUMMARIES


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("campaign", help=SUMMARIES["campaign"])
    actions = parser.add_subparsers(dest="action", metavar="ACTION", parser_class=type(parser))
    actions.required = True

    listing = actions.add_parser("list", help="列出各活动年度的时间节点和计划")
    listing.set_defaults(run=run_list)

    add = actions.add_parser("add", help="新增活动年度，计划任务和补助名额从以往年度复制")
    add.add_argument("--year", type=int, metavar="YYYY", required=True, help="新增的年度，如 2026")
    add.add_argument("--copy-from", type=int, metavar="YYYY", help="复制哪一年的计划，默认为最近的年度")
    add.set_defaults(run=run_add)

    dates = actions.add_parser("deadlines", help="修改某年度各报送环节的截止日期")
    dates.add_argument("--year", type=int, metavar="YYYY", required=True, help="活动年度")
    dates.add_argument("--experts", type=_date, metavar="YYYY-MM-DD", help="专家名单（附件3）截止日期")
    dates.add_argument("--units", type=_date, metavar="YYYY-MM-DD", help="单位名单与授课计划（附件5、6）截止日期")
    dates.add_argument("--summary", type=_date, metavar="YYYY-MM-DD", help="开展情况与工作总结（附件2）截止日期")
    dates.set_defaults(run=run_deadlines)


def run_add(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as session:
        campaign = add_campaign(session, args.year, args.copy_from)
        planned = sum(t.sessions for t in campaign.targets)
        quota = sum(q.lectures for q in campaign.quotas)
        start, end = campaign.activity_start, campaign.activity_end
    print(f"已新增 {args.year} 年度：计划 {planned} 场，补助名额 {quota} 场，"
          f"活动时间 {start.month}月{start.day}日至{end.month}月{end.day}日。")
    return 0


def run_list(args: argparse.Namespace, db: Database) -> int:
    with db.session() as session:
        planned = dict(session.execute(
            select(PlanTarget.campaign_id, func.sum(PlanTarget.sessions)).group_by(PlanTarget.campaign_id)
        ).all())
        quotas = dict(session.execute(
            select(SubsidyQuota.campaign_id, func.sum(SubsidyQuota.lectures)).group_by(SubsidyQuota.campaign_id)
        ).all())
        sessions = dict(session.execute(
            select(Lecture.campaign_id, func.count()).where(Lecture.deleted_at.is_(None)).group_by(Lecture.campaign_id)
        ).all())
        rows = [
            [
                c.year, _day(c.experts_deadline), _day(c.units_deadline), _day(c.report_deadline),
                f"{_day(c.activity_start)}—{_day(c.activity_end)}",
                planned.get(c.id, 0), quotas.get(c.id, 0), sessions.get(c.id, 0),
            ]
            for c in session.scalars(select(Campaign).order_by(Campaign.year))
        ]
    if not rows:
        print("还没有活动年度。可用 campaign add --year YYYY 新增。")
        return 0
    print(format_table(
        ["年度", "专家名单截止", "单位名单截止", "开展情况截止", "活动时间", "计划场次", "补助名额", "已录入活动"], rows
    ))
    return 0


def _day(value) -> str:
    return f"{value.month}月{value.day}日"


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text[:20]}”不是日期，应写作 2026-04-18") from None


def run_deadlines(args: argparse.Namespace, db: Database) -> int:
    wanted = {code: getattr(args, code) for code in ("experts", "units", "summary") if getattr(args, code)}
    if not wanted:
        raise UsageError("请至少指定 --experts、--units 或 --summary 中的一项。")
    with db.transaction() as session:
        changes = set_deadlines(session, args.year, wanted)
    print(f"已修改 {args.year} 年度 {len(changes)} 个截止日期。" if changes else "截止日期没有变化。")
    return 0
