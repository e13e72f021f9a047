"""Bank card numbers encrypted at rest: the key file, AES-GCM, and the column type that uses them.

The key (32 random bytes, made with the `cryptography` library the first time a number is written)
lives in the user's data folder, keys/bank_card.key (mode 0600; on Windows %LOCALAPPDATA% is already
the user's own), never in the database: a copy of the database or of its backups without that folder
does not give the numbers away.

- Restoring a backup on the same PC works: the backup holds the same ciphertext and the key is here.
- A database copied to another PC (the key does not travel), or opened after the key file was
  deleted, shows its numbers as 无法解密 (domain.cards.UnreadableCard) and says so
  (`card_key_notice`); everything else works, and saving such an expert keeps the stored number.
  Copying the old PC's keys folder into this PC's data folder makes them readable again.

Stored form: "c1:<key id>:<base64 of nonce + ciphertext + tag>". The key id names the key that wrote
the number, so a number from another key is told apart without trying it; GCM's tag catches the rest.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Text, func, select, type_coerce
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.elements import TypeCoerce
from sqlalchemy.types import TypeDecorator

from ..domain.cards import UnreadableCard, is_unreadable
from ..domain.errors import AppError
from .paths import DATA_DIR_ENV, keys_dir

if TYPE_CHECKING:  # annotations only: opening a database for `stats` does not import the ORM
    from sqlalchemy.orm import QueryableAttribute, Session

KEY_FILE_NAME = "bank_card.key"
KEY_FORMAT = "liuzhou_gui bank card key"
KEY_VERSION = 1
MAX_KEY_FILE_BYTES = 4096  # a key file is about 150 bytes: anything larger is not ours
STORED_PREFIX = "c1:"
# Bound into every ciphertext: a value cut from some other AES-GCM use of the key does not decrypt.
ASSOCIATED_DATA = b"liuzhou_gui/expert.bank_card/v1"


class CardKeyError(AppError):
    """A card number cannot be saved: the key file is damaged or cannot be written."""


class CardCipher:
    def __init__(self, key: bytes) -> None:
        # Imported when a card is first read or written: `stats` and most commands never need it.
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._aead = AESGCM(key)
        self.key_id = hmac.new(key, b"liuzhou_gui card key id", hashlib.sha256).hexdigest()[:16]
        self.prefix = f"{STORED_PREFIX}{self.key_id}:"

    def encrypt(self, plain: str) -> str:
        nonce = os.urandom(12)
        sealed = self._aead.encrypt(nonce, plain.encode("utf-8"), ASSOCIATED_DATA)
        return self.prefix + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")

    def decrypt(self, stored: str) -> str | None:
        """The plain number, or None when this key did not write `stored` or it was changed."""
        from cryptography.exceptions import InvalidTag

        if not stored.startswith(self.prefix):
            return None
        try:
            raw = base64.urlsafe_b64decode(stored[len(self.prefix):])
            return self._aead.decrypt(raw[:12], raw[12:], ASSOCIATED_DATA).decode("utf-8")
        except (ValueError, InvalidTag, UnicodeDecodeError):
            return None


@dataclass(frozen=True)
class KeyState:
    path: Path
    cipher: CardCipher | None
    problem: str | None = None  # why there is no cipher: None when the file is simply not there yet

    @property
    def missing(self) -> bool:
        return self.cipher is None and self.problem is None


_lock = threading.Lock()
_states: dict[Path, KeyState] = {}
_key_paths: dict[str | None, Path] = {}  # by LIUZHOU_GUI_DATA_DIR: found once, not per row read


def key_path() -> Path:
    env = os.environ.get(DATA_DIR_ENV)
    path = _key_paths.get(env)
    if path is None:
        path = _key_paths[env] = keys_dir() / KEY_FILE_NAME
    return path


def forget_loaded_keys() -> None:
    """Read the key file again at the next use (a database is opened: the file may have come or gone)."""
    with _lock:
        _states.clear()
        _key_paths.clear()


def _read(path: Path) -> KeyState:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_KEY_FILE_BYTES + 1)
    except FileNotFoundError:
        return KeyState(path, None)
    except OSError as exc:
        return KeyState(path, None, f"无法读取银行卡号密钥文件“{path}”：{exc.strerror or exc}")
    try:
        if len(data) > MAX_KEY_FILE_BYTES:
            raise ValueError("too large")
        content = json.loads(data.decode("utf-8"))
        if content.get("format") != KEY_FORMAT or content.get("version") != KEY_VERSION:
            raise ValueError("not a key file of this version")
        key = base64.b64decode(content["key"], validate=True)
        if len(key) != 32:
            raise ValueError("wrong key length")
    except (ValueError, KeyError, TypeError, AttributeError):
        return KeyState(path, None, f"银行卡号密钥文件“{path}”已损坏或不是本软件的密钥文件")
    return KeyState(path, CardCipher(key))


def _create(path: Path) -> KeyState:
    """A new key, written beside its place and then linked in, so two processes never both make one."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    key = AESGCM.generate_key(bit_length=256)
    content = json.dumps({
        "format": KEY_FORMAT, "version": KEY_VERSION, "created_at": datetime.now().isoformat(timespec="seconds"),
        "key": base64.b64encode(key).decode("ascii"),
    }).encode("utf-8")
    partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            if os.name == "nt":
                os.rename(partial, path)  # refuses an existing target on Windows
            else:
                try:
                    os.link(partial, path)  # refuses an existing target, where rename would replace it
                except FileExistsError:
                    raise
                except OSError:  # a file system without hard links (a FAT-formatted stick)
                    if path.exists():
                        raise FileExistsError(path) from None
                    os.rename(partial, path)
        except FileExistsError:
            pass  # another process made one first: use that
    except OSError as exc:
        raise CardKeyError(f"无法创建银行卡号密钥文件“{path}”（{exc.strerror or exc}），银行卡号没有保存。") from exc
    finally:
        partial.unlink(missing_ok=True)
    return _read(path)


