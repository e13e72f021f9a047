"""The 报送包 container: a zip holding manifest.json, data.json and the stamped PDFs.

The manifest carries a SHA-256 over every other member, so a changed or truncated file is
refused before anything is read from it.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...domain.errors import AppError
from ..files import write_atomically

FORMAT = "liuzhou_gui.package"
FORMAT_VERSION = 1
SUFFIX = ".lzbs"
MANIFEST = "manifest.json"
DATA = "data.json"


@dataclass
class PackageContent:
    manifest: dict[str, Any]
    data: dict[str, Any]
    attachments: dict[str, bytes]  # file name inside the package → bytes (the stamped PDFs)


def content_digest(members: dict[str, bytes]) -> str:
    """Order-independent: each member's name and bytes, sorted by name."""
    digest = hashlib.sha256()
    for name in sorted(members):
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(members[name]).digest())
    return digest.hexdigest()


def write_package(path: Path, manifest: dict[str, Any], data: dict[str, Any], attachments: dict[str, bytes]) -> Path:
    members = {DATA: json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")}
    members.update({f"附件/{name}": content for name, content in attachments.items()})
    manifest = {**manifest, "format": FORMAT, "format_version": FORMAT_VERSION,
                "content_sha256": content_digest(members)}

    def write(partial: Path) -> None:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
            for name, content in members.items():
                archive.writestr(name, content)

    return write_atomically(path, write, "报送包")


def read_package(path: Path) -> PackageContent:
    """Open and verify; every problem is one Chinese sentence and nothing has been written."""
    refused = f"报送包“{path.name}”"
    if not path.is_file():
        raise AppError(f"找不到报送包“{path}”。")
    try:
        with zipfile.ZipFile(path) as archive:
            members = {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as exc:
        raise AppError(f"{refused}已损坏或不完整（可能在复制时被截断），请让县区重新导出。") from exc
    except (OSError, RuntimeError) as exc:  # CRC errors surface as these
        raise AppError(f"{refused}无法读取（{exc}），请让县区重新导出。") from exc
    if MANIFEST not in members or DATA not in members:
        raise AppError(f"{refused}不是本软件生成的报送包。")
    try:
        manifest = json.loads(members.pop(MANIFEST))
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise ValueError("format")
        if not isinstance(manifest.get("format_version", 0), int):
            raise ValueError("format_version")
    except (ValueError, UnicodeDecodeError) as exc:
        raise AppError(f"{refused}不是本软件生成的报送包。") from exc
    if manifest.get("format_version", 0) > FORMAT_VERSION:
        raise AppError(f"{refused}由更新版本的本软件生成，请先升级软件。")
    if content_digest(members) != manifest.get("content_sha256"):
        raise AppError(f"{refused}的内容与校验码不符（文件被改动或损坏），已拒绝导入，未写入任何数据。")
    try:
        data = json.loads(members.pop(DATA))
    except (ValueError, UnicodeDecodeError) as exc:
        raise AppError(f"{refused}的数据无法读取。") from exc
    attachments = {name.removeprefix("附件/"): content for name, content in members.items()}
    return PackageContent(manifest, data, attachments)
