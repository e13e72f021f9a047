"""The 下发包 file (city → districts): the shared exchange container (container.py) of kind DISPATCH with
data.json; the container checks sizes, members and digests before anything is read whole."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ...storage.database import Database
from ...storage.trusted_keys import CITY
from ..trust.policy import TrustDecision, read_trusted
from .container import DISPATCH, ContainerRefused, write_container

SUFFIX = DISPATCH.suffix
DATA = "data.json"


def write_directive_file(path: Path, manifest: dict[str, Any], data: dict[str, Any]) -> Path:
    return write_container(path, DISPATCH, manifest, {DATA: json.dumps(data, ensure_ascii=False, indent=1).encode()})


def read_directive_file(
    db: Database, path: Path, *, trust: str | None = None,
) -> tuple[dict[str, Any], dict[str, Any], str, TrustDecision]:
    """(manifest, data, digest, trust decision), verified; every problem is one Chinese sentence and
    nothing is written. The signer must be the city's key on record (the first 下发包 records it; another
    key is refused unless `trust` names its fingerprint)."""
    content, decision = read_trusted(db, path, DISPATCH, lambda _manifest: CITY, confirmed=trust)
    try:
        data = json.loads(content.members[DATA])
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise ContainerRefused("bad_data", f"下发包“{path.name}”的数据无法读取，未应用。") from exc
    if not isinstance(data, dict):
        raise ContainerRefused("bad_data", f"下发包“{path.name}”的数据不是本软件生成的格式，未应用。")
    return content.manifest, data, content.manifest_sha256, decision
