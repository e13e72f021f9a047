"""What a district's 报送包 may change in the city's database, and what it never may.

Packages are crafted the way a careless or hostile sender would (package_file.write_package keeps the
checksum right), then imported: refused with their own sentence, exit 1, the city's data unchanged.
"""

from __future__ import annotations

import copy
import json
import sqlite3
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from liuzhou_gui.cli.main import run
from liuzhou_gui.domain.drafts import ExpertDraft, LectureDraft, UnitDraft
from liuzhou_gui.domain.errors import AppError
from liuzhou_gui.services.exchange.package_export import export_package
from liuzhou_gui.services.exchange.package_file import write_package
from liuzhou_gui.services.exchange.package_import import import_package
from liuzhou_gui.storage.campaigns import add_campaign
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.experts import save_expert
from liuzhou_gui.storage.lectures import save_lecture
from liuzhou_gui.storage.models import Expert, Unit
from liuzhou_gui.storage.units import save_unit

REGIONAL_YANG_JING = 1


def _contents(path: Path) -> tuple[dict, dict, dict[str, bytes]]:
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        data = json.loads(archive.read("data.json"))
        attachments = {n.removeprefix("附件/"): archive.read(n) for n in archive.namelist() if n.startswith("附件/")}
    return manifest, data, attachments


def _craft(source: Path, target: Path, change_data=None, change_manifest=None) -> Path:
    """A copy of a genuine package with data.json and/or the manifest changed, checksum recomputed."""
    manifest, data, attachments = _contents(source)
    if change_data:
        changed = copy.deepcopy(data)
        data = change_data(changed) or changed
    if change_manifest:
        changed = dict(manifest)
        manifest = change_manifest(changed) or changed
    for key in ("format", "format_version", "kind", "members", "content_sha256"):  # the container writes them
        manifest.pop(key, None)
    return write_package(target, manifest, data, attachments)


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [line for line in conn.iterdump() if "received_package" not in line]
    finally:
        conn.close()


@pytest.fixture
def liunan(tmp_path: Path) -> Database:
    db = Database.open(tmp_path / "liunan.sqlite3")
    with db.transaction() as session:
        units = [save_unit(session, UnitDraft(district="柳南", name=f"柳南单位{i}", kind="企业",
                                              categories=["职业健康"])).id for i in range(3)]
        local = save_expert(session, ExpertDraft(name="柳南专家", level="县区级", category="职业健康",
                                                 unit="柳南区疾控中心", district="柳南")).id
        for i in range(2):
            save_lecture(session, LectureDraft(
                year=2025, district="柳南", held_on=date(2025, 6, 1 + i), place=f"会场{i}", unit_ids=[units[i]],
                categories=["职业健康"], expert_ids=[REGIONAL_YANG_JING, local], attendance=40, status="held",
            ))
    yield db
    db.close()


@pytest.fixture
def genuine(liunan: Database, tmp_path: Path) -> Path:
    return export_package(liunan, "柳南", tmp_path / "柳南.lzbs")


@pytest.fixture
def city(tmp_path: Path) -> Path:
    path = tmp_path / "city" / "city.sqlite3"
    path.parent.mkdir()
    db = Database.open(path)
    with db.transaction() as session:
        save_expert(session, ExpertDraft(name="柳北专家", level="县区级", category="职业健康", unit="柳南区疾控中心",
                                         district="柳北", bank_card="6222021234567890128"))
        save_unit(session, UnitDraft(district="柳北", name="柳北单位", kind="企业", categories=["职业健康"]))
    db.close()
    return path


def _refused(city: Path, package: Path, sentence: str, capsys) -> None:
    before = _dump(city)
    capsys.readouterr()
    assert run(["--db", str(city), "package", "import", str(package)]) == 1
    err = capsys.readouterr().err
    assert sentence in err, err
    assert "程序内部出错" not in err and err.count("\n") == 1
    assert _dump(city) == before


def _unit(data: dict, **fields) -> dict:
    data["units"][0].update(fields)
    return data


