"""The sessions' photos in a 报送包: listed in each session's record, carried as members named by their
SHA-256 (container.PHOTOS), put back under the city's copy of each session on import.

The bytes are carried unchanged (the district already shrank and re-encoded them), so a photo at the
city is the district's byte for byte; the record's facts are checked against the bytes on the way in.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from PIL import Image, UnidentifiedImageError
from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.errors import AppError
from ...storage import photos as photo_store
from ...storage.models import LecturePhoto


def photo_records(session: Session, lecture_ids: list[int]) -> tuple[dict[int, list[dict[str, Any]]], dict[str, bytes]]:
    """(lecture id → its photos' records in order, SHA-256 → bytes)."""
    by_lecture: dict[int, list[dict[str, Any]]] = {}
    blobs: dict[str, bytes] = {}
    rows = session.scalars(
        select(LecturePhoto).where(LecturePhoto.lecture_id.in_(lecture_ids))
        .order_by(LecturePhoto.lecture_id, LecturePhoto.position, LecturePhoto.id)
    )
    for photo in rows:
        by_lecture.setdefault(photo.lecture_id, []).append({
            "sha256": photo.sha256, "caption": photo.caption, "original_name": photo.original_name,
            "taken_at": photo.taken_at.isoformat(timespec="seconds") if photo.taken_at else None,
        })
        blobs[photo.sha256] = photo.data
    return by_lecture, blobs


def photo_bytes(session: Session, lecture_ids: list[int]) -> tuple[int, int]:
    """(how many photos, their bytes) of these sessions: what they add to a package."""
    from sqlalchemy import func

    count, size = session.execute(
        select(func.count(), func.coalesce(func.sum(func.length(LecturePhoto.data)), 0))
        .where(LecturePhoto.lecture_id.in_(lecture_ids))
    ).one()
    return count, size


def _size_of(data: bytes, name: str) -> tuple[int, int]:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != "JPEG":
                raise AppError(f"报送包中的图片“{name}”不是 JPEG 照片，未写入任何数据。")
            return image.size
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise AppError(f"报送包中的图片“{name}”无法读取，未写入任何数据。") from exc


def add_package_photos(session: Session, saved: list[tuple[int, dict[str, Any]]], blobs: dict[str, bytes]) -> int:
    """Each (new lecture id, its record) gets the record's photos; returns how many were added."""
    added = 0
    for lecture_id, record in saved:
        entries = record.get("photos") or []
        if not isinstance(entries, list):
            raise AppError("报送包中活动的图片清单格式不对，未写入任何数据。")
        for entry in entries:
            sha = entry.get("sha256") if isinstance(entry, dict) else None
            if not isinstance(sha, str) or sha not in blobs:
                raise AppError("报送包中缺少活动清单上列出的图片（文件不完整），未写入任何数据。")
            data = blobs[sha]
            name = str(entry.get("original_name") or "")[:260]
            width, height = _size_of(data, name or sha[:12])
            taken = entry.get("taken_at")
            try:
                taken_at = datetime.fromisoformat(taken) if isinstance(taken, str) else None
            except ValueError:
                taken_at = None
            photo_store.add_photo(session, lecture_id, data, width=width, height=height, sha256=sha,
                                  taken_at=taken_at, caption=str(entry.get("caption") or ""), original_name=name)
            added += 1
    return added
