"""设置 → 共享数据库: which database this PC opens (its own file, or a server's), and the server's password.

The choice cannot live in the database it chooses: it is a small JSON file in the user's data folder
(`database.json`, with its format and version). The password never goes into that file or any other:
it is kept by the operating system's credential store through `keyring` (Windows Credential Manager;
the Secret Service or KWallet on Linux), under the server's address.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..domain.errors import AppError, FieldError, ValidationError
from ..storage.paths import data_dir

log = logging.getLogger(__name__)

CHOICE_FILE_NAME = "database.json"
CHOICE_FORMAT = "liuzhou_gui database choice"
CHOICE_VERSION = 1
MAX_CHOICE_FILE_BYTES = 16_384  # a choice is about 200 bytes: anything larger is not ours
LOCAL_FILE, SERVER = "file", "server"
DEFAULT_PORT = 5432
KEYRING_SERVICE = "liuzhou_gui 共享数据库"
MAX_PASSWORD_LENGTH = 1000

_HOST_RE = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9.\-]{0,251}[A-Za-z0-9])?$|^\[?[0-9A-Fa-f:.]+\]?$")
_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]{0,62}$")


class CredentialStoreUnavailable(AppError):
    """The operating system's credential store cannot be used: the password was not kept anywhere."""


@dataclass(frozen=True)
class ServerAddress:
    host: str
    port: int
    database: str
    user: str

    @property
    def credential_name(self) -> str:
        """The password's name in the credential store: one per user and server database."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    @property
    def shown(self) -> str:
        return f"{self.database}@{self.host}:{self.port}（用户 {self.user}）"

    def url(self, password: str | None) -> str:
        """The address `Database.open` takes; the password only in memory, never written down."""
        from sqlalchemy import URL

        return URL.create("postgresql", username=self.user, password=password or None, host=self.host,
                          port=self.port, database=self.database).render_as_string(hide_password=False)


@dataclass(frozen=True)
class DatabaseChoice:
    mode: str = LOCAL_FILE  # LOCAL_FILE (the default) or SERVER
    server: ServerAddress | None = None

    @property
    def uses_server(self) -> bool:
        return self.mode == SERVER and self.server is not None


def choice_path() -> Path:
    return data_dir() / CHOICE_FILE_NAME


def check_server(host: object, port: object, database: object, user: object) -> ServerAddress:
    """A clean address, or ValidationError naming each field that is wrong (nothing is saved)."""
    errors: list[FieldError] = []
    host_text = str(host or "").strip()
    if not host_text:
        errors.append(FieldError("host", "主机", "请填写服务器的名称或 IP 地址，例如 192.168.1.10"))
    elif len(host_text) > 253 or not _HOST_RE.match(host_text) or any(
            len(label) > 63 for label in host_text.split(".")):
        errors.append(FieldError("host", "主机", "只能是服务器名称（字母、数字、点和短横线）或 IP 地址"))
    port_number = _port(port)
    if port_number is None:
        errors.append(FieldError("port", "端口", "请填写 1 到 65535 之间的数字（PostgreSQL 默认为 5432）"))
    names = {}
    for field, label, value in (("database", "数据库", database), ("user", "用户名", user)):
        text = str(value or "").strip()
        names[field] = text
        if not text:
            errors.append(FieldError(field, label, f"请填写{label}"))
        elif not _NAME_RE.match(text):
            errors.append(FieldError(field, label, "只能用字母、数字、下划线、点和短横线，以字母开头，最多 63 个字符"))
    if errors:
        raise ValidationError(errors)
    assert port_number is not None
    return ServerAddress(host_text.strip("[]"), port_number, names["database"], names["user"])


def _port(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        text = str(value or "").strip()
        if not text.isascii() or not text.isdigit() or len(text) > 5:
            return None
        number = int(text)
    return number if 1 <= number <= 65535 else None


def load_choice() -> DatabaseChoice:
    """The saved choice; the default (this PC's file) when there is none or the file is not ours."""
    path = choice_path()
    try:
        if not path.is_file() or path.stat().st_size > MAX_CHOICE_FILE_BYTES:
            return DatabaseChoice()
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log.warning("database choice file unreadable: %s", path)
        return DatabaseChoice()
    if not isinstance(data, dict) or data.get("format") != CHOICE_FORMAT or data.get("version") != CHOICE_VERSION:
        return DatabaseChoice()
    server = data.get("server")
    address = None
    if isinstance(server, dict):
        try:
            address = check_server(server.get("host"), server.get("port"), server.get("database"), server.get("user"))
        except ValidationError:
            address = None
    # The server's fields are kept while this PC uses its file (改用本机文件), ready to switch back.
    return DatabaseChoice(SERVER if data.get("mode") == SERVER and address is not None else LOCAL_FILE, address)


def save_choice(choice: DatabaseChoice, password: str | None = None) -> None:
    """Store the choice; for a server, `password` goes to the credential store (None: keep the stored one).

    The password is stored first: when the credential store refuses it, the choice is not changed."""
    if choice.uses_server:
        assert choice.server is not None
        if password is not None:
            store_password(choice.server, password)
    content: dict[str, Any] = {"format": CHOICE_FORMAT, "version": CHOICE_VERSION,
                               "mode": SERVER if choice.uses_server else LOCAL_FILE}
    if choice.server is not None:
        content["server"] = asdict(choice.server)
    _write_atomically(choice_path(), json.dumps(content, ensure_ascii=False, indent=2) + "\n")


def _write_atomically(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise AppError(f"无法保存数据库设置到“{path}”：{exc.strerror or exc}。设置没有改变。") from exc


def _keyring() -> Any:
    import keyring

    return keyring


def store_password(server: ServerAddress, password: str) -> None:
    if len(password) > MAX_PASSWORD_LENGTH or "\x00" in password:
        raise ValidationError([FieldError("password", "密码", f"密码不能超过 {MAX_PASSWORD_LENGTH} 个字符")])
    try:
        keyring = _keyring()
        if password:
            keyring.set_password(KEYRING_SERVICE, server.credential_name, password)
        else:
            forget_password(server)
    except AppError:
        raise
    except Exception as exc:  # keyring.errors.KeyringError, a missing backend, a locked store
        log.warning("credential store refused the password: %s", type(exc).__name__)
        raise CredentialStoreUnavailable(
            "本机的密码保管功能（Windows 凭据管理器）不可用，密码没有保存，设置没有改变。"
            f"请检查系统的凭据管理器后重试。（{type(exc).__name__}）"
        ) from exc


def stored_password(server: ServerAddress) -> str | None:
    """The password kept for this server, or None (none kept, or the store cannot be read)."""
    try:
        value = _keyring().get_password(KEYRING_SERVICE, server.credential_name)
    except Exception as exc:
        log.warning("credential store unreadable: %s", type(exc).__name__)
        return None
    return value if isinstance(value, str) else None


def forget_password(server: ServerAddress) -> None:
    try:
        keyring = _keyring()
        if keyring.get_password(KEYRING_SERVICE, server.credential_name) is not None:
            keyring.delete_password(KEYRING_SERVICE, server.credential_name)
    except Exception as exc:
        log.warning("could not remove a stored password: %s", type(exc).__name__)


def use_local_file() -> None:
    """改用本机文件: this PC opens its own file from now on; the server's fields stay for later."""
    save_choice(DatabaseChoice(LOCAL_FILE, load_choice().server))


def chosen_database(explicit: Path | str | None) -> Path | str | None:
    """What the GUI opens: `--db` when given, else the chosen server's address (with its stored
    password), else None (the default file)."""
    if explicit is not None:
        return explicit
    choice = load_choice()
    if not choice.uses_server:
        return None
    assert choice.server is not None
    return choice.server.url(stored_password(choice.server))


@dataclass(frozen=True)
class ConnectionTest:
    ok: bool
    message: str  # 连接成功：PostgreSQL 15.4 / the plain reason


def try_connection(server: ServerAddress, password: str | None) -> ConnectionTest:
    """测试连接: log in and ask the server's version; never raises for a server's or network's fault."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from ..storage.database import Database

    try:
        db = Database.open(server.url(password), migrate=False)
    except AppError as exc:
        return ConnectionTest(False, exc.message)
    try:
        with db.session() as session:
            version = str(session.execute(text("SHOW server_version")).scalar_one())
    except AppError as exc:
        return ConnectionTest(False, exc.message)
    except DBAPIError as exc:
        return ConnectionTest(False, f"连接失败：{str(exc.orig).strip().splitlines()[0][:200]}")
    finally:
        db.close()
    return ConnectionTest(True, f"连接成功：PostgreSQL {version.split()[0]}")
