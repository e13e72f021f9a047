"""The exchange container shared by the 报送包 (district → city) and the 下发包 (city → districts).

A zip with `manifest.json` first: the kind, the format version, what the writer wants shown in clear
(district, year, counts…), the signer's certificate and a table of every other member with its size
and SHA-256; `manifest.sig` is the writer's signature over the manifest's bytes (trust/sealing.py),
so it covers every member. A reader refuses, each with its own sentence and before any member is
read whole: a file too large, too many members, a repeated or unknown member name, a member whose
declared size is over its limit; then a missing or wrong signature; then a member the table does
not list or a listed member that is missing; then (through `check_signer`) a signer the caller does
not trust; and only then reads the members, streamed with a cap at their listed size, refusing one
whose bytes differ from the table. Members may be encrypted to one recipient (the city); the
attachments, once decrypted, must be our own PDFs under `附件/`, checked as PDFs.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509

from ...domain.errors import AppError
from ..files import write_atomically
from ..trust.keys import InstallationKey, certificate_from_pem, fingerprint_of, installation_key, office_of
from ..trust.sealing import SCHEME, Opener, Sealer, Signer, sign, signature_is_valid

FORMAT = "liuzhou_gui.package"  # the same for both kinds; `kind` tells them apart
FORMAT_VERSION = 2  # 1: one digest in the manifest over the other members (no size table, no kind)
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
MAX_SIGNATURE = 256
ATTACHMENTS = "附件/"
PHOTOS = "图片/"  # a 报送包's session photos, each named by the SHA-256 of its JPEG bytes
_CHUNK = 1 << 20

# One attachment name: a plain file name ending in .pdf, no folders, nothing Windows refuses.
_ATTACHMENT_NAME = re.compile(r'[^/\\:*?"<>|\x00-\x1f]{1,120}\.pdf')
_PHOTO_NAME = re.compile(r"[0-9a-f]{64}\.jpg")


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 256 << 20  # the container on disk
    members: int = 64  # how many entries the zip may list
    manifest_bytes: int = 1 << 20
    member_bytes: int = 96 << 20  # any one member, unpacked
    total_bytes: int = 256 << 20  # all members together, unpacked


@dataclass(frozen=True)
class Kind:
    name: str  # shown to the user: 报送包 / 下发包
    suffix: str
    members: tuple[str, ...]  # the named members every container of this kind has
    attachments: bool  # whether PDFs under 附件/ may travel along
    limits: Limits = field(default_factory=Limits)
    photos: bool = False  # whether JPEGs under 图片/ may travel along


# A district's photos travel one member each (12 a session at most): room for a few hundred sessions.
REPORT = Kind("报送包", ".lzbs", ("data.json",), attachments=True, photos=True, limits=Limits(members=4096))
DISPATCH = Kind("下发包", ".lzxf", ("data.json",), attachments=True)
KINDS = (REPORT, DISPATCH)


class ContainerRefused(AppError):
    """A container was refused before anything was written; `reason` is a short code for tests and logs."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass
class ContainerContent:
    kind: Kind
    manifest: dict[str, Any]
    members: dict[str, bytes]  # every member but the manifest, checked against its table (decrypted)
    manifest_sha256: str  # binds the whole content: the manifest lists every member's digest
    signer: Signer
    encrypted: bool = False  # for the recipient named in manifest["encryption"]

    @property
    def attachments(self) -> dict[str, bytes]:
        """File name (without 附件/) → bytes of the PDFs that travelled along."""
        return {n.removeprefix(ATTACHMENTS): b for n, b in self.members.items() if n.startswith(ATTACHMENTS)}

    @property
    def photos(self) -> dict[str, bytes]:
        """SHA-256 → JPEG bytes of the photos that travelled along (each checked against its name)."""
        return {n.removeprefix(PHOTOS).removesuffix(".jpg"): b for n, b in self.members.items()
                if n.startswith(PHOTOS)}


def _mb(size: int) -> str:
    return f"{size / 1048576:.1f}".removesuffix(".0")


def _member_digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _is_known_member(kind: Kind, name: str) -> bool:
    if name in kind.members:
        return True
    if kind.photos and name.startswith(PHOTOS) and _PHOTO_NAME.fullmatch(name.removeprefix(PHOTOS)):
        return True
    return kind.attachments and name.startswith(ATTACHMENTS) and bool(
        _ATTACHMENT_NAME.fullmatch(name.removeprefix(ATTACHMENTS))) and ".." not in name


