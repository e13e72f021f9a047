"""The city's window: the first package of a district shows its key's fingerprint before import; a
package signed by another key is held, both fingerprints shown, and imported only when confirmed."""

from __future__ import annotations

from pathlib import Path

import pytest
from windows import open_main_window

from liuzhou_gui.services import installation
from liuzhou_gui.services.exchange.package_export import export_package
from liuzhou_gui.services.trust.keys import InstallationKey, installation_key
from liuzhou_gui.storage import trusted_keys
from liuzhou_gui.storage.database import Database
from liuzhou_gui.ui import messages


@pytest.fixture
def city(tmp_path) -> Database:
    db = Database.open(tmp_path / "city.sqlite3")
    with db.transaction() as session:
        installation.save(session, installation.BUREAU_CHOICES[-1], "王五", "13800000000")
    yield db
    db.close()


@pytest.fixture
def district_key() -> InstallationKey:
    return InstallationKey.generate("柳南区卫生健康局")


@pytest.fixture
def encrypted_to_city(installed_db, sample):
    """柳南 knows the city's key (this profile's: one PC plays both here), so its packages are encrypted."""
    city_key = installation_key()
    with installed_db.transaction() as session:
        trusted_keys.record(session, trusted_keys.CITY, city_key.fingerprint, city_key.office,
                            city_key.certificate_pem, "imported")
    return installed_db


def _import(qtbot, window, path: Path, *answers: bool) -> None:
    messages.shown.clear()
    messages.answer_next(*answers)
    with qtbot.waitSignal(window.exchange.packages.finished, timeout=20000):
        window.exchange.packages.import_file(path)


def _current(db: Database) -> str | None:
    with db.session() as session:
        row = trusted_keys.current(session, "柳南区")
        return row.fingerprint if row else None


def test_first_package_shows_its_fingerprint_and_another_key_is_held(
    qtbot, encrypted_to_city, city, district_key, tmp_path
) -> None:
    first = export_package(encrypted_to_city, "柳南", tmp_path / "一.lzbs", key=district_key)
    window = open_main_window(qtbot, city)
    _import(qtbot, window, first, False)  # declined: nothing imported, no key recorded
    question = next(m for m in messages.shown if m.kind == "question")
    assert "第一个报送包" in question.text and district_key.fingerprint in question.text
    assert _current(city) is None and window.exchange.received.rowCount() == 0

    _import(qtbot, window, first, True)
    assert messages.shown[-1].title == "导入完成" and _current(city) == district_key.fingerprint

    new_key = InstallationKey.generate("柳南区卫生健康局")
    second = export_package(encrypted_to_city, "柳南", tmp_path / "二.lzbs", key=new_key)
    _import(qtbot, window, second, False)  # held: the city does not confirm the change
    held = next(m for m in messages.shown if m.title == "签名密钥已改变")
    assert district_key.fingerprint in held.text and new_key.fingerprint in held.text
    assert not any(m.title == "导入完成" for m in messages.shown)
    assert _current(city) == district_key.fingerprint and window.exchange.received.rowCount() == 1

    _import(qtbot, window, second, True, True)  # confirmed on purpose, then the usual import question
    assert messages.shown[-1].title == "导入完成" and _current(city) == new_key.fingerprint
    assert window.exchange.received.rowCount() == 2
    qtbot.waitUntil(lambda: not window.workbench.runner.busy, timeout=10000)


def test_a_package_for_another_city_key_is_refused_in_the_window(qtbot, installed_db, sample, city, tmp_path) -> None:
    stranger = InstallationKey.generate("别的市")
    with installed_db.transaction() as session:
        trusted_keys.record(session, trusted_keys.CITY, stranger.fingerprint, stranger.office,
                            stranger.certificate_pem, "imported")
    package = export_package(installed_db, "柳南", tmp_path / "p.lzbs")
    window = open_main_window(qtbot, city)
    _import(qtbot, window, package)
    assert messages.shown[-1].kind == "error" and "无法读取" in messages.shown[-1].text
    assert window.exchange.received.rowCount() == 0
