"""The 下发包 file (city → districts): the shared exchange container (container.py) of kind DISPATCH with
data.json; the container checks sizes, members and digests before anything is read whole."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .container import DISPATCH, ContainerRefused, read_container, write_container

SUFFIX = DISPATCH.suffix
DATA = "data.json"


def write_directive_file(path: Path, manifest: dict[str, Any], data: dict[str, Any]) -> Path:
    return write_container(path, DISPATCH, manifest, {DATA: json.dumps(data, ensure_ascii=False, indent=1).encode()})


def read_directive_file(path: Path) -> tuple[dict[str, Any], dict[str, Any], str]:
    """(manifest, data, digest), verified; every problem is one Chinese sentence and nothing is written."""
    content = read_container(path, DISPATCH)
    try:
        data = json.loads(content.members[DATA])
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise ContainerRefused("bad_data", f"下发包“{path.name}”的数据无法读取，未应用。") from exc
    if not isinstance(data, dict):
        raise ContainerRefused("bad_data", f"下发包“{path.name}”的数据不是本软件生成的格式，未应用。")
    return content.manifest, data, content.manifest_sha256