CONTENT_FAULTS = {
    "unit of another district": (lambda d: _unit(d, district="柳北区"), "属于柳北区"),
    "unit of an unknown district": (lambda d: _unit(d, district="火星"), "不属于这个报送包的县区"),
    "session of another district": (lambda d: d["sessions"][0].update(district="三江") or d, "属于三江侗族自治县"),
    "units not a list": (lambda d: d.update(units={"a": 1}) or d, "“units”应为单位的列表"),
    "units missing": (lambda d: d.pop("units") and d, "缺少“units”"),
    "record not an object": (lambda d: d["experts"].append("张三") or d, "不是一条记录"),
    "name is a number": (lambda d: _unit(d, name=5), "“name”应为文字"),
    "categories not a list": (lambda d: _unit(d, categories="职业健康"), "“categories”应为文字的列表"),
    "worker count is text": (lambda d: _unit(d, worker_count="很多"), "“worker_count”应为整数"),
    "date is not a date": (lambda d: d["sessions"][0].update(held_on="明天") or d, "“held_on”应为日期"),
    "attendance is a bool": (lambda d: d["sessions"][0].update(attendance=True) or d, "“attendance”应为整数"),
    "ref missing": (lambda d: d["units"][0].pop("ref") and d, "缺少编号"),
    "ref repeated": (lambda d: _unit(d, ref=d["units"][1]["ref"]), "重复"),
    "unit reference dangling": (lambda d: d["sessions"][0].update(unit_ids=[999999]) or d, "覆盖单位不在报送包中"),
    "expert reference dangling": (lambda d: d["sessions"][0].update(expert_ids=[999999]) or d, "授课专家不在报送包中"),
    "unit listed twice": (lambda d: _unit(d, name=d["units"][1]["name"]), "同名"),
    "year is text": (lambda d: d.update(year="2025") or d, "年度“2025”无效"),
    "district name of 10,000 characters": (lambda d: d.update(district="柳" * 10_000) or d, "不是柳州市的县区"),
    "district is a list": (lambda d: d.update(district=["柳南"]) or d, "不是柳州市的县区"),
    "reporter of 10,000 characters": (lambda d: d.update(reporter="张" * 10_000) or d, "填报人"),
    "reporter phone not a phone": (lambda d: d.update(reporter_phone="=1+1") or d, "联系电话"),
    "reporter is a number": (lambda d: d.update(reporter=12) or d, "填报人和联系电话应为文字"),
    "unit name of 10,000 characters": (lambda d: _unit(d, name="𠮷" * 10_000), "不符合规则"),
    "expert from a foreign district unknown to the city":
        (lambda d: d["experts"][0].update(level="县区级", district="鹿寨", name="某某") or d, "请先导入该县区的报送包"),
}


@pytest.mark.parametrize("fault", list(CONTENT_FAULTS))
def test_a_package_breaking_a_content_rule_is_refused_whole(genuine, city, tmp_path, fault, capsys) -> None:
    change, sentence = CONTENT_FAULTS[fault]
    _refused(city, _craft(genuine, tmp_path / "bad.lzbs", change), sentence, capsys)


MANIFEST_FAULTS = {
    "another district shown": (lambda m: m.update(district="柳北区"), "不一致"),
    "another year shown": (lambda m: m.update(year=2024), "不一致"),
    "other counts shown": (lambda m: m.update(counts={"units": 1, "experts": 0, "sessions": 0}), "记录数"),
    "made in the future": (lambda m: m.update(created_at=(datetime.now() + timedelta(days=400)).isoformat()),
                           "晚于本机现在的时间"),
    "no creation time": (lambda m: m.update(created_at="昨天"), "生成时间"),
}


@pytest.mark.parametrize("fault", list(MANIFEST_FAULTS))
def test_what_the_confirmation_shows_is_what_is_imported(genuine, city, tmp_path, fault, capsys) -> None:
    change, sentence = MANIFEST_FAULTS[fault]
    _refused(city, _craft(genuine, tmp_path / "bad.lzbs", change_manifest=change), sentence, capsys)


