"""The 报送包: the exchange container (container.py) of kind REPORT with data.json and the stamped PDFs."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .container import PHOTOS, REPORT, ContainerRefused, read_container, write_container

SUFFIX = REPORT.suffix
DATA = "data.json"


@dataclass
class PackageContent:
    manifest: dict[str, Any]
    data: dict[str, Any]
    attachments: dict[str, bytes]  # file name inside the package → bytes (the stamped PDFs)
    content_sha256: str  # of the manifest, which lists every member's digest
    photos: dict[str, bytes] = field(default_factory=dict)  # SHA-256 → JPEG of the sessions' photos


def write_package(path: Path, manifest: dict[str, Any], data: dict[str, Any], attachments: dict[str, bytes],
                  photos: dict[str, bytes] | None = None) -> Path:
    members = {DATA: json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")}
    members.update({f"附件/{name}": content for name, content in attachments.items()})
    members.update({f"{PHOTOS}{sha}.jpg": content for sha, content in (photos or {}).items()})
    return write_container(path, REPORT, manifest, members)


def read_package(path: Path) -> PackageContent:
    """Open and verify; every problem is one Chinese sentence and nothing has been written."""
    content = read_container(path, REPORT)
    try:
        data = json.loads(content.members[DATA])
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise ContainerRefused("bad_data", f"报送包“{path.name}”的数据无法读取，未写入任何数据。") from exc
    if not isinstance(data, dict):
        raise ContainerRefused("bad_data", f"报送包“{path.name}”的数据不是本软件生成的格式，未写入任何数据。")
    return PackageContent(content.manifest, data, content.attachments, content.manifest_sha256, content.photos)