def key_state(*, create: bool = False) -> KeyState:
    path = key_path()
    state = _states.get(path)
    if state is None or (create and state.missing):
        with _lock:
            state = _read(path)
            if create and state.missing:
                state = _create(path)
            _states[path] = state
    return state


def cannot_encrypt() -> str | None:
    """Why a card number cannot be saved now (the key is damaged or cannot be made), or None."""
    try:
        state = key_state(create=True)
    except CardKeyError as exc:
        return exc.message
    if state.cipher is None:
        return f"{state.problem}，银行卡号无法保存。请从原电脑复制 keys 文件夹，或删除该文件后重新录入卡号。"
    return None


def encrypt_card(plain: str) -> str:
    problem = cannot_encrypt()
    if problem:
        raise CardKeyError(problem)
    cipher = key_state().cipher
    if cipher is None:  # cannot_encrypt() just made sure there is one
        raise CardKeyError("银行卡号加密密钥不可用，银行卡号无法保存。")
    return cipher.encrypt(plain)


def decrypt_card(stored: str) -> str:
    if not stored.startswith(STORED_PREFIX):
        return stored  # written before migration 0014 encrypted the column (a test's raw insert)
    cipher = key_state().cipher
    plain = cipher.decrypt(stored) if cipher else None
    return UnreadableCard(stored) if plain is None else plain


class EncryptedCard(TypeDecorator[str]):
    """A card number column: plain text in Python, AES-GCM ciphertext in the database; "" stays ""."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if is_unreadable(value):
            return value.stored  # saved again as it was stored: the number is not lost
        return encrypt_card(value) if value else value

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        return decrypt_card(value) if value else value

    def compare_values(self, x: object, y: object) -> bool:
        # The ORM writes a column only when this says it changed: an unreadable number and a plain
        # "" are equal as text but not the same value.
        if is_unreadable(x) or is_unreadable(y):
            return is_unreadable(x) and is_unreadable(y) and x.stored == y.stored
        return x == y


def stored_card(column: QueryableAttribute[str]) -> TypeCoerce[str]:
    """The column as stored (ciphertext), for SQL that must not encrypt what it compares with."""
    return type_coerce(column, Text)


def unreadable_card_count(session: Session) -> int:
    """Experts (not in the 回收站) whose card number this PC's key cannot read."""
    from .models import Expert

    stored = stored_card(Expert.bank_card)
    query = select(func.count()).select_from(Expert).where(Expert.deleted_at.is_(None), stored != "")
    cipher = key_state().cipher
    if cipher is not None:
        query = query.where(func.substr(stored, 1, len(cipher.prefix)) != cipher.prefix)
    return session.scalar(query) or 0


def card_key_notice(session: Session) -> str | None:
    """One Chinese sentence when card numbers cannot be read here (or saved), else None."""
    state = key_state()
    count = unreadable_card_count(session)
    if state.problem:
        return (f"{state.problem}：{count} 位专家的银行卡号无法解密，也无法录入新的卡号，其他数据照常可用；"
                "请从原电脑复制 keys 文件夹，或删除该文件后重新录入卡号。")
    if count:
        return (f"本机的银行卡号密钥无法解密 {count} 位专家的银行卡号（数据库可能来自其他电脑，或密钥文件已丢失），"
                f"这些卡号显示为“无法解密”，其他数据照常可用；把原电脑数据文件夹中的 keys 文件夹复制到"
                f"“{state.path.parent.parent}”即可恢复。")
    return None
