"""The 下发包's rules: a new year arrives with it; foreign, changed or misaddressed files are refused
with a clear sentence and nothing written; what a district typed is never overwritten."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from liuzhou_gui.cli.main import run
from liuzhou_gui.domain.drafts import ExpertDraft
from liuzhou_gui.domain.errors import AppError
from liuzhou_gui.services import installation
from liuzhou_gui.services.exchange.directive import apply_directive, export_directive, preview_directive
from liuzhou_gui.services.exchange.package_export import export_package
from liuzhou_gui.storage.campaigns import add_campaign
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.experts import save_expert
from liuzhou_gui.storage.lookups import campaign_for_year, campaign_years
from liuzhou_gui.storage.models import AppliedDirective, AuditEntry, Expert


@pytest.fixture
def pair(tmp_path: Path):
    city, district = Database.open(tmp_path / "city.sqlite3"), Database.open(tmp_path / "liunan.sqlite3")
    with city.transaction() as session:
        campaign = add_campaign(session, 2026)
        campaign.units_deadline = date(2026, 5, 22)
        save_expert(session, ExpertDraft(name="韦市级", level="市级", category="心理健康", unit="柳州市工人医院",
                                         district="柳南", phone="0772-3333333", title="主任医师", group="第一组"))
    with district.transaction() as session:
        installation.save(session, "柳南区卫生健康局", "张三", "0772-2868517")
        # 柳南 typed this expert itself, with its own title and no phone.
        save_expert(session, ExpertDraft(name="韦市级", level="市级", category="心理健康", unit="柳州市工人医院",
                                         district="柳南", title="副院长"))
    yield city, district, tmp_path
    city.close()
    district.close()


def _state(db: Database) -> tuple:
    with db.session() as session:
        return (campaign_years(session), session.query(Expert).count(), session.query(AuditEntry).count(),
                session.query(AppliedDirective).count())


def test_a_new_year_comes_with_the_directive_and_typed_fields_stay(pair) -> None:
    city, district, folder = pair
    path = folder / "2026.lzxf"
    export_directive(city, path, 2026, now=datetime(2026, 2, 1))
    plan = apply_directive(district, path)
    assert plan.lines == [
        "新增 2026 年度活动（计划 100 场、补助名额 18 场，截止日期2026年4月18日、2026年5月22日、2026年11月20日，"
        "按市卫健委下发）",
        "补充专家韦市级的联系电话、分组",  # its 职称 typed by 柳南 (副院长) stays
    ]
    with district.session() as session:
        assert campaign_for_year(session, 2026).units_deadline == date(2026, 5, 22)
        expert = session.query(Expert).filter(Expert.name == "韦市级").one()
        assert (expert.title, expert.phone, expert.group_name) == ("副院长", "0772-3333333", "第一组")
    assert preview_directive(district, path).already_applied


def test_refused_files_write_nothing(pair, capsys) -> None:
    city, district, folder = pair
    good = folder / "good.lzxf"
    export_directive(city, good, 2026, now=datetime(2026, 2, 1))
    before = _state(district)

    changed = folder / "changed.lzxf"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(changed, "w") as copy:
        for info in source.infolist():
            data = source.read(info)
            copy.writestr(info, data.replace(b"2026-05-22", b"2026-05-29") if info.filename == "data.json"
                          else data)
    foreign = folder / "foreign.lzxf"
    foreign.write_bytes(b"=1+1 <b>&" * 1000)
    report = export_package(district, "柳南", folder / "report.lzxf", 2025)  # a 报送包 under the wrong name
    export_directive(city, folder / "sanjiang.lzxf", 2026, district="三江", now=datetime(2026, 2, 2))
    for path, words in ((changed, "下发包"), (foreign, "下发包"), (report, "下发包"),
                        (folder / "sanjiang.lzxf", "发给三江"), (folder / "missing.lzxf", "找不到")):
        with pytest.raises(AppError, match=words):
            apply_directive(district, path)
        assert _state(district) == before
    assert run(["--db", str(district.path), "directive", "import", str(foreign)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "Traceback" not in err and err.count("\n") == 1


def test_the_command_line_previews_then_applies(pair, capsys) -> None:
    city, district, folder = pair
    path = folder / "d.lzxf"
    assert run(["--db", str(city.path), "directive", "export", "--district", "柳南", "-o", str(path)]) == 0
    assert "发给柳南区" in capsys.readouterr().out
    before = _state(district)
    assert run(["--db", str(district.path), "directive", "import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "新增 2026 年度活动" in out and "未应用" in out and _state(district) == before
    assert run(["--db", str(district.path), "directive", "import", str(path)]) == 0
    assert "已应用" in capsys.readouterr().out
    assert run(["--db", str(district.path), "directive", "import", str(path)]) == 0
    assert "已应用过，没有改动" in capsys.readouterr().out
