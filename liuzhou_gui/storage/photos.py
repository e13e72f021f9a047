"""Evidence photos of a session, kept in the database: add, list, caption, reorder, remove; audited.

The photos are prepared (checked, upright, shrunk) by services.photo_files; this module only stores
them under the stated limits. A session in the 回收站 keeps its photos and brings them back when it is
restored; purging the session deletes them (ON DELETE CASCADE).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..domain.errors import AppError, NotFoundError
from ..domain.validation import check_length, clean_text
from . import audit, trash
from .lectures import label_of
from .models import Lecture, LecturePhoto

MAX_PHOTOS_PER_SESSION = 12  # the 活动图片 appendix prints two a page: six pages a session at most
MAX_SESSION_BYTES = 12 * 1024 * 1024  # stored (shrunk) bytes of one session's photos
MAX_CAPTION = 60


@dataclass(frozen=True)
class PhotoInfo:
    id: int
    lecture_id: int
    position: int
    width: int
    height: int
    size: int
    taken_at: datetime | None
    caption: str
    original_name: str
    sha256: str


def _check_caption(caption: str) -> str:
    text = clean_text(caption).replace("\n", " ")
    problem = check_length(text, MAX_CAPTION)
    if problem:
        raise AppError(f"图片说明{problem}。")
    return text


def photo_infos(session: Session, lecture_id: int) -> list[PhotoInfo]:
    rows = session.execute(
        select(LecturePhoto.id, LecturePhoto.lecture_id, LecturePhoto.position, LecturePhoto.width,
               LecturePhoto.height, func.length(LecturePhoto.data), LecturePhoto.taken_at, LecturePhoto.caption,
               LecturePhoto.original_name, LecturePhoto.sha256)
        .where(LecturePhoto.lecture_id == lecture_id).order_by(LecturePhoto.position, LecturePhoto.id)
    )
    return [PhotoInfo(*row) for row in rows]


def photo_data(session: Session, photo_id: int) -> bytes:
    data = session.scalar(select(LecturePhoto.data).where(LecturePhoto.id == photo_id))
    if data is None:
        raise NotFoundError(f"找不到编号为 {photo_id} 的图片，可能已被删除。")
    return data


def photo_counts(session: Session, lecture_ids: list[int]) -> dict[int, int]:
    return dict(session.execute(
        select(LecturePhoto.lecture_id, func.count()).where(LecturePhoto.lecture_id.in_(lecture_ids))
        .group_by(LecturePhoto.lecture_id)
    ).all())


def add_photo(
    session: Session, lecture_id: int, data: bytes, *, width: int, height: int, sha256: str,
    taken_at: datetime | None = None, caption: str = "", original_name: str = "",
) -> LecturePhoto:
    """One prepared JPEG onto a live session, refused (nothing written) beyond the limits."""
    lecture = trash.get_live(session, Lecture, lecture_id)
    caption = _check_caption(caption)
    count, used, last = session.execute(
        select(func.count(), func.coalesce(func.sum(func.length(LecturePhoto.data)), 0),
               func.coalesce(func.max(LecturePhoto.position), -1))
        .where(LecturePhoto.lecture_id == lecture_id)
    ).one()
    if count >= MAX_PHOTOS_PER_SESSION:
        raise AppError(f"每场活动最多 {MAX_PHOTOS_PER_SESSION} 张图片，“{label_of(lecture)}”已有 {count} 张，"
                       f"“{original_name}”未添加。")
    if used + len(data) > MAX_SESSION_BYTES:
        raise AppError(f"每场活动的图片合计不超过 {MAX_SESSION_BYTES // 1024 // 1024} MB，"
                       f"“{original_name}”未添加。")
    photo = LecturePhoto(
        lecture_id=lecture_id, position=last + 1, data=data, width=width, height=height, taken_at=taken_at,
        caption=caption, original_name=original_name[:260], sha256=sha256,
    )
    session.add(photo)
    session.flush()
    audit.record(session, "create", "photo", photo.id, f"{label_of(lecture)} 图片“{original_name}”",
                 {"photo": [None, original_name], "caption": [None, caption]} if caption else
                 {"photo": [None, original_name]})
    return photo


def _photo(session: Session, photo_id: int) -> LecturePhoto:
    photo = session.get(LecturePhoto, photo_id)
    if photo is None:
        raise NotFoundError(f"找不到编号为 {photo_id} 的图片，可能已被删除。")
    return photo


def set_caption(session: Session, photo_id: int, caption: str) -> None:
    photo = _photo(session, photo_id)
    text = _check_caption(caption)
    if text != photo.caption:
        lecture = trash.get_live(session, Lecture, photo.lecture_id)
        audit.record(session, "update", "photo", photo.id, f"{label_of(lecture)} 图片“{photo.original_name}”",
                     {"caption": [photo.caption, text]})
        photo.caption = text


def remove_photo(session: Session, photo_id: int) -> None:
    photo = _photo(session, photo_id)
    lecture = trash.get_live(session, Lecture, photo.lecture_id)
    audit.record(session, "delete", "photo", photo.id, f"{label_of(lecture)} 图片“{photo.original_name}”",
                 {"photo": [photo.original_name, None]})
    session.execute(delete(LecturePhoto).where(LecturePhoto.id == photo_id))


def move_photo(session: Session, photo_id: int, step: int) -> None:
    """One place earlier (-1) or later (+1) among the session's photos."""
    photo = _photo(session, photo_id)
    ordered = [p.id for p in photo_infos(session, photo.lecture_id)]
    index = ordered.index(photo_id)
    target = min(max(index + step, 0), len(ordered) - 1)
    ordered.insert(target, ordered.pop(index))
    for position, pid in enumerate(ordered):
        session.get_one(LecturePhoto, pid).position = position
