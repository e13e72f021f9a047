"""Issue 14, done when: signed and encrypted packages between installations that each have their own key."""

from __future__ import annotations

import json
import logging
import zipfile
from datetime import date, time
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from liuzhou_gui.domain.drafts import ExpertDraft, LectureDraft, UnitDraft
from liuzhou_gui.domain.errors import AppError
from liuzhou_gui.services.exchange.container import DISPATCH, ContainerRefused, write_container
from liuzhou_gui.services.exchange.package_export import export_package, package_notice
from liuzhou_gui.services.exchange.package_import import import_package, received_packages
from liuzhou_gui.services.trust.keys import InstallationKey
from liuzhou_gui.services.trust.policy import KeyChanged, read_trusted
from liuzhou_gui.services.trust.sealing import sign
from liuzhou_gui.storage import trusted_keys
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.experts import draft_of, save_expert
from liuzhou_gui.storage.lectures import save_lecture
from liuzhou_gui.storage.models import Expert, TrustedKey
from liuzhou_gui.storage.units import save_unit

CARD = "6222021234567890128"
REGIONAL_CARD = "6217001234567890122"
REGIONAL_YANG_JING = 1  # seeded in every database


@pytest.fixture(scope="module")
def keys() -> dict[str, InstallationKey]:
    return {name: InstallationKey.generate(office) for name, office in (
        ("柳南", "柳南区卫生健康局"), ("柳北", "柳北区卫生健康局"), ("city", "柳州市卫生健康委员会职业健康科"),
        ("forger", "柳南区卫生健康局"))}


def _district_db(path: Path, district: str, city: InstallationKey | None) -> Database:
    db = Database.open(path)
    with db.transaction() as session:
        unit = save_unit(session, UnitDraft(district=district, name=f"{district}机械厂", kind="企业",
                                            categories=["职业健康"])).id
        expert = save_expert(session, ExpertDraft(name=f"{district}专家", level="县区级", category="职业健康",
                                                  unit=f"{district}疾控中心", district=district, bank_card=CARD)).id
        regional = draft_of(session.get(Expert, REGIONAL_YANG_JING))  # 附件6 lists the regional lecturers
        regional.bank_card = REGIONAL_CARD
        save_expert(session, regional, REGIONAL_YANG_JING)
        save_lecture(session, LectureDraft(year=2025, district=district, held_on=date(2025, 6, 1), start_time=time(9),
                                           end_time=time(11), place="会议室", unit_ids=[unit], categories=["职业健康"],
                                           expert_ids=[expert, REGIONAL_YANG_JING], attendance=80, status="held"))
        if city is not None:  # as a 下发包 or `keys import` would have recorded it
            trusted_keys.record(session, trusted_keys.CITY, city.fingerprint, city.office, city.certificate_pem,
                                "imported")
    return db


@pytest.fixture
def liunan(tmp_path: Path, keys) -> Database:
    db = _district_db(tmp_path / "liunan.sqlite3", "柳南", keys["city"])
    yield db
    db.close()


def _export(db: Database, key: InstallationKey, path: Path, district: str = "柳南") -> Path:
    return export_package(db, district, path, key=key)


def _city_figures(db: Database) -> list:
    return [(r["district"], r["counts"]) for r in received_packages(db)]


def test_the_city_reads_an_encrypted_package_and_keeps_the_card(liunan, db, keys, tmp_path) -> None:
    package = _export(liunan, keys["柳南"], tmp_path / "柳南.lzbs")
    assert "已加密，只有市卫健委" in package_notice(package)
    result = import_package(db, package, key=keys["city"])
    assert result.key_recorded == "first_use" and result.signer_fingerprint == keys["柳南"].fingerprint
    assert not result.cards_omitted
    with db.session() as session:
        assert session.scalar(select(Expert.bank_card).where(Expert.name == "柳南专家")) == CARD
        row = trusted_keys.current(session, "柳南区")
        assert row.fingerprint == keys["柳南"].fingerprint and row.how == "first_use"


