"""The end of the year: a session's photos and its questionnaire, the 工作总结 draft (the session form and
the 报表 page; the command line calls the services directly)."""

from __future__ import annotations

from pathlib import Path

from ..services.files import write_atomically
from ..services.photos import AttachResult
from ..storage import photos as photo_store
from ..storage.database import Database
from .core import NO_JOB, Changes, Job, Outcome

# Photos belong to a session: its list (and its 操作记录) are told.
PHOTO_CHANGES = Changes.LECTURES | Changes.AUDIT


def attach_photos(db: Database, lecture_id: int, paths: list[Path], job: Job = NO_JOB) -> Outcome[AttachResult]:
    """All the files or none (a file that is not a photo stops the batch, named in the message)."""
    from ..services.photos import attach_photos as attach

    return Outcome(attach(db, lecture_id, paths, progress=job.progress), PHOTO_CHANGES)


def set_photo_caption(db: Database, photo_id: int, caption: str) -> Outcome[None]:
    with db.transaction() as session:
        photo_store.set_caption(session, photo_id, caption)
    return Outcome(None, PHOTO_CHANGES)


def remove_photo(db: Database, photo_id: int) -> Outcome[None]:
    with db.transaction() as session:
        photo_store.remove_photo(session, photo_id)
    return Outcome(None, PHOTO_CHANGES)


def session_photos(db: Database, lecture_id: int) -> list[tuple[int, bytes, str]]:
    """(id, JPEG bytes, caption) of each photo, in their order (a read)."""
    with db.session() as session:
        return [(p.id, photo_store.photo_data(session, p.id), p.caption)
                for p in photo_store.photo_infos(session, lecture_id)]


def save_questionnaire(db: Database, lecture_id: int, target: Path) -> Outcome[Path]:
    from ..services.reports.questionnaire import questionnaire_pdf

    with db.session() as session:
        data = questionnaire_pdf(session, lecture_id)
    return Outcome(write_atomically(target, lambda path: path.write_bytes(data), "问卷"), Changes.NONE)


def save_summary(db: Database, district: str | None, year: int | None, target: Path,
                 _job: Job = NO_JOB) -> Outcome[Path]:
    from ..services.summary.draft import write_summary

    return Outcome(write_summary(db, district, year, target), Changes.NONE)


def save_photo_appendix(db: Database, district: str | None, year: int | None, target: Path,
                        job: Job = NO_JOB) -> Outcome[Path]:
    from ..services.reports.photo_appendix import photo_appendix_pdf

    _stem, data = photo_appendix_pdf(db, district, year, job.progress)
    return Outcome(write_atomically(target, lambda path: path.write_bytes(data), "活动图片"), Changes.NONE)
