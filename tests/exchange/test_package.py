"""报送包: two districts into a city database, verified, idempotent, newest wins, nothing half-written."""

from __future__ import annotations

import json
import zipfile
from datetime import date, time
from pathlib import Path

import pytest

from liuzhou_gui.cli.main import run
from liuzhou_gui.domain.drafts import ExpertDraft, LectureDraft, UnitDraft
from liuzhou_gui.domain.errors import AppError
from liuzhou_gui.services.exchange.package_export import export_package
from liuzhou_gui.services.exchange.package_import import import_package, received_packages
from liuzhou_gui.services.trust.keys import installation_key
from liuzhou_gui.services.trust.sealing import sign
from liuzhou_gui.storage import trusted_keys
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.experts import save_expert
from liuzhou_gui.storage.lectures import save_lecture
from liuzhou_gui.storage.statistics import campaign_progress
from liuzhou_gui.storage.units import save_unit

REGIONAL_YANG_JING = 1  # the first regional expert of 附件4, seeded in every database


def _fill_district(db: Database, district: str, sessions: int, prefix: str) -> None:
    with db.transaction() as session:
        units = [
            save_unit(session, UnitDraft(district=district, name=f"{prefix}单位{i}", kind="企业",
                                         categories=["职业健康", "心理健康"], phone="0772-2868517")).id
            for i in range(5)
        ]
        local = save_expert(session, ExpertDraft(
            name=f"{prefix}专家", level="县区级", category="职业健康", unit=f"{prefix}疾控中心",
            district=district, bank_card="6222021234567890128",
        )).id
        for i in range(sessions):
            save_lecture(session, LectureDraft(
                year=2025, district=district, held_on=date(2025, 6, 1 + i), start_time=time(9), end_time=time(11),
                place=f"{prefix}会议室 A&B <1>", unit_ids=units[i % 5: i % 5 + 2],
                categories=["职业健康"] if i % 2 else ["职业健康", "慢性病管理"],
                expert_ids=[REGIONAL_YANG_JING, local] if i % 3 == 0 else [local],
                attendance=50 + i, status="held" if i < sessions - 1 else "planned", subsidised=i == 0,
            ))


@pytest.fixture
def district_dbs(tmp_path: Path) -> dict[str, Database]:
    dbs = {"柳南": Database.open(tmp_path / "liunan.sqlite3"), "三江": Database.open(tmp_path / "sanjiang.sqlite3")}
    _fill_district(dbs["柳南"], "柳南", 6, "柳南")
    _fill_district(dbs["三江"], "三江", 4, "三江")
    city_key = installation_key()  # one profile in these tests: the city's key is this installation's
    for source in dbs.values():  # the districts know it (from a 下发包): packages are encrypted, cards travel
        with source.transaction() as session:
            trusted_keys.record(session, trusted_keys.CITY, city_key.fingerprint, city_key.office,
                                city_key.certificate_pem, "imported")
    yield dbs
    for db in dbs.values():
        db.close()


def _package(db: Database, district: str, folder: Path) -> Path:
    return export_package(db, district, folder / f"{district}.lzbs")


def _figures(db: Database, district: str) -> dict:
    with db.session() as session:
        progress = campaign_progress(session, 2025)
    part = next(p for p in progress.districts if p.district.startswith(district))
    data = part.as_json()
    return {key: data[key] for key in ("categories", "total", "distinct", "regional_sessions", "subsidy")}


def test_two_districts_arrive_with_the_same_statistics(
    district_dbs: dict[str, Database], db: Database, tmp_path: Path
) -> None:
    for name, source in district_dbs.items():
        result = import_package(db, _package(source, name, tmp_path))
        assert result.year == 2025 and not result.replaced_older
        assert _figures(db, name) == _figures(source, name)
    with db.session() as session:
        city = campaign_progress(session, 2025)
    # The city's figures are the sum of the districts'.
    assert city.distinct.sessions == sum(p.distinct.sessions for p in city.districts) == 5 + 3
    assert city.total.people == sum(p.total.people for p in city.districts)
    assert city.regional_sessions == sum(p.regional_sessions for p in city.districts)
    # The regional expert is shared, never duplicated; bank cards travel for 附件6.
    with db.session() as session:
        from sqlalchemy import func, select

        from liuzhou_gui.storage.models import Expert

        assert session.scalar(select(func.count()).select_from(Expert).where(Expert.name == "杨静")) == 1
        assert session.scalar(select(Expert.bank_card).where(Expert.name == "柳南专家")) == "6222021234567890128"
    assert {row["district"] for row in received_packages(db)} == {"柳南区", "三江侗族自治县"}


def test_importing_the_same_package_twice_gives_the_same_result(
    district_dbs: dict[str, Database], db: Database, tmp_path: Path
) -> None:
    package = _package(district_dbs["柳南"], "柳南", tmp_path)
    import_package(db, package)
    first = _figures(db, "柳南")
    again = import_package(db, package)
    assert again.replaced_older
    assert _figures(db, "柳南") == first


def test_a_newer_package_replaces_and_an_older_one_changes_nothing_unless_forced(
    district_dbs: dict[str, Database], db: Database, tmp_path: Path
) -> None:
    source = district_dbs["柳南"]
    old = export_package(source, "柳南", tmp_path / "old.lzbs")
    _rewrite_manifest(old, created_at="2025-06-01T08:00:00")
    with source.transaction() as session:
        unit = save_unit(session, UnitDraft(district="柳南", name="新增单位", kind="学校", categories=["心理健康"]))
        save_lecture(session, LectureDraft(year=2025, district="柳南", held_on=date(2025, 9, 1), place="学校礼堂",
                                           unit_ids=[unit.id], categories=["心理健康"], attendance=300, status="held"))
    new = export_package(source, "柳南", tmp_path / "new.lzbs")
    import_package(db, new)
    newer = _figures(db, "柳南")
    late = import_package(db, old)
    assert late.newer_seen is not None and not late.replaced_older
    assert _figures(db, "柳南") == newer
    import_package(db, old, force=True)
    assert _figures(db, "柳南")["distinct"]["sessions"] == newer["distinct"]["sessions"] - 1