def test_no_full_card_number_in_any_byte_a_non_city_can_read(liunan, db, keys, tmp_path, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    package = _export(liunan, keys["柳南"], tmp_path / "柳南.lzbs")
    with zipfile.ZipFile(package) as archive:
        unzipped = [archive.read(name) for name in archive.namelist()]
    for blob in [package.read_bytes(), *unzipped]:
        for card in (CARD, REGIONAL_CARD):
            assert card.encode() not in blob and card.encode("utf-16-be") not in blob
    import_package(db, package, key=keys["city"])
    assert CARD not in caplog.text


def test_without_the_city_key_cards_stay_home_and_the_city_keeps_its_own(db, keys, tmp_path, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    source = _district_db(tmp_path / "early.sqlite3", "柳南", city=None)
    package = _export(source, keys["柳南"], tmp_path / "早.lzbs")
    notice = package_notice(package)
    assert "没有加密" in notice and "不含专家银行卡号" in notice and "附件6 中的卡号已遮盖" in notice
    with zipfile.ZipFile(package) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    assert json.loads(members["manifest.json"])["card_numbers"] == "omitted"
    assert all(card.encode() not in blob for blob in members.values() for card in (CARD, REGIONAL_CARD))
    pdf = tmp_path / "附件6.pdf"
    pdf.write_bytes(members["附件/附件6.pdf"])
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "6217 **** **** 0122" in text and REGIONAL_CARD not in text.replace(" ", "")
    with db.transaction() as session:  # the city already has the card from an earlier, encrypted package
        save_expert(session, ExpertDraft(name="柳南专家", level="县区级", category="职业健康", unit="柳南疾控中心",
                                         district="柳南", bank_card=CARD))
    result = import_package(db, package, key=keys["city"])
    assert result.cards_omitted
    with db.session() as session:
        assert session.scalar(select(Expert.bank_card).where(Expert.name == "柳南专家")) == CARD
    assert CARD not in caplog.text
    source.close()


def test_a_district_cannot_read_another_districts_package(liunan, keys, tmp_path) -> None:
    package = _export(liunan, keys["柳南"], tmp_path / "柳南.lzbs")
    liubei = _district_db(tmp_path / "liubei.sqlite3", "柳北", keys["city"])
    with pytest.raises(ContainerRefused) as refused:
        import_package(liubei, package, key=keys["柳北"])
    assert refused.value.reason == "not_for_us" and "无法读取" in refused.value.message
    assert received_packages(liubei) == []
    liubei.close()


def test_a_recomputed_digest_is_refused_and_nothing_is_written(liunan, db, keys, tmp_path) -> None:
    """The attack of issue 14 on the new format: data changed, the member table recomputed."""
    import hashlib

    package = _export(liunan, keys["柳南"], tmp_path / "柳南.lzbs")
    import_package(db, package, key=keys["city"])
    before = _city_figures(db)
    with zipfile.ZipFile(package) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    data = bytearray(members["data.json"])
    data[40] ^= 0xFF
    manifest = json.loads(members["manifest.json"])
    manifest["members"]["data.json"] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    members["manifest.json"] = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
    members["data.json"] = bytes(data)
    with zipfile.ZipFile(package, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    with pytest.raises(ContainerRefused, match="签名与内容不符"):
        import_package(db, package, key=keys["city"])
    assert _city_figures(db) == before


@pytest.mark.parametrize("change", ["added", "removed"])
def test_a_member_added_or_removed_is_refused(liunan, db, keys, tmp_path, change: str) -> None:
    package = _export(liunan, keys["柳南"], tmp_path / "柳南.lzbs")
    with zipfile.ZipFile(package) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    if change == "added":
        members["附件/附件9.pdf"] = members["附件/附件2.pdf"]
    else:
        del members["附件/附件5.pdf"]
    with zipfile.ZipFile(package, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    with pytest.raises(ContainerRefused) as refused:
        import_package(db, package, key=keys["city"])
    assert refused.value.reason == f"member_{change}"
    assert received_packages(db) == []


def test_a_package_signed_by_another_key_is_held_until_its_fingerprint_is_confirmed(liunan, db, keys, tmp_path) -> None:
    import_package(db, _export(liunan, keys["柳南"], tmp_path / "one.lzbs"), key=keys["city"])
    before = _city_figures(db)
    forged = _export(liunan, keys["forger"], tmp_path / "two.lzbs")  # a new PC, a reinstall, or a forgery
    with pytest.raises(KeyChanged) as held:
        import_package(db, forged, key=keys["city"])
    message = held.value.message
    assert keys["柳南"].fingerprint in message and keys["forger"].fingerprint in message and "--trust" in message
    assert _city_figures(db) == before
    with pytest.raises(AppError, match="不符"):
        import_package(db, forged, key=keys["city"], trust=keys["柳北"].fingerprint)
    with pytest.raises(AppError, match="不是密钥指纹"):
        import_package(db, forged, key=keys["city"], trust="1234")
    assert _city_figures(db) == before
    result = import_package(db, forged, key=keys["city"], trust=keys["forger"].fingerprint.replace("-", " "))
    assert result.key_recorded == "confirmed"
    with db.session() as session:
        rows = session.scalars(select(TrustedKey).where(TrustedKey.party == "柳南区").order_by(TrustedKey.id)).all()
        assert [(r.fingerprint, r.retired_at is None) for r in rows] == [
            (keys["柳南"].fingerprint, False), (keys["forger"].fingerprint, True)]
    with pytest.raises(KeyChanged):  # from now on the old key is the stranger
        import_package(db, _export(liunan, keys["柳南"], tmp_path / "three.lzbs"), key=keys["city"])


def test_a_package_claiming_another_district_than_its_data_is_refused(liunan, db, keys, tmp_path) -> None:
    package = _export(liunan, keys["柳南"], tmp_path / "柳南.lzbs")
    with zipfile.ZipFile(package) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(members["manifest.json"]) | {"district": "柳北区"}
    members["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    members["manifest.sig"] = sign(keys["柳南"], members["manifest.json"])  # the district's own key, honestly
    with zipfile.ZipFile(package, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    with pytest.raises(AppError, match="数据却是柳南区的"):
        import_package(db, package, key=keys["city"])
    assert received_packages(db) == []
    with db.session() as session:
        assert trusted_keys.all_current(session) == []  # a refused package pins no key


def test_a_dispatch_package_from_another_key_is_refused(liunan, keys, tmp_path) -> None:
    """下发包: the district learns the city's key from the first one, then refuses any other key."""
    fresh = _district_db(tmp_path / "fresh.sqlite3", "柳北", city=None)

    def dispatch(key: InstallationKey, name: str) -> Path:
        return write_container(tmp_path / f"{name}.lzxf", DISPATCH, {"year": 2025, "from": "柳州市卫生健康委员会"},
                               {"data.json": b'{"notice": "2025"}'}, sign_with=key)

    content, decision = read_trusted(fresh, dispatch(keys["city"], "first"), DISPATCH, lambda m: trusted_keys.CITY)
    assert decision.how == "first_use" and content.signer.fingerprint == keys["city"].fingerprint
    with fresh.transaction() as session:
        decision.remember(session)
    _, again = read_trusted(fresh, dispatch(keys["city"], "second"), DISPATCH, lambda m: trusted_keys.CITY)
    assert again.how is None
    with pytest.raises(KeyChanged) as refused:
        read_trusted(fresh, dispatch(keys["forger"], "forged"), DISPATCH, lambda m: trusted_keys.CITY)
    assert "下发包" in refused.value.message and keys["city"].fingerprint in refused.value.message
    fresh.close()