def test_data_that_is_not_an_object(genuine, city, tmp_path, capsys) -> None:
    _refused(city, _craft(genuine, tmp_path / "list.lzbs", lambda d: ["x"]), "不是本软件生成的格式", capsys)


def _expert(db_path: Path, name: str) -> Expert:
    db = Database.open(db_path)
    try:
        with db.session() as session:
            return session.scalars(select(Expert).where(Expert.name == name)).one()
    finally:
        db.close()


def test_the_citys_experts_are_referenced_never_changed(liunan, city, tmp_path) -> None:
    with liunan.transaction() as session:
        yang = session.get(Expert, REGIONAL_YANG_JING)
        draft = ExpertDraft(name=yang.name, level=yang.level, category=yang.category.name, unit=yang.unit,
                            title="篡改的职称", bank_card="6222021234567890128")
        save_expert(session, draft, REGIONAL_YANG_JING)
        # The district's own expert named like another district's: matched within its own district only.
        save_expert(session, ExpertDraft(name="柳北专家", level="县区级", category="职业健康", unit="柳北医院",
                                         district="柳南", bank_card="6222020200112233446"))
    city_db = Database.open(city)
    try:
        with city_db.transaction() as session:  # the city's own copy holds the card it pays to
            yang = session.get(Expert, REGIONAL_YANG_JING)
            city_card = ExpertDraft(name=yang.name, level=yang.level, category=yang.category.name, unit=yang.unit,
                                    title=yang.title, bank_card="6222020200112233446")
            save_expert(session, city_card, REGIONAL_YANG_JING)
    finally:
        city_db.close()
    before = _expert(city, "杨静")
    city_db = Database.open(city)
    try:
        import_package(city_db, export_package(liunan, "柳南", tmp_path / "p.lzbs"))
    finally:
        city_db.close()
    after = _expert(city, "杨静")
    # (An EMPTY regional card is filled from a package by submissions.fill_regional_cards, the cycle's rule.)
    assert (after.title, after.bank_card) == (before.title, before.bank_card) == (before.title, "6222020200112233446")
    assert _expert(city, "柳南专家").district_id is not None
    liubei = Database.open(city)
    with liubei.session() as session:
        rows = session.scalars(select(Expert).where(Expert.name == "柳北专家").order_by(Expert.id)).all()
        # 柳北's expert keeps its card; 柳南's namesake is a new row of 柳南 (its card travels only in
        # a package encrypted to the city).
        assert [r.unit for r in rows] == ["柳南区疾控中心", "柳北医院"]
        assert rows[0].bank_card == "6222021234567890128" and rows[0].district_id != rows[1].district_id
        assert session.scalars(select(Unit.name).where(Unit.district_id != rows[1].district_id)).all() == ["柳北单位"]
    liubei.close()


def test_a_city_expert_is_added_once_and_then_never_changed(liunan, city, tmp_path) -> None:
    with liunan.transaction() as session:
        team = save_expert(session, ExpertDraft(name="市队专家", level="市级", category="职业健康",
                                                unit="柳州市人民医院", district="柳南", group="第一组"))
    first = export_package(liunan, "柳南", tmp_path / "1.lzbs")
    with liunan.transaction() as session:
        save_expert(session, ExpertDraft(name="市队专家", level="市级", category="职业健康", unit="柳州市人民医院",
                                         district="柳南", group="第一组", bank_card="6222021234567890128"), team.id)
    second = _craft(export_package(liunan, "柳南", tmp_path / "2.lzbs"), tmp_path / "2b.lzbs",
                    change_manifest=lambda m: m.update(created_at=(datetime.now() + timedelta(minutes=1)).isoformat()))
    city_db = Database.open(city)
    try:
        import_package(city_db, first)
        import_package(city_db, second)
    finally:
        city_db.close()
    assert _expert(city, "市队专家").bank_card == ""