def check_pdf(content: bytes) -> bool:
    """Our own PDFs: the header, and a trailer whose `startxref` points at a cross-reference section
    (a table or a stream object) inside the file. Cheap and enough to keep anything else out."""
    if not content.startswith(b"%PDF-"):
        return False
    tail = content[-2048:]
    match = re.search(rb"startxref\s+(\d{1,12})\s+%%EOF\s*$", tail)
    if match is None:
        return False
    offset = int(match.group(1))
    if not 0 < offset < len(content):
        return False
    return re.match(rb"xref\b|\d+\s+\d+\s+obj\b", content[offset:offset + 32]) is not None


def check_jpeg(content: bytes) -> bool:
    """A whole JPEG: the start-of-image marker, a frame marker early on, the end-of-image marker last."""
    return content.startswith(b"\xff\xd8\xff") and content.rstrip(b"\x00").endswith(b"\xff\xd9")


def write_container(
    path: Path, kind: Kind, manifest: dict[str, Any], members: dict[str, bytes], *,
    sign_with: InstallationKey | None = None, encrypt_to: x509.Certificate | None = None,
) -> Path:
    """Write atomically. `manifest` holds what anyone may read in clear; `members` the content
    (the kind's named members, plus PDFs under 附件/ if the kind allows them). Signed with this
    installation's key unless another is given; encrypted to `encrypt_to`'s key when given."""
    missing = [name for name in kind.members if name not in members]
    unknown = [name for name in members if not _is_known_member(kind, name)]
    if missing or unknown:  # a programming error, not the user's: our reader would refuse the file
        raise ValueError(f"{kind.name}: missing {missing}, unknown {unknown}")
    key = sign_with or installation_key()
    extra: dict[str, Any] = {}
    if encrypt_to is not None:
        sealer = Sealer(encrypt_to, kind.name)
        members = {name: sealer.seal(name, content) for name, content in members.items()}
        extra["encryption"] = sealer.header
    table = {name: {"size": len(content), "sha256": _member_digest(content)} for name, content in members.items()}
    manifest = {**manifest, "format": FORMAT, "format_version": FORMAT_VERSION, "kind": kind.name, **extra,
                "signer": {"fingerprint": key.fingerprint, "office": key.office, "certificate": key.certificate_pem},
                "members": table}
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    signature = sign(key, manifest_bytes)

    def write(partial: Path) -> None:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(MANIFEST, manifest_bytes)
            archive.writestr(SIGNATURE, signature)
            for name, content in members.items():
                archive.writestr(name, content)

    return write_atomically(path, write, kind.name)


