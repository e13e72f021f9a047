"""`verify`: who signed a file and whether it is unchanged, for a stamped PDF or a package."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...domain.errors import AppError
from ...storage import trusted_keys
from ...storage.database import Database
from ..exchange.container import KINDS, ContainerRefused, read_container
from .pdf_signing import MAX_PDF, check_pdf_signature


@dataclass(frozen=True)
class Verdict:
    valid: bool
    text: str


def _known_as(db: Database, fingerprint: str) -> str:
    """Whose key on record this is, if any (the reader compares the fingerprint with the paper)."""
    with db.session() as session:
        names = [trusted_keys.party_label(row.party) for row in trusted_keys.all_current(session)
                 if row.fingerprint == fingerprint]
    return f"本机登记为{'、'.join(names)}的密钥。" if names else "这把密钥本机尚未登记，请与盖章纸质表格上的指纹核对。"


def verify_file(db: Database, path: Path) -> Verdict:
    if not path.is_file():
        raise AppError(f"找不到文件“{path}”。")
    kind = next((k for k in KINDS if path.suffix.lower() == k.suffix), None)
    if kind is not None:
        try:
            content = read_container(path, kind, decrypt=False)
        except ContainerRefused as exc:
            return Verdict(False, f"无效：{exc.message}")
        signer = content.signer
        sealed = "（内容已加密）" if content.encrypted else ""
        return Verdict(True, f"有效：{kind.name}“{path.name}”由“{signer.office}”签名（密钥指纹 {signer.fingerprint}），"
                             f"签名后未被改动{sealed}。{_known_as(db, signer.fingerprint)}")
    try:
        if path.stat().st_size > MAX_PDF:
            return Verdict(False, f"无效：“{path.name}”太大，不是本软件生成的 PDF。")
        data = path.read_bytes()
    except OSError as exc:
        raise AppError(f"无法读取“{path}”：{exc.strerror or exc}") from exc
    if not data.startswith(b"%PDF-"):
        return Verdict(False, f"无效：“{path.name}”不是 PDF、报送包或下发包。")
    check = check_pdf_signature(data)
    if not check.valid:
        return Verdict(False, f"无效：“{path.name}”{check.problem}")
    return Verdict(True, f"有效：“{path.name}”{check.text.removeprefix('签名有效：')}（完整性签名，非法定电子印章）"
                         f"{_known_as(db, check.fingerprint)}")
