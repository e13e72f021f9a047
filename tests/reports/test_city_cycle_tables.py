"""The city-wide 附件6 for the region and the settlement list: equal to the districts' data, over-quota flagged."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from read_back import pdf_images, pdf_text, xlsx_body

from liuzhou_gui.cli.main import run
from liuzhou_gui.domain.drafts import ExpertDraft, LectureDraft, UnitDraft
from liuzhou_gui.services.exchange.package_export import export_package
from liuzhou_gui.services.exchange.package_import import import_package
from liuzhou_gui.services.reports.cycle_tables import city_lecture_plan_table, settlement_table
from liuzhou_gui.services.trust.keys import InstallationKey, installation_key
from liuzhou_gui.storage import trusted_keys
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.experts import save_expert
from liuzhou_gui.storage.lectures import save_lecture
from liuzhou_gui.storage.models import Expert
from liuzhou_gui.storage.units import save_unit

YANG_JING = 1  # the first regional expert of 附件4
CARD = "6222021234567890128"
HEADER = ["县区", "授课人姓名", "单位", "授课时间", "授课地点", "授课内容", "状态", "个人银行卡号", "备注"]


def _district(db: Database, district: str, lectures: list[tuple[date, str, bool]], city_key: InstallationKey) -> None:
    with db.transaction() as session:
        # The district knows the city's key (as its first 下发包 records it): its package is encrypted to
        # the city and so carries the regional lecturer's card for the settlement list.
        trusted_keys.record(session, trusted_keys.CITY, city_key.fingerprint, city_key.office,
                            city_key.certificate_pem, "imported")
        session.get(Expert, YANG_JING).bank_card = CARD
        unit = save_unit(session, UnitDraft(district=district, name=f"{district}钢厂", kind="企业",
                                            categories=["职业健康"])).id
        local = save_expert(session, ExpertDraft(name=f"{district}专家", level="县区级", category="职业健康",
                                                 unit="疾控中心", district=district)).id
        for held_on, status, subsidised in lectures:
            save_lecture(session, LectureDraft(
                year=2025, district=district, held_on=held_on, start_time=time(9), end_time=time(11),
                place=f"{district}礼堂 A&B", topic="尘肺病预防", unit_ids=[unit], categories=["职业健康"],
                expert_ids=[YANG_JING, local], attendance=60 if status == "held" else None, status=status,
                subsidised=subsidised,
            ))


@pytest.fixture
def city(tmp_path: Path):
    city = Database.open(tmp_path / "city.sqlite3")  # 杨静's card is known only to the districts
    plans = {
        "城中": [(date(2025, 6, 2), "held", True), (date(2025, 9, 9), "planned", True)],  # quota 1: one over
        "柳南": [(date(2025, 6, 5), "held", True), (date(2025, 7, 1), "held", False)],  # the unsubsidised left out
    }
    city_key = installation_key()  # the tests' one installation plays the city and the districts
    for name, lectures in plans.items():
        source = Database.open(tmp_path / f"{name}.sqlite3")
        _district(source, name, lectures, city_key)
        import_package(city, export_package(source, name, tmp_path / f"{name}.lzbs"))
        source.close()
    yield city
    city.close()


GXZFY = "广西壮族自治区职业病防治研究院"
EXPECTED = [
    ["城中", "杨静", GXZFY, "2025年6月2日 09:00", "城中礼堂 A&B", "尘肺病预防", "已开展", CARD, ""],
    ["城中", "杨静", GXZFY, "2025年9月9日 09:00", "城中礼堂 A&B", "尘肺病预防", "计划", CARD,
     "超出补助名额（名额 1 场）"],
    ["柳南", "杨静", GXZFY, "2025年6月5日 09:00", "柳南礼堂 A&B", "尘肺病预防", "已开展", CARD, ""],
]


def test_a_card_the_city_has_is_never_replaced(city: Database, tmp_path: Path) -> None:
    other = "6222020200112233446"
    with city.transaction() as session:
        session.get(Expert, YANG_JING).bank_card = other
    source = Database.open(tmp_path / "柳南.sqlite3")  # its card for 杨静 is CARD
    import_package(city, export_package(source, "柳南", tmp_path / "again.lzbs"))
    source.close()
    with city.session() as session:
        assert session.get(Expert, YANG_JING).bank_card == other


def test_city_wide_lecture_plan_equals_the_districts_data(city: Database) -> None:
    with city.session() as session:
        table = city_lecture_plan_table(session, 2025)
        settlement = settlement_table(session, 2025)
    assert table.plain_rows() == EXPECTED
    assert "城中区：补助授课 2 场，名额 1 场，超出 1 场。" in table.notes
    assert settlement.plain_rows() == [
        ["1", "城中", "杨静", "广西壮族自治区职业病防治研究院", "2025年6月2日 09:00", "城中礼堂 A&B", CARD, ""],
        ["2", "柳南", "杨静", "广西壮族自治区职业病防治研究院", "2025年6月5日 09:00", "柳南礼堂 A&B", CARD, ""],
    ]


def test_exported_with_the_city_seal_and_read_back(city: Database, tmp_path: Path, seal_scan: Path) -> None:
    db = ["--db", str(city.path)]
    assert run([*db, "district", "set", "--district", "city", "--seal", str(seal_scan)]) == 0
    pdf, xlsx = tmp_path / "six.pdf", tmp_path / "six.xlsx"
    assert run([*db, "export", "6", "--district", "city", "-o", str(pdf)]) == 0
    assert run([*db, "export", "6", "--district", "city", "-o", str(xlsx)]) == 0
    assert xlsx_body(xlsx, HEADER) == EXPECTED
    text = pdf_text(pdf)
    assert "自治区级专家授课计划表（全市汇总）" in text and "柳州市卫生健康委员会（盖章）" in text
    assert text.count(CARD) == 3 and "超出补助名额（名额1场）" in text
    assert pdf_images(pdf)  # the city's seal
    settle = tmp_path / "settle.xlsx"
    assert run([*db, "export", "settlement", "--mask-cards", "-o", str(settle)]) == 0
    rows = xlsx_body(settle, ["序号", "县区", "授课人姓名", "单位", "授课时间", "授课地点", "个人银行卡号", "备注"])
    assert [r[1] for r in rows] == ["城中", "柳南"] and all(CARD not in r[6] and r[6].endswith("0128") for r in rows)


def test_submissions_matrix_exports(city: Database, tmp_path: Path) -> None:
    out = tmp_path / "报送情况.xlsx"
    assert run(["--db", str(city.path), "submissions", "-o", str(out)]) == 0
    rows = xlsx_body(out, ["县区", "专家名单（附件3）（4月18日前）", "单位名单与授课计划（附件5、6）（5月15日前）",
                           "开展情况与工作总结（附件2）（11月20日前）"])
    assert [r[0] for r in rows][:2] == ["柳北区", "城中区"] and rows[-1][0] == "及时率（按时/应报）"
    assert rows[-2][1] == "0/10（0%）"  # full packages are not submissions of a stage
    assert run(["--db", str(city.path), "submissions", "-o", str(tmp_path / "报送情况.pdf")]) == 0
    assert "各县区报送情况" in pdf_text(tmp_path / "报送情况.pdf")
