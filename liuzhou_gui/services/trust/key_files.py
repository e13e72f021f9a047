"""Public-key files: a district learns the city's key without waiting for a 下发包 (or the city a
district's), and this installation's certificate is handed out the same way."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from ...domain.errors import AppError
from ...domain.reference import find_district
from ...storage import audit, trusted_keys
from ...storage.database import Database
from ..files import write_atomically
from .keys import MAX_CERTIFICATE, InstallationKey, certificate_from_pem, fingerprint_of, office_of
from .policy import TrustDecision, decide, own_key
from .sealing import Signer

FILE_FORMAT = "liuzhou_gui public key certificate, format 1"
HOW_IMPORTED = "imported"


def own_key_for(db: Database) -> InstallationKey:
    return own_key(db)


def export_certificate(key: InstallationKey, output: Path, db: Database) -> Path:
    if output.resolve() == db.path.resolve():
        raise AppError(f"“{output}”是正在使用的数据库，不能写在这里。")
    text = (f"# {FILE_FORMAT}\n# 单位：{key.office}\n# 指纹：{key.fingerprint}\n"
            f"# 这是公钥证书，不含私钥，可以公开交给对方。\n{key.certificate_pem}")
    return write_atomically(output, lambda path: path.write_text(text, encoding="utf-8"), "公钥证书")


def import_certificate(db: Database, path: Path, *, district: str | None = None,
                       confirmed: str | None = None) -> TrustDecision:
    """Trust the key in `path` for the city (or for `district`): a new key for a party that has
    one needs its fingerprint confirmed, as for a package."""
    what = f"密钥文件“{path.name}”"
    try:
        if path.stat().st_size > MAX_CERTIFICATE + 4096:
            raise AppError(f"{what}太大，不是本软件导出的公钥证书。")
        raw = path.read_bytes()
    except OSError as exc:
        raise AppError(f"无法读取{what}：{exc.strerror or exc}") from exc
    start = raw.find(b"-----BEGIN CERTIFICATE-----")
    certificate = certificate_from_pem(raw[start:] if start >= 0 else raw, what)
    if district is None:
        party = trusted_keys.CITY
    else:
        found = find_district(district)
        if found is None:
            raise AppError(f"“{district[:40]}”不是柳州市的县区。")
        party = found.name
    signer = Signer(fingerprint_of(certificate.public_key()), office_of(certificate), certificate)
    decision = decide(db, party, signer, what, confirmed)
    if decision.how is not None:
        decision = dataclasses.replace(decision, how=HOW_IMPORTED)
        with db.transaction() as session:
            decision.remember(session)
    return decision


def trusted_rows(db: Database) -> list[dict[str, Any]]:
    with db.session() as session:
        return [
            {"party": trusted_keys.party_label(row.party), "fingerprint": row.fingerprint, "office": row.office,
             "how": trusted_keys.HOW_LABELS.get(row.how, row.how), "trusted_at": audit.local_time(row.trusted_at)}
            for row in trusted_keys.all_current(session)
        ]
