"""The 下发包 container (city → districts): manifest.json and data.json in a zip, the manifest carrying a
SHA-256 of the data. A local stand-in until the shared signed container lands; same checks as the 报送包.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from ...domain.errors import AppError
from ..files import write_atomically
from .package_file import content_digest

FORMAT = "liuzhou_gui.directive"
FORMAT_VERSION = 1
SUFFIX = ".lzxf"
MANIFEST, DATA = "manifest.json", "data.json"
MAX_BYTES = 20 * 1024 * 1024  # a year's plan and a few hundred experts are well under 1 MB


def write_directive_file(path: Path, manifest: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """Write the file; returns the manifest as written (with its format and digest)."""
    members = {DATA: json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")}
    manifest = {**manifest, "format": FORMAT, "format_version": FORMAT_VERSION,
                "content_sha256": content_digest(members)}

    def write(partial: Path) -> None:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
            archive.writestr(DATA, members[DATA])

    write_atomically(path, write, "下发包")
    return manifest


def read_directive_file(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """(manifest, data), verified; every problem is one Chinese sentence."""
    refused = f"下发包“{path.name}”"
    if not path.is_file():
        raise AppError(f"找不到下发包“{path}”。")
    if path.stat().st_size > MAX_BYTES:
        raise AppError(f"{refused}太大（超过 20 MB），不是本软件生成的下发包。")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = [i for i in archive.infolist() if not i.is_dir()]
            if {i.filename for i in infos} != {MANIFEST, DATA} or sum(i.file_size for i in infos) > 4 * MAX_BYTES:
                raise AppError(f"{refused}不是本软件生成的下发包。")
            members = {i.filename: archive.read(i) for i in infos}
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as exc:
        raise AppError(f"{refused}已损坏或不完整（可能在复制时被截断），请向市卫健委重新索取。") from exc
    except (OSError, RuntimeError) as exc:
        raise AppError(f"{refused}无法读取（{exc}）。") from exc
    try:
        manifest = json.loads(members.pop(MANIFEST))
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise ValueError("format")
    except (ValueError, UnicodeDecodeError) as exc:
        raise AppError(f"{refused}不是本软件生成的下发包（报送包请在“数据交换”中导入）。") from exc
    if int(manifest.get("format_version", 0) or 0) > FORMAT_VERSION:
        raise AppError(f"{refused}由更新版本的本软件生成，请先升级软件。")
    if content_digest(members) != manifest.get("content_sha256"):
        raise AppError(f"{refused}的内容与校验码不符（文件被改动或损坏），已拒绝，未写入任何数据。")
    try:
        data = json.loads(members[DATA])
        if not isinstance(data, dict):
            raise ValueError("data")
    except (ValueError, UnicodeDecodeError) as exc:
        raise AppError(f"{refused}的数据无法读取。") from exc
    return manifest, data
