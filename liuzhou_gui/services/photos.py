"""Attaching photo files to a session: all of them prepared first, then stored in one transaction.

A file that is not a usable photo stops the whole batch before anything is written, with its name in
the message; a SIGKILL halfway leaves the session with all the photos or with none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..storage import photos as photo_store
from ..storage import trash
from ..storage.database import Database
from ..storage.models import Lecture
from .photo_files import PreparedPhoto, date_warning, prepare_photo


@dataclass(frozen=True)
class AttachResult:
    photo_ids: list[int]
    warnings: list[str]  # dates that differ from the session's


def attach_photos(
    db: Database, lecture_id: int, paths: list[Path], captions: list[str] | None = None, *,
    progress: Callable[[int, int], None] | None = None,
) -> AttachResult:
    captions = captions or [""] * len(paths)
    with db.session() as session:
        held_on = trash.get_live(session, Lecture, lecture_id).held_on
    prepared: list[PreparedPhoto] = []
    for index, path in enumerate(paths):
        prepared.append(prepare_photo(path))
        if progress:
            progress(index + 1, len(paths) + 1)
    with db.transaction() as session:
        ids = [
            photo_store.add_photo(
                session, lecture_id, photo.data, width=photo.width, height=photo.height, sha256=photo.sha256,
                taken_at=photo.taken_at, caption=caption, original_name=photo.original_name,
            ).id
            for photo, caption in zip(prepared, captions, strict=True)
        ]
    if progress:
        progress(len(paths) + 1, len(paths) + 1)
    warnings = [w for p in prepared if (w := date_warning(p.taken_at, held_on, p.original_name))]
    return AttachResult(ids, warnings)