def _rewrite_manifest(path: Path, **changes: str) -> None:
    """Change manifest fields the way a newer or older app would have written them (checksum intact)."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(members["manifest.json"]) | changes
    members["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    members["manifest.sig"] = sign(installation_key(), members["manifest.json"])  # the district signs what it wrote
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)


def _tamper_data(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    data = bytearray(members["data.json"])  # encrypted to the city: one byte changed anywhere
    data[len(data) // 2] ^= 0x01
    members["data.json"] = bytes(data)
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)


@pytest.mark.parametrize("damage", ["tamper", "truncate", "not_zip", "newer_schema"])
def test_a_damaged_or_foreign_package_is_refused_and_nothing_is_written(
    district_dbs: dict[str, Database], db: Database, tmp_path: Path, damage: str
) -> None:
    package = _package(district_dbs["柳南"], "柳南", tmp_path)
    if damage == "tamper":
        _tamper_data(package)
    elif damage == "truncate":
        package.write_bytes(package.read_bytes()[: package.stat().st_size // 2])
    elif damage == "not_zip":
        package.write_text("这不是报送包", encoding="utf-8")
    else:
        _rewrite_manifest(package, schema_version="9999")
    before = _figures(db, "柳南")
    with pytest.raises(AppError) as refused:
        import_package(db, package)
    assert any(word in refused.value.message for word in ("校验码", "损坏", "不是本软件", "更新版本"))
    assert _figures(db, "柳南") == before
    assert received_packages(db) == []


def test_cancelling_an_import_writes_nothing(district_dbs: dict[str, Database], db: Database, tmp_path: Path) -> None:
    package = _package(district_dbs["柳南"], "柳南", tmp_path)
    with pytest.raises(AppError, match="已取消"):
        import_package(db, package, cancelled=lambda: True)
    assert _figures(db, "柳南")["distinct"]["sessions"] == 0
    assert received_packages(db) == []


def test_command_line_package_round_trip(
    district_dbs: dict[str, Database], db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    source = district_dbs["三江"]
    source.close()
    package = tmp_path / "三江.lzbs"
    assert run(["--db", str(source.path), "package", "export", "--district", "三江", "-o", str(package)]) == 0
    assert run(["--db", str(db_path), "package", "import", str(package)]) == 0
    assert "已导入 三江侗族自治县 2025 年度报送包" in capsys.readouterr().out
    assert run(["--db", str(db_path), "package", "list"]) == 0
    assert "三江侗族自治县" in capsys.readouterr().out
    package.write_bytes(b"PK\x03\x04broken")
    assert run(["--db", str(db_path), "package", "import", str(package)]) == 1
    err = capsys.readouterr().err
    assert "报送包" in err and "Traceback" not in err
    assert run(["--db", str(db_path), "package", "export", "-o", str(package)]) == 2


def test_city_summary_rows_add_up_to_the_city_total(
    district_dbs: dict[str, Database], db: Database, tmp_path: Path
) -> None:
    from liuzhou_gui.services.consolidation import HEADERS, summary_rows

    for name, source in district_dbs.items():
        import_package(db, _package(source, name, tmp_path))
    year, rows = summary_rows(db)
    assert year == 2025 and [r.name for r in rows][:3] == ["柳北", "城中", "鱼峰"] and rows[-1].name == "全市合计"
    cells = [r.cells() for r in rows]
    assert all(len(c) == len(HEADERS) for c in cells)
    for column in range(1, 7):  # sessions per category, 合计 and 实际场次
        assert cells[-1][column] == sum(c[column] for c in cells[:-1])
    assert cells[-1][9] == sum(c[9] for c in cells[:-1])  # units covered
    liunan = next(c for c in cells if c[0] == "柳南")
    assert liunan[-1] != "" and next(c for c in cells if c[0] == "柳北")[-1] == ""


def test_the_package_carries_the_stamped_tables_and_the_city_keeps_them(
    district_dbs: dict[str, Database], db: Database, tmp_path: Path
) -> None:
    from PIL import Image, ImageDraw
    from pypdf import PdfReader

    from liuzhou_gui.services.district_settings import update_settings

    seal = tmp_path / "seal.png"
    image = Image.new("RGB", (300, 300), "white")
    ImageDraw.Draw(image).ellipse((10, 10, 290, 290), outline=(200, 20, 20), width=12)
    image.save(seal)
    update_settings(district_dbs["柳南"], "柳南", seal=seal)
    package = _package(district_dbs["柳南"], "柳南", tmp_path)
    with zipfile.ZipFile(package) as archive:
        names = sorted(n for n in archive.namelist() if n.startswith("附件/"))
    assert names == ["附件/附件2.pdf", "附件/附件3.pdf", "附件/附件5.pdf", "附件/附件6.pdf"]

    result = import_package(db, package)
    kept = sorted(p.name for p in result.tables_folder.iterdir())
    assert kept == ["附件2.pdf", "附件3.pdf", "附件5.pdf", "附件6.pdf"]
    assert result.tables_folder.parts[-2:] == ("2025", "柳南区")
    report = PdfReader(result.tables_folder / "附件2.pdf")
    assert "柳南区卫生健康局（盖章）" in report.pages[0].extract_text()
    assert "/XObject" in report.pages[0]["/Resources"]  # the district's seal came with it
