"""The 满意度调查问卷 of a session and the 活动图片 appendix, read back from the PDFs."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import select
from yearend_photos import camera_jpeg

from liuzhou_gui.cli.main import run
from liuzhou_gui.domain.evaluation import RATINGS
from liuzhou_gui.services.photos import attach_photos
from liuzhou_gui.storage.models import Lecture


def _pages(path: Path) -> list[str]:
    return ["".join(page.extract_text().split()) for page in PdfReader(path).pages]


def test_questionnaire_is_one_page_with_the_session_filled_in(photo_session, tmp_path: Path):
    db, lecture_id, held_on = photo_session
    with db.session() as session:
        lecture = session.get(Lecture, lecture_id)
        topic, place = lecture.topic, lecture.place
    path = str(db.path)
    db.close()
    out = tmp_path / "问卷.pdf"
    assert run(["--db", path, "questionnaire", str(lecture_id), "-o", str(out)]) == 0
    pages = _pages(out)
    assert len(pages) == 1
    text = pages[0]
    assert f"活动主题：{topic}" in text and f"活动地点：{place}" in text
    assert f"活动日期：{held_on.year}年{held_on.month}月{held_on.day}日" in text
    # The paper asks what the form records, in its words and order.
    positions = [text.index(label) for _, label in RATINGS if label != "满意"]
    assert positions == sorted(positions)
    assert "主要意见和建议" in text and "活动前得分" in text and "活动后得分" in text
    assert run(["--db", path, "questionnaire", "999999", "-o", str(out)]) == 1
    assert run(["--db", path, "questionnaire", str(lecture_id), "-o", str(tmp_path / "x.docx")]) == 2


def test_photo_appendix_two_photos_a_page_with_the_session_facts(photo_session, tmp_path: Path):
    db, lecture_id, held_on = photo_session
    files = [camera_jpeg(tmp_path / f"{i}.jpg", size=(1200, 900), colour=(40 * i, 200, 90)) for i in range(3)]
    attach_photos(db, lecture_id, files, ["开场致辞", "专家授课 <b>&", ""])
    with db.session() as session:
        lecture = session.get(Lecture, lecture_id)
        units = [u.name for u in lecture.units]
        topic = lecture.topic
        other = session.scalars(select(Lecture.id).where(Lecture.id != lecture_id, Lecture.status == "held",
                                                         Lecture.deleted_at.is_(None))).first()
    attach_photos(db, other, [camera_jpeg(tmp_path / "o.jpg", size=(600, 800))])
    path = str(db.path)
    db.close()
    out = tmp_path / "图片.pdf"
    assert run(["--db", path, "export", "photos", "--district", "柳南", "-o", str(out)]) == 0
    reader = PdfReader(out)
    pages = _pages(out)
    柳南_pages = [p for p in pages if f"{held_on.year}年{held_on.month}月{held_on.day}日" in p and topic in p]
    assert len(柳南_pages) == 2  # three photos: two, then one
    assert "图1开场致辞" in pages[0] and "图2专家授课<b>&" in pages[0] and "图3" in pages[1]
    assert all(unit in "".join(pages[:2]) for unit in units[:3])
    images = [len(page.images) for page in reader.pages]
    assert images[:2] == [2, 1]
    assert run(["--db", path, "export", "photos", "--district", "柳南", "--format", "xlsx", "-o",
                str(tmp_path / "x.xlsx")]) == 2


def test_photo_appendix_of_an_empty_database_says_so(db_path: Path, tmp_path: Path):
    out = tmp_path / "空.pdf"
    assert run(["--db", str(db_path), "export", "photos", "-o", str(out)]) == 0
    assert "还没有添加活动图片" in _pages(out)[0]
