"""Issue 13's done-when: a whole year on three databases (the city and two districts), the clock set per step."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path

import pytest

from liuzhou_gui.cli.main import run
from liuzhou_gui.domain.drafts import ExpertDraft, LectureDraft, UnitDraft
from liuzhou_gui.domain.errors import AppError
from liuzhou_gui.domain.stages import ACCEPTED, RETURNED
from liuzhou_gui.services import installation
from liuzhou_gui.services.exchange.directive import apply_directive, export_directive, preview_directive
from liuzhou_gui.services.exchange.package_import import import_package
from liuzhou_gui.services.exchange.submissions import review_submission, submit_stage
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.experts import save_expert
from liuzhou_gui.storage.lectures import save_lecture
from liuzhou_gui.storage.lookups import campaign_for_year
from liuzhou_gui.storage.models import Expert, Unit
from liuzhou_gui.storage.statistics import campaign_progress
from liuzhou_gui.storage.submissions import list_submissions
from liuzhou_gui.storage.units import save_unit

YANG_JING = 1  # the first regional expert of 附件4, seeded in every database


def _fill(db: Database, district: str, bureau: str) -> None:
    with db.transaction() as session:
        installation.save(session, bureau, "王五", "0772-2868517")
        units = [save_unit(session, UnitDraft(district=district, name=f"{district}单位{i}", kind="企业",
                                              categories=["职业健康"])).id for i in range(3)]
        local = save_expert(session, ExpertDraft(name=f"{district}专家", level="县区级", category="职业健康",
                                                 unit=f"{district}疾控中心", district=district,
                                                 phone="13800000000")).id
        # The district typed its own number for the regional expert 杨静: a 下发包 must not overwrite it.
        yang = session.get(Expert, YANG_JING)
        yang.phone = "0772-1111111" if district == "柳南" else ""
        save_lecture(session, LectureDraft(
            year=2025, district=district, held_on=date(2025, 6, 3), start_time=time(9), end_time=time(11),
            place="礼堂", unit_ids=units[:2], categories=["职业健康"], expert_ids=[YANG_JING, local],
            attendance=80, status="held", subsidised=True,
        ))


@pytest.fixture
def year(tmp_path: Path):
    dbs = {name: Database.open(tmp_path / f"{name}.sqlite3") for name in ("city", "A", "B")}
    with dbs["city"].transaction() as session:
        installation.save(session, "柳州市卫生健康委员会职业健康科", "罗云晟", "0772-2868517")
        # The city moves a deadline for this year and sends the experts' contacts down.
        campaign_for_year(session, 2025).experts_deadline = date(2025, 4, 20)
        session.get(Expert, YANG_JING).phone = "0771-5555555"
        save_expert(session, ExpertDraft(name="韦市级", level="市级", category="心理健康", unit="柳州市工人医院",
                                         district="柳南", phone="0772-3333333", group="第一组"))
        save_expert(session, ExpertDraft(name="覃市级", level="市级", category="职业健康", unit="柳州市职业病防治院",
                                         district="三江", phone="0772-4444444", group="第十组"))
    _fill(dbs["A"], "柳南", "柳南区卫生健康局")
    _fill(dbs["B"], "三江", "三江侗族自治县卫生健康局")
    yield dbs, tmp_path
    for db in dbs.values():
        db.close()


def _states(db: Database, district: str | None, today: date) -> list[str]:
    with db.session() as session:
        city = campaign_progress(session, 2025, today=today)
    if district is None:
        return [d.state for d in city.deadlines]
    return [d.state for d in next(p for p in city.districts if p.district == district).deadlines]


def _cells(db: Database, district: str, today: date) -> list[str]:
    with db.session() as session:
        city = campaign_progress(session, 2025, today=today)
    return [d.cell_text for d in next(p for p in city.districts if p.district == district).deadlines]


def test_a_whole_reporting_year(year) -> None:
    dbs, folder = year
    city, a, b = dbs["city"], dbs["A"], dbs["B"]

    # 3月1日: the city sends the 下发包; both districts preview, then apply it.
    first = folder / "下发包-0301.lzxf"
    export_directive(city, first, 2025, now=datetime(2025, 3, 1, 9))
    preview = preview_directive(a, first)
    assert "2025 年度专家名单截止：2025年4月18日 → 2025年4月20日" in preview.lines
    assert "新增市级专家：韦市级（柳州市工人医院）" in preview.lines
    assert not any("覃市级" in line for line in preview.lines)  # 三江's group is not 柳南's business
    assert _states(a, "柳南区", date(2025, 3, 1))[0] == "未报送（还剩 48 天）"  # preview wrote nothing
    for db in (a, b):
        assert apply_directive(db, first, now=datetime(2025, 3, 2)).lines
        assert apply_directive(db, first).already_applied  # twice: nothing changes
    with a.session() as session:
        assert session.get(Expert, YANG_JING).phone == "0772-1111111"  # typed by 柳南: kept
        assert campaign_for_year(session, 2025).experts_deadline == date(2025, 4, 20)
    with b.session() as session:
        assert session.get(Expert, YANG_JING).phone == "0771-5555555"  # blank in 三江: filled in
    assert preview_directive(a, first).already_applied

    # 4月10日: nothing sent yet, whatever data exists.
    assert _states(a, "柳南区", date(2025, 4, 10)) == [
        "未报送（还剩 10 天）", "未报送（还剩 35 天）", "未报送（还剩 224 天）"]

    # 4月5日: the city writes another 下发包 (a changed quota) that 柳南 never gets round to applying.
    with city.transaction() as session:
        next(q for q in campaign_for_year(session, 2025).quotas if q.district.short_name == "柳南").lectures = 3
    older = folder / "下发包-0405.lzxf"
    export_directive(city, older, 2025, now=datetime(2025, 4, 5))

    # A reports 附件3 on time, B late; the city imports both.
    sent_a = submit_stage(a, "experts", "柳南", folder / "A-3.lzbs", now=datetime(2025, 4, 18, 16))
    sent_b = submit_stage(b, "3", "三江", folder / "B-3.lzbs", now=datetime(2025, 4, 23, 10))
    assert _states(a, "柳南区", date(2025, 4, 19))[0] == "已报送（4月18日）"
    for sent in (sent_a, sent_b):
        assert import_package(city, sent.path, now=datetime(2025, 4, 24)).stage == "experts"
    again = import_package(city, sent_a.path)
    assert again.unchanged  # the same 报送包 twice changes nothing
    assert _cells(city, "柳南区", date(2025, 4, 24))[0] == "按时（4月18日）"
    assert _cells(city, "三江侗族自治县", date(2025, 4, 24))[0] == "逾期 3 天（4月23日）"
    assert _cells(city, "柳北区", date(2025, 4, 24))[0] == "逾期未报 4 天"
    assert _states(city, None, date(2025, 4, 24))[0] == "已收到 2/10 个县区，按时 1 个（逾期 4 天）"
    assert _states(b, "三江侗族自治县", date(2025, 4, 24))[0] == "已报送（4月23日，逾期 3 天）"

    # A sends 附件5/6; the city returns it with a reason and says so in its next 下发包.
    units_a = submit_stage(a, "units", "柳南", folder / "A-5.lzbs", now=datetime(2025, 5, 8, 11))
    import_package(city, units_a.path, now=datetime(2025, 5, 9))
    returned = review_submission(city, units_a.path, RETURNED, "附件5缺少  单位联系电话", now=datetime(2025, 5, 9))
    assert returned.changed and returned.reason == "附件5缺少 单位联系电话"
    assert _cells(city, "柳南区", date(2025, 5, 9))[1] == "已退回（5月8日报送）"
    second = folder / "下发包-0509.lzxf"
    export_directive(city, second, 2025, now=datetime(2025, 5, 9, 17))
    plan = apply_directive(a, second)
    assert "市卫健委退回了柳南05月08日报送的单位名单与授课计划（附件5、6）：附件5缺少 单位联系电话" in plan.lines
    assert _states(a, "柳南区", date(2025, 5, 10))[1] == "已退回（附件5缺少 单位联系电话）"
    with pytest.raises(AppError, match="较旧的下发包"):
        apply_directive(a, older)
    assert apply_directive(b, second).lines == ["柳南补助名额：2 → 3 场"]  # 柳南's return is not 三江's
    assert _states(b, "三江侗族自治县", date(2025, 5, 10))[1] == "未报送（还剩 5 天）"

    # A fixes it and reports the stage again; the new one supersedes, the history stays.
    with a.transaction() as session:
        save_unit(session, UnitDraft(district="柳南", name="柳南补报单位", kind="学校", categories=["心理健康"],
                                     phone="0772-2222222"))
    again_a = submit_stage(a, "units", "柳南", folder / "A-5b.lzbs", now=datetime(2025, 5, 14, 9))
    assert _states(a, "柳南区", date(2025, 5, 14))[1] == "已报送（5月14日）"
    import_package(city, again_a.path, now=datetime(2025, 5, 14, 15))
    assert _cells(city, "柳南区", date(2025, 5, 14))[1] == "按时（5月14日）"
    with city.session() as session:
        history = [r for r in list_submissions(session, 2025) if r.district == "柳南区" and r.stage == "units"]
    assert [(r.current, r.decision) for r in history] == [(True, None), (False, RETURNED)]
    with pytest.raises(AppError, match="已被"):
        review_submission(city, history[1].id, ACCEPTED)  # the superseded one is not the one to review

    # The city accepts, through the command line; A sees it after the next 下发包.
    assert run(["--db", str(city.path), "review", str(history[0].id), "--accept"]) == 0
    third = folder / "下发包-0516.lzxf"
    assert run(["--db", str(city.path), "directive", "export", "--year", "2025", "-o", str(third)]) == 0
    assert run(["--db", str(a.path), "directive", "import", str(third)]) == 0
    assert _states(a, "柳南区", date(2025, 5, 20))[:2] == ["已报送（4月18日）", "已受理（5月14日报送）"]
    assert _cells(city, "柳南区", date(2025, 5, 20))[:2] == ["按时（4月18日）", "已受理（5月14日，按时）"]
    with city.session() as session:
        units = next(d for d in campaign_progress(session, 2025, today=date(2025, 5, 20)).deadlines
                     if d.stage == "units")
    assert (units.received, units.on_time, units.expected) == (1, 1, 10)

    # Nothing 柳南 typed was lost to three 下发包; its own unit is still there.
    with a.session() as session:
        assert session.get(Expert, YANG_JING).phone == "0772-1111111"
        own = [e for e in session.query(Expert).filter(Expert.name == "柳南专家")]
        assert own[0].phone == "13800000000"
    assert _summary_never_claimed(a)


def _summary_never_claimed(db: Database) -> bool:
    """The summary stage was never submitted: at no day of the year is it 已报送/已完成."""
    for day in (date(2025, 1, 1), date(2025, 11, 20), date(2025, 12, 31)):
        state = _states(db, "柳南区", day)[2]
        if "已报送" in state or "已完成" in state or "已受理" in state:
            return False
    return True


def test_an_older_stage_package_is_recorded_but_replaces_no_data(year, capsys) -> None:
    """The city opens its mail in the wrong order: 附件5/6 first, then the older 附件3."""
    dbs, folder = year
    a, city = dbs["A"], dbs["city"]
    experts = submit_stage(a, "experts", "柳南", folder / "A-3.lzbs", now=datetime(2025, 4, 15, 9))
    with a.transaction() as session:
        save_unit(session, UnitDraft(district="柳南", name="柳南新单位", kind="社区", categories=["心理健康"]))
    units = submit_stage(a, "units", "柳南", folder / "A-5.lzbs", now=datetime(2025, 5, 10, 9))
    import_package(city, units.path)
    assert run(["--db", str(city.path), "package", "import", str(experts.path)]) == 0
    assert "已记为 柳南区 专家名单（附件3）的报送" in capsys.readouterr().out
    assert _cells(city, "柳南区", date(2025, 5, 11))[:2] == ["按时（4月15日）", "按时（5月10日）"]
    with city.session() as session:
        assert campaign_progress(session, 2025).districts[3].distinct.units == 2  # the newer data stays
        assert session.query(Unit).filter(Unit.name == "柳南新单位", Unit.deleted_at.is_(None)).count() == 1


def test_submissions_command(year, capsys) -> None:
    dbs, folder = year
    sent = folder / "A.lzbs"
    assert run(["--db", str(dbs["A"].path), "submit", "experts", "--district", "柳南", "-o", str(sent)]) == 0
    assert "已报送 柳南区 2025 年度专家名单（附件3）" in capsys.readouterr().out
    assert run(["--db", str(dbs["city"].path), "package", "import", str(sent)]) == 0
    assert "记为 专家名单（附件3）的报送" in capsys.readouterr().out
    assert run(["--db", str(dbs["city"].path), "package", "import", str(sent)]) == 0
    assert "已导入过，没有改动" in capsys.readouterr().out
    assert run(["--db", str(dbs["city"].path), "submissions", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    liunan = next(d for d in data["districts"] if d["district"] == "柳南区")
    assert liunan["stages"][0]["kind"] == "submitted"
    assert [s["stage"] for s in data["submissions"]] == ["experts"]
    assert run(["--db", str(dbs["city"].path), "review", str(sent), "--return", ""]) == 2
    assert "退回时请写明原因" in capsys.readouterr().err
    assert run(["--db", str(dbs["city"].path), "review", str(sent), "--return", "缺 <b>&职称"]) == 0
    assert run(["--db", str(dbs["city"].path), "submissions", "--list"]) == 0
    assert "已退回（缺 <b>&职称）" in capsys.readouterr().out
    assert run(["--db", str(dbs["A"].path), "submit", "nonsense", "--district", "柳南", "-o", str(sent)]) == 2
    assert run(["--db", str(dbs["city"].path), "review", "999", "--accept"]) == 1
    assert "没有找到编号 999" in capsys.readouterr().err


def test_a_district_cannot_submit_for_another_district(year, capsys) -> None:
    dbs, folder = year
    sent = folder / "other.lzbs"
    before = list_submissions_of(dbs["A"])
    assert run(["--db", str(dbs["A"].path), "submit", "experts", "--district", "三江", "-o", str(sent)]) == 1
    assert "只能报送柳南区的数据，不能替三江侗族自治县报送" in capsys.readouterr().err
    assert not sent.exists()
    assert list_submissions_of(dbs["A"]) == before
    # Its own district, by short or full name, goes through.
    assert run(["--db", str(dbs["A"].path), "submit", "experts", "--district", "柳南区", "-o", str(sent)]) == 0


def list_submissions_of(db: Database) -> list[object]:
    with db.session() as session:
        return [(s.stage, s.digest) for s in list_submissions(session)]
