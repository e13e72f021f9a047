"""The installation key: made at first need in the profile, private to the user, one fingerprint."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from liuzhou_gui.domain.errors import AppError
from liuzhou_gui.services.trust.keys import KEY_FILE, fingerprint_of, installation_key, normalise_fingerprint


def test_the_key_is_made_once_in_the_profile_and_kept_private(data_dir: Path) -> None:
    key = installation_key("柳南区卫生健康局")
    path = data_dir / "keys" / KEY_FILE
    assert key.path == path and path.is_file()
    assert not list((data_dir / "keys").glob("*.partial"))
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = installation_key()
    assert again.fingerprint == key.fingerprint and again.office == "柳南区卫生健康局"
    assert b"PRIVATE KEY" in path.read_bytes() and b"PRIVATE KEY" not in key.certificate_pem.encode()


def test_the_fingerprint_is_six_groups_of_four_digits_from_the_public_key() -> None:
    key = installation_key()
    groups = key.fingerprint.split("-")
    assert len(groups) == 6 and all(len(g) == 4 and g.isdigit() for g in groups)
    der = key.private_key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    expected = f"{int.from_bytes(hashlib.sha256(der).digest(), 'big') % 10**24:024d}"
    assert key.fingerprint.replace("-", "") == expected
    assert fingerprint_of(key.certificate.public_key()) == key.fingerprint


def test_a_new_office_name_reissues_the_certificate_for_the_same_key() -> None:
    first = installation_key("柳州市“十百千”活动管理软件")
    renamed = installation_key("柳州市卫生健康委员会职业健康科")
    assert renamed.office == "柳州市卫生健康委员会职业健康科" and renamed.fingerprint == first.fingerprint
    assert installation_key().office == "柳州市卫生健康委员会职业健康科"


@pytest.mark.parametrize("typed", ["123456789012345678901234", " 1234 5678 9012 3456 7890 1234 ",
                                   "1234-5678-9012-3456-7890-1234", "１２３４５６７８９０１２３４５６７８９０１２３４"])
def test_a_typed_fingerprint_is_understood(typed: str) -> None:
    assert normalise_fingerprint(typed) == "1234-5678-9012-3456-7890-1234"


@pytest.mark.parametrize("typed", ["", "1234", "1234-5678-9012-3456-7890-123X", "1" * 25, "<b>&" * 6])
def test_a_wrong_fingerprint_is_not(typed: str) -> None:
    assert normalise_fingerprint(typed) is None


@pytest.mark.parametrize("content", [b"", b"garbage", b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
                                     b"x" * 100_000])
def test_a_damaged_key_file_says_what_to_do_and_is_not_replaced(data_dir: Path, content: bytes) -> None:
    path = data_dir / "keys" / KEY_FILE
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(content)
    with pytest.raises(AppError, match=r"已损坏.*移到别处"):
        installation_key()
    assert path.read_bytes() == content  # the old key is never silently replaced


def test_a_key_file_of_another_key_and_certificate_is_refused(data_dir: Path) -> None:
    one = installation_key()
    path = one.path
    other = installation_key(folder=data_dir)  # a second key, elsewhere
    mixed = one.pem().split(b"-----BEGIN CERTIFICATE-----")[0] + other.certificate_pem.encode()
    path.write_bytes(mixed)
    with pytest.raises(AppError, match="已损坏"):
        installation_key()
