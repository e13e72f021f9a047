"""The 报送包: the exchange container (container.py) of kind REPORT with data.json and the stamped PDFs."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography import x509

from ...domain.reference import find_district
from ..trust.keys import InstallationKey
from ..trust.sealing import Signer
from .container import PHOTOS, REPORT, ContainerContent, ContainerRefused, read_container, write_container

if TYPE_CHECKING:
    from ...storage.database import Database

SUFFIX = REPORT.suffix
DATA = "data.json"
# manifest["card_numbers"]: whether the lecturers' bank card numbers travel (encrypted to the city)
CARDS_ENCRYPTED, CARDS_OMITTED = "encrypted", "omitted"


@dataclass
class PackageContent:
    manifest: dict[str, Any]
    data: dict[str, Any]
    attachments: dict[str, bytes]  # file name inside the package → bytes (the stamped PDFs)
    content_sha256: str  # of the manifest, which lists every member's digest
    signer: Signer | None = None
    photos: dict[str, bytes] = field(default_factory=dict)  # SHA-256 → JPEG of the sessions' photos

    @property
    def cards_omitted(self) -> bool:
        return self.manifest.get("card_numbers") == CARDS_OMITTED


def write_package(
    path: Path, manifest: dict[str, Any], data: dict[str, Any], attachments: dict[str, bytes],
    photos: dict[str, bytes] | None = None, *,
    sign_with: InstallationKey | None = None, encrypt_to: x509.Certificate | None = None,
) -> Path:
    members = {DATA: json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")}
    members.update({f"附件/{name}": content for name, content in attachments.items()})
    members.update({f"{PHOTOS}{sha}.jpg": content for sha, content in (photos or {}).items()})
    manifest = {**manifest, "card_numbers": CARDS_OMITTED if encrypt_to is None else CARDS_ENCRYPTED}
    return write_container(path, REPORT, manifest, members, sign_with=sign_with, encrypt_to=encrypt_to)


def package_district(path: Path, manifest: dict[str, Any]) -> str:
    """The district a package says it is from (its full name): the party its key must belong to."""
    found = find_district(str(manifest.get("district", ""))[:40])
    if found is None:
        raise ContainerRefused("district", f"报送包“{path.name}”写明的县区不是柳州市的县区，未写入任何数据。")
    return found.name


def package_content(path: Path, content: ContainerContent) -> PackageContent:
    try:
        data = json.loads(content.members[DATA])
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise ContainerRefused("bad_data", f"报送包“{path.name}”的数据无法读取，未写入任何数据。") from exc
    if not isinstance(data, dict):
        raise ContainerRefused("bad_data", f"报送包“{path.name}”的数据不是本软件生成的格式，未写入任何数据。")
    return PackageContent(content.manifest, data, content.attachments, content.manifest_sha256, content.signer,
                          content.photos)


def check_table_signatures(path: Path, content: PackageContent) -> None:
    """Every stamped PDF in the package signed, unchanged, by the key that signed the package."""
    from ..trust.pdf_signing import check_pdf_signature

    for name, pdf in content.attachments.items():
        check = check_pdf_signature(pdf)
        if check.valid and content.signer and check.fingerprint != content.signer.fingerprint:
            check = dataclasses.replace(
                check, valid=False, problem=f"签名密钥（指纹 {check.fingerprint}）不是签名报送包的那把")
        if not check.valid:
            raise ContainerRefused("table_signature", f"报送包“{path.name}”中的附件“{name}”未通过签名检查："
                                                      f"{check.problem.removesuffix('。')}，未写入任何数据。")


def read_package(path: Path, *, key: InstallationKey | None = None) -> PackageContent:
    """Open, verify and decrypt (with this installation's key unless `key` is given); every problem
    is one Chinese sentence and nothing has been written. No trust decision: see package_import."""
    return package_content(path, read_container(path, REPORT, decrypt_with=key))


def read_manifest(path: Path) -> tuple[dict[str, Any], Signer]:
    """What anyone may see of a package: its manifest and its verified signer (no key needed)."""
    content = read_container(path, REPORT, decrypt=False)
    return content.manifest, content.signer


@dataclass(frozen=True)
class PackagePreview:
    """What the city sees before it confirms an import: the manifest, who signed it, and the key on
    record for the district (None before its first package)."""

    manifest: dict[str, Any]
    signer: Signer
    district: str
    known_fingerprint: str | None

    @property
    def key_changed(self) -> bool:
        return self.known_fingerprint is not None and self.known_fingerprint != self.signer.fingerprint


def preview_package(db: Database, path: Path, *, key: InstallationKey | None = None) -> PackagePreview:
    """Verify, decrypt and check a package as an import would, writing nothing."""
    from ..trust.policy import known_fingerprint
    from .package_content import CONFIRMED_DIGEST, checked_content

    content = read_package(path, key=key)
    check_table_signatures(path, content)
    district = package_district(path, content.manifest)
    assert content.signer is not None
    # What the confirmation shows must be what is imported: the content rules now, the digest later.
    checked_content(path.name, content.manifest, content.data)
    manifest = content.manifest | {CONFIRMED_DIGEST: content.content_sha256}
    return PackagePreview(manifest, content.signer, district, known_fingerprint(db, district))
