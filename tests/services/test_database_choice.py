"""设置 → 共享数据库 without the GUI: the choice in its file, the password only in the credential store."""

from __future__ import annotations

import json
from pathlib import Path

import keyring
import pytest
from keyring.errors import KeyringError
from memory_keyring import MemoryKeyring, store

from liuzhou_gui.domain.errors import ValidationError
from liuzhou_gui.services import database_choice
from liuzhou_gui.services.database_choice import (
    KEYRING_SERVICE,
    SERVER,
    CredentialStoreUnavailable,
    DatabaseChoice,
    chosen_database,
    load_choice,
    save_choice,
    try_connection,
)

__all__ = ["store"]  # the fixture, from memory_keyring
PASSWORD = "s3cret-口令-𠮷"



class BrokenKeyring(MemoryKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringError("locked")



def _server(**changes: object) -> database_choice.ServerAddress:
    fields = {"host": "192.168.1.10", "port": "5432", "database": "liuzhou", "user": "clerk", **changes}
    return database_choice.check_server(fields["host"], fields["port"], fields["database"], fields["user"])


def _all_files(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_the_default_is_this_pcs_file(data_dir: Path) -> None:
    assert load_choice() == DatabaseChoice()
    assert chosen_database(None) is None
    assert chosen_database(Path("x.sqlite3")) == Path("x.sqlite3")


def test_a_saved_server_comes_back_and_its_password_is_in_no_file(store: MemoryKeyring, data_dir: Path) -> None:
    server = _server()
    save_choice(DatabaseChoice(SERVER, server), PASSWORD)
    assert load_choice() == DatabaseChoice(SERVER, server)
    assert store.kept == {(KEYRING_SERVICE, "clerk@192.168.1.10:5432/liuzhou"): PASSWORD}
    saved = json.loads(database_choice.choice_path().read_text(encoding="utf-8"))
    assert saved["format"] == database_choice.CHOICE_FORMAT and saved["version"] == 1
    everything = _all_files(data_dir)
    for spelling in (PASSWORD, "s3cret"):
        assert spelling.encode() not in everything
        assert spelling.encode("utf-16-le") not in everything
    url = chosen_database(None)
    assert isinstance(url, str) and url.startswith("postgresql://clerk:")
    assert url.endswith("@192.168.1.10:5432/liuzhou")
    # Saving again without a password keeps the stored one; back to the file keeps the server's fields out.
    save_choice(DatabaseChoice(SERVER, server))
    assert store.kept[(KEYRING_SERVICE, server.credential_name)] == PASSWORD
    database_choice.use_local_file()
    assert load_choice() == DatabaseChoice(database_choice.LOCAL_FILE, server) and chosen_database(None) is None
    save_choice(DatabaseChoice())
    assert load_choice() == DatabaseChoice() and chosen_database(None) is None


def test_a_refused_password_changes_nothing(data_dir: Path) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(BrokenKeyring())
    try:
        with pytest.raises(CredentialStoreUnavailable, match="凭据管理器"):
            save_choice(DatabaseChoice(SERVER, _server()), PASSWORD)
    finally:
        keyring.set_keyring(previous)
    assert not database_choice.choice_path().exists()


@pytest.mark.parametrize(("field", "value"), [
    ("host", ""), ("host", "x" * 10_000), ("host", "<b>&"), ("host", "=1+1"), ("host", "服务器𠮷"),
    ("host", "db/../etc"), ("port", "0"), ("port", "65536"), ("port", "5432x"), ("port", "５４３２"),
    ("port", ""), ("database", ""), ("database", "a" * 64), ("database", "库𠮷"), ("user", "=1+1"),
    ("user", "a b"), ("user", "x\x00y"),
])
def test_bad_fields_are_refused_in_chinese(field: str, value: str) -> None:
    with pytest.raises(ValidationError) as caught:
        _server(**{field: value})
    assert [e.field for e in caught.value.errors] == [field]
    assert all("\u4e00" <= ch <= "\u9fff" for ch in caught.value.errors[0].label)


def test_a_foreign_or_damaged_choice_file_is_the_default(data_dir: Path) -> None:
    path = database_choice.choice_path()
    for content in (b"", b"{", b"[]", json.dumps({"format": "other", "version": 1, "mode": "server"}).encode(),
                    json.dumps({"format": database_choice.CHOICE_FORMAT, "version": 1, "mode": "server",
                                "server": {"host": "<b>&", "port": 1, "database": "x", "user": "y"}}).encode(),
                    b" " * (database_choice.MAX_CHOICE_FILE_BYTES + 1)):
        path.write_bytes(content)
        assert load_choice() == DatabaseChoice()


def test_an_unreachable_server_is_a_plain_reason_not_an_exception(store: MemoryKeyring) -> None:
    result = try_connection(_server(host="127.0.0.1", port="1"), PASSWORD)
    assert not result.ok and result.message and PASSWORD not in result.message