def _years_city(tmp_path: Path, liunan: Database) -> tuple[Path, Path, Database]:
    """柳南 reports 2024 (units A, B; a session covering A) and later 2025 (units B, C only)."""
    with liunan.transaction() as session:
        add_campaign(session, 2024)
        a = save_unit(session, UnitDraft(district="柳南", name="去年单位", kind="学校", categories=["心理健康"]))
        save_lecture(session, LectureDraft(year=2024, district="柳南", held_on=date(2024, 6, 3), place="去年会场",
                                           unit_ids=[a.id], categories=["心理健康"], attendance=10, status="held"))
    last_year = export_package(liunan, "柳南", tmp_path / "2024.lzbs", 2024)
    last_year = _craft(last_year, tmp_path / "2024b.lzbs",
                       change_manifest=lambda m: m.update(created_at=(datetime.now() - timedelta(days=30)).isoformat()))
    this_year = export_package(liunan, "柳南", tmp_path / "2025.lzbs", 2025)
    return last_year, this_year, liunan


def _live_units(path: Path) -> set[str]:
    db = Database.open(path)
    try:
        with db.session() as session:
            return set(session.scalars(select(Unit.name).where(Unit.deleted_at.is_(None))))
    finally:
        db.close()


def test_last_years_package_after_this_years_trashes_nothing(liunan, city, tmp_path) -> None:
    last_year, this_year, _ = _years_city(tmp_path, liunan)
    city_db = Database.open(city)
    try:
        import_package(city_db, this_year)
        late = import_package(city_db, last_year)
    finally:
        city_db.close()
    assert late.newer_seen is not None
    assert _live_units(city) == {"柳北单位", "柳南单位0", "柳南单位1", "柳南单位2", "去年单位"}


def test_units_covered_by_another_years_sessions_stay(liunan, city, tmp_path) -> None:
    last_year, _, _ = _years_city(tmp_path, liunan)
    with liunan.transaction() as session:
        # The district drops last year's session and its unit, then sends this year's list.
        from liuzhou_gui.storage.lectures import delete_lecture
        from liuzhou_gui.storage.models import Lecture
        from liuzhou_gui.storage.units import delete_unit

        old = session.scalars(select(Lecture).where(Lecture.place == "去年会场")).one()
        delete_lecture(session, old.id)
        delete_unit(session, session.scalars(select(Unit.id).where(Unit.name == "去年单位")).one(), even_if_used=True)
    this_year = export_package(liunan, "柳南", tmp_path / "2025-late.lzbs", 2025)
    city_db = Database.open(city)
    try:
        import_package(city_db, last_year)
        import_package(city_db, this_year)
    finally:
        city_db.close()
    # The city still holds last year's session (from last year's package): its unit is kept.
    assert "去年单位" in _live_units(city)


def test_a_future_package_received_before_never_locks_out_the_next(liunan, city, tmp_path) -> None:
    from liuzhou_gui.storage.lookups import district_by_name
    from liuzhou_gui.storage.models import ReceivedPackage

    genuine = export_package(liunan, "柳南", tmp_path / "now.lzbs")
    city_db = Database.open(city)
    try:
        with city_db.transaction() as session:  # what an older version of the app let in
            session.add(ReceivedPackage(district_id=district_by_name(session, "柳南").id, year=2025,
                                        created_at=datetime(2099, 1, 1), content_sha256="x"))
        result = import_package(city_db, genuine)
    finally:
        city_db.close()
    assert result.newer_seen is None and "柳南单位0" in _live_units(city)


def test_a_district_name_of_ten_thousand_characters_is_one_short_line(city, capsys) -> None:
    assert run(["--db", str(city), "district", "show", "--district", "柳" * 10_000]) == 2
    err = capsys.readouterr().err
    assert "没有名为" in err and len(err) < 300


def test_an_older_package_is_still_refused_when_forced_with_bad_rows(genuine, city, tmp_path, capsys) -> None:
    bad = _craft(genuine, tmp_path / "bad.lzbs", lambda d: _unit(d, district="柳北区"))
    before = _dump(city)
    assert run(["--db", str(city), "package", "import", "--force", str(bad)]) == 1
    assert "属于柳北区" in capsys.readouterr().err and _dump(city) == before
    with pytest.raises(AppError):
        city_db = Database.open(city)
        try:
            import_package(city_db, bad, force=True)
        finally:
            city_db.close()
