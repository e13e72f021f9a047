"""设置 shows this PC's key fingerprint; 关于 says what to do when a key is lost."""

from __future__ import annotations

from liuzhou_gui.services.trust.keys import installation_key
from liuzhou_gui.storage import trusted_keys
from liuzhou_gui.ui.dialogs.about_dialog import AboutDialog
from liuzhou_gui.ui.pages.settings_page import SettingsPage


def test_settings_show_the_fingerprint_and_the_city_key(qtbot, installed_db) -> None:
    page = SettingsPage(installed_db)
    qtbot.addWidget(page)
    key = installation_key()
    assert key.fingerprint in page.fingerprint_label.text()
    assert "尚未登记市卫健委的密钥" in page.trusted_label.text()
    city = installation_key(folder=installed_db.path.parent)
    with installed_db.transaction() as session:
        trusted_keys.record(session, trusted_keys.CITY, city.fingerprint, city.office, city.certificate_pem, "imported")
    page.reload()
    assert f"已登记的市卫健委密钥：{city.fingerprint}" in page.trusted_label.text()


def test_about_says_what_to_do_when_a_key_is_lost(qtbot, db_path) -> None:
    dialog = AboutDialog(db_path)
    qtbot.addWidget(dialog)
    text = dialog.keys_help.text()
    assert "完整性签名（非法定电子印章）" in text and "--trust" in text and "数据不会丢失" in text