class _Reader:
    """One container being read: every check raises ContainerRefused with the file's name in it."""

    def __init__(self, path: Path, kind: Kind) -> None:
        self.path, self.kind, self.limits = path, kind, kind.limits
        self.what = f"{kind.name}“{path.name}”"

    def refuse(self, reason: str, sentence: str) -> ContainerRefused:
        return ContainerRefused(reason, f"{self.what}{sentence}，未写入任何数据。")

    def check_file(self) -> None:
        if not self.path.is_file():
            raise ContainerRefused("missing", f"找不到{self.kind.name}“{self.path}”。")
        size = self.path.stat().st_size
        if size > self.limits.file_bytes:
            raise self.refuse("file_size", f"有 {_mb(size)} MB，超过了 {_mb(self.limits.file_bytes)} MB 的上限，"
                                           f"不是本软件生成的{self.kind.name}")

    def check_listing(self, infos: list[zipfile.ZipInfo]) -> None:
        """Everything the zip's directory declares, before a single member is unpacked."""
        if len(infos) > self.limits.members:
            raise self.refuse("member_count", f"含有 {len(infos)} 个文件，超过了 {self.limits.members} 个的上限")
        names = [info.filename for info in infos]
        repeated = sorted({n for n, c in Counter(n.casefold() for n in names).items() if c > 1})
        if repeated:
            raise self.refuse("repeated", f"中有重名的文件（{repeated[0]}），这样的文件可能被人改动过")
        if MANIFEST not in names:
            raise self.refuse("no_manifest", f"缺少说明文件（{MANIFEST}），不是本软件生成的{self.kind.name}")
        unknown = [n for n in names if n not in (MANIFEST, SIGNATURE) and not _is_known_member(self.kind, n)]
        if unknown:
            raise self.refuse("unknown_member", f"中有不属于{self.kind.name}的文件“{unknown[0][:80]}”"
                                                f"（只接受本软件生成的数据和 PDF 附件）")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise self.refuse("zip_encrypted", f"中的文件“{info.filename}”设置了压缩包密码，不是本软件生成的")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise self.refuse("zip_method", f"中的文件“{info.filename}”使用了本软件不用的压缩方式")
            cap = {MANIFEST: self.limits.manifest_bytes, SIGNATURE: MAX_SIGNATURE}.get(
                info.filename, self.limits.member_bytes)
            if info.file_size > cap:
                raise self.refuse("member_size", f"中的文件“{info.filename}”解压后有 {_mb(info.file_size)} MB，"
                                                 f"超过了 {_mb(cap)} MB 的上限")
            total += info.file_size
        if total > self.limits.total_bytes:
            limit = _mb(self.limits.total_bytes)
            raise self.refuse("total_size", f"解压后共有 {_mb(total)} MB，超过了 {limit} MB 的上限")

    def read_capped(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int, too_big: AppError) -> bytes:
        """Stream one member and stop at `cap` bytes, whatever its header claims."""
        parts, size = [], 0
        with archive.open(info) as stream:
            while chunk := stream.read(min(_CHUNK, cap + 1 - size)):
                size += len(chunk)
                if size > cap:
                    raise too_big
                parts.append(chunk)
        return b"".join(parts)

    def changed(self, name: str) -> ContainerRefused:
        return self.refuse("digest", f"中的文件“{name}”与清单上的大小或校验码不符（文件被改动或损坏）")

    def parse_manifest(self, raw: bytes) -> dict[str, Any]:
        try:
            manifest = json.loads(raw)
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            raise self.refuse("bad_manifest", f"的说明文件无法读取，不是本软件生成的{self.kind.name}") from exc
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise self.refuse("bad_manifest", f"不是本软件生成的{self.kind.name}")
        version = manifest.get("format_version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise self.refuse("bad_manifest", f"的说明文件不完整，不是本软件生成的{self.kind.name}")
        if version > FORMAT_VERSION:
            raise self.refuse("newer_format", "由更新版本的本软件生成，请先升级软件")
        if version < FORMAT_VERSION:
            raise self.refuse("older_format", "由旧版本的本软件生成，没有逐个文件的校验，请对方升级软件后重新生成")
        return manifest

    def check_signature(self, manifest: dict[str, Any], raw: bytes, signature: bytes | None) -> Signer:
        """The signature over the manifest's bytes, by the certificate the manifest carries."""
        if signature is None:
            raise self.refuse("unsigned", "没有签名，无法确认由谁生成、是否被改动过")
        signer = manifest.get("signer")
        if not isinstance(signer, dict) or not isinstance(signer.get("certificate"), str):
            raise self.refuse("bad_signer", "的签名者信息不完整")
        try:
            certificate = certificate_from_pem(signer["certificate"], "签名者的证书")
        except AppError as exc:
            raise self.refuse("bad_signer", f"的{exc.message.removesuffix('。')}") from exc
        fingerprint = fingerprint_of(certificate.public_key())
        if signer.get("fingerprint") != fingerprint:
            raise self.refuse("bad_signer", "中写明的密钥指纹与其证书不符（文件被改动过）")
        if not signature_is_valid(certificate, raw, signature):
            raise self.refuse("signature", "的签名与内容不符（文件在签名后被改动过，或校验码被重新计算过）")
        return Signer(fingerprint, office_of(certificate), certificate)

    def check_kind(self, manifest: dict[str, Any]) -> dict[str, Any]:
        if manifest.get("kind") != self.kind.name:
            other = manifest.get("kind") if manifest.get("kind") in {k.name for k in KINDS} else "其他文件"
            raise self.refuse("wrong_kind", f"是{other}，不是{self.kind.name}")
        table = manifest.get("members")
        if not isinstance(table, dict) or not all(
            isinstance(entry, dict) and isinstance(entry.get("size"), int) and isinstance(entry.get("sha256"), str)
            for entry in table.values()
        ):
            raise self.refuse("bad_manifest", "的说明文件中没有完整的文件清单")
        return manifest

    def check_table(self, table: dict[str, dict[str, Any]], names: set[str]) -> None:
        """The zip holds exactly the members the manifest lists: none added, none removed."""
        added = sorted(names - table.keys())
        if added:
            raise self.refuse("member_added", f"中多出了清单上没有的文件“{added[0]}”（文件在生成后被人添加过）")
        removed = sorted(table.keys() - names)
        if removed:
            raise self.refuse("member_removed", f"中缺少清单上的文件“{removed[0]}”（文件在生成后被人删除过）")
        for name in self.kind.members:
            if name not in table:
                raise self.refuse("member_removed", f"中缺少数据文件“{name}”")
        for name, entry in table.items():
            if not 0 <= entry["size"] <= self.limits.member_bytes:
                raise self.refuse("member_size", f"的清单上文件“{name}”的大小（{entry['size']} 字节）超出了上限")

    def check_member(self, name: str, content: bytes, entry: dict[str, Any]) -> None:
        if len(content) != entry["size"] or _member_digest(content) != entry["sha256"]:
            raise self.changed(name)

    def check_attachments(self, members: dict[str, bytes]) -> None:
        for name, content in members.items():
            if name.startswith(ATTACHMENTS) and not check_pdf(content):
                raise self.refuse("not_pdf", f"中的附件“{name.removeprefix(ATTACHMENTS)}”不是完整的 PDF 文件")
            # A photo is named by the digest of its (decrypted) bytes: a whole JPEG, unchanged.
            if name.startswith(PHOTOS) and (not check_jpeg(content) or _member_digest(content)
                                            != name.removeprefix(PHOTOS).removesuffix(".jpg")):
                raise self.refuse("not_photo", f"中的图片“{name.removeprefix(PHOTOS)[:12]}…”不是完整的照片")

    def decrypt(self, manifest: dict[str, Any], members: dict[str, bytes], key: InstallationKey) -> dict[str, bytes]:
        header = manifest["encryption"]
        if not isinstance(header, dict) or header.get("scheme") != SCHEME:
            raise self.refuse("encryption", "使用了本软件不认识的加密方式")
        if header.get("recipient") != key.fingerprint:
            raise self.refuse("not_for_us", f"是加密发给另一台电脑（密钥指纹 {str(header.get('recipient'))[:29]}）的，"
                                            f"本机（密钥指纹 {key.fingerprint}）无法读取")
        try:
            opener = Opener(key, header, self.kind.name)
        except (KeyError, ValueError, TypeError) as exc:
            raise self.refuse("encryption", "的加密信息已损坏，无法解密") from exc
        opened = {}
        for name, sealed in members.items():
            plain = opener.open(name, sealed)
            if plain is None:
                raise self.refuse("decrypt", f"中的文件“{name}”无法解密（不是加密给本机的，或已被改动）")
            opened[name] = plain
        return opened


def read_container(
    path: Path, kind: Kind, *, check_signer: Callable[[Signer, dict[str, Any]], None] | None = None,
    decrypt_with: InstallationKey | None = None, decrypt: bool = True,
) -> ContainerContent:
    """Open and verify. `check_signer` (the caller's trust decision) runs once the signature and the
    member list are checked, before any member is unpacked: a refusal there reads nothing more.
    Encrypted members are decrypted with this installation's key (or `decrypt_with`) unless
    `decrypt` is False (checking who signed a file needs no key)."""
    reader = _Reader(path, kind)
    reader.check_file()
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            reader.check_listing(infos)
            by_name = {info.filename: info for info in infos}
            raw_manifest = reader.read_capped(archive, by_name[MANIFEST], kind.limits.manifest_bytes,
                                              reader.refuse("damaged", "的说明文件与压缩包记录的大小不符"))
            manifest = reader.parse_manifest(raw_manifest)
            signature = by_name.get(SIGNATURE)
            signer = reader.check_signature(manifest, raw_manifest, None if signature is None else reader.read_capped(
                archive, signature, MAX_SIGNATURE, reader.refuse("signature", "的签名文件大小不符")))
            table = reader.check_kind(manifest)["members"]
            reader.check_table(table, set(by_name) - {MANIFEST, SIGNATURE})
            if check_signer is not None:
                check_signer(signer, manifest)
            members: dict[str, bytes] = {}
            for name, entry in table.items():
                # Never more than the table says: a member that grows past it is refused mid-stream.
                content = reader.read_capped(archive, by_name[name], entry["size"], reader.changed(name))
                reader.check_member(name, content, entry)
                members[name] = content
    except ContainerRefused:
        raise
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile, ValueError) as exc:
        raise reader.refuse("damaged", "已损坏或不完整（可能在复制时被截断），请对方重新生成") from exc
    except (OSError, RuntimeError, NotImplementedError) as exc:  # CRC errors surface as these
        raise reader.refuse("unreadable", f"无法读取（{exc}），请对方重新生成") from exc
    encrypted = "encryption" in manifest
    if encrypted and decrypt:
        members = reader.decrypt(manifest, members, decrypt_with or installation_key())
    if decrypt or not encrypted:
        reader.check_attachments(members)
    return ContainerContent(kind, manifest, members, hashlib.sha256(raw_manifest).hexdigest(), signer, encrypted)
