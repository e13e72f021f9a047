"""Evidence photos: checked, upright, shrunk, dated; kept in the database; limits; 回收站; backup and restore."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest
from PIL import Image
from yearend_photos import camera_jpeg

from liuzhou_gui.cli.main import run
from liuzhou_gui.domain.errors import AppError
from liuzhou_gui.services.backup import make_backup, restore_backup
from liuzhou_gui.services.photo_files import LONG_SIDE, prepare_photo
from liuzhou_gui.services.photos import attach_photos
from liuzhou_gui.storage import photos as photo_store
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.lectures import delete_lecture, restore_lecture


def _stored(db: Database, lecture_id: int) -> list[tuple[str, bytes]]:
    with db.session() as session:
        return [(p.original_name, photo_store.photo_data(session, p.id))
                for p in photo_store.photo_infos(session, lecture_id)]


def test_a_phone_photo_is_turned_upright_shrunk_dated_and_loses_its_gps(tmp_path: Path):
    source = camera_jpeg(tmp_path / "IMG_0001.JPG", orientation=6, gps=True)
    photo = prepare_photo(source)
    image = Image.open(io.BytesIO(photo.data))
    assert image.format == "JPEG" and image.size == (photo.width, photo.height) == (1200, LONG_SIDE)
    # Orientation 6 turns the picture a quarter clockwise: the red left half ends up on top.
    assert image.getpixel((600, 100))[0] > 180 and image.getpixel((600, 1500))[2] > 150
    assert photo.taken_at is not None and photo.taken_at.isoformat() == "2025-06-18T10:15:00"
    exif = image.getexif()
    assert not exif.get_ifd(0x8825) and 0x0112 not in exif  # no GPS, no second rotation


def test_png_with_transparency_and_heic_are_accepted(tmp_path: Path):
    png = tmp_path / "海报.png"
    Image.new("RGBA", (300, 200), (0, 0, 255, 0)).save(png)
    assert Image.open(io.BytesIO(prepare_photo(png).data)).getpixel((10, 10)) == (255, 255, 255)
    from pillow_heif import register_heif_opener

    register_heif_opener()
    heic = tmp_path / "IMG_0002.HEIC"
    Image.new("RGB", (2400, 1800), (200, 200, 0)).save(heic)
    photo = prepare_photo(heic)
    assert (photo.width, photo.height, photo.source_format) == (1600, 1200, "HEIC")


@pytest.mark.parametrize("content, phrase", [
    (b"", "空文件"),
    (b"<b>&=1+1 not a photo", "不是照片"),
    (b"%PDF-1.7\n" + b"0" * 500, "不是照片"),
    ("truncated", "已损坏"),
])
def test_what_is_not_a_photo_is_refused_clearly(tmp_path: Path, content: bytes | str, phrase: str):
    path = tmp_path / "𠮷照片.jpg"
    if content == "truncated":  # a real photo cut short, as a broken copy from a phone leaves it
        content = camera_jpeg(tmp_path / "whole.jpg", size=(800, 600)).read_bytes()[:3000]
    path.write_bytes(content)
    with pytest.raises(AppError) as exc:
        prepare_photo(path)
    assert phrase in exc.value.message and "𠮷照片.jpg" in exc.value.message


def test_gif_and_oversized_files_are_refused(tmp_path: Path, monkeypatch):
    gif = tmp_path / "a.gif"
    Image.new("P", (20, 20)).save(gif)
    with pytest.raises(AppError, match="只能添加 JPG、PNG 或 HEIC"):
        prepare_photo(gif)
    big = camera_jpeg(tmp_path / "big.jpg", size=(400, 300))
    monkeypatch.setattr("liuzhou_gui.services.photo_files.MAX_FILE_BYTES", 1000)
    with pytest.raises(AppError, match="超过每张照片"):
        prepare_photo(big)


def test_one_bad_file_in_a_batch_writes_nothing(photo_session, tmp_path: Path):
    db, lecture_id, _ = photo_session
    good = camera_jpeg(tmp_path / "good.jpg", size=(800, 600))
    bad = tmp_path / "bad.jpg"
    bad.write_text("hello")
    with pytest.raises(AppError, match=r"bad\.jpg"):
        attach_photos(db, lecture_id, [good, bad])
    assert _stored(db, lecture_id) == []


def test_per_session_limits(photo_session, tmp_path: Path, monkeypatch):
    db, lecture_id, _ = photo_session
    monkeypatch.setattr(photo_store, "MAX_PHOTOS_PER_SESSION", 2)
    paths = [camera_jpeg(tmp_path / f"{i}.jpg", size=(400, 300)) for i in range(3)]
    attach_photos(db, lecture_id, paths[:2])
    with pytest.raises(AppError, match="每场活动最多 2 张图片"):
        attach_photos(db, lecture_id, paths[2:])
    assert len(_stored(db, lecture_id)) == 2


def test_date_warning_and_captions(photo_session, tmp_path: Path):
    db, lecture_id, held_on = photo_session
    same_day = camera_jpeg(tmp_path / "same.jpg", size=(400, 300), taken=held_on.strftime("%Y:%m:%d 09:00:00"))
    other = camera_jpeg(tmp_path / "other.jpg", size=(400, 300), taken="2024:01:02 09:00:00")
    result = attach_photos(db, lecture_id, [same_day, other], ["专家授课 <b>&", ""])
    assert len(result.warnings) == 1 and "other.jpg" in result.warnings[0] and "2024-01-02" in result.warnings[0]
    with db.session() as session:
        infos = photo_store.photo_infos(session, lecture_id)
    assert [i.caption for i in infos] == ["专家授课 <b>&", ""]
    with db.transaction() as session, pytest.raises(AppError, match="不能超过 60 个字"):
        photo_store.set_caption(session, infos[0].id, "说" * 61)


def test_photos_follow_their_session_into_the_trash_and_back(photo_session, tmp_path: Path):
    db, lecture_id, _ = photo_session
    attach_photos(db, lecture_id, [camera_jpeg(tmp_path / "p.jpg", size=(400, 300))])
    before = _stored(db, lecture_id)
    with db.transaction() as session:
        delete_lecture(session, lecture_id)
    with pytest.raises(AppError, match="可能已被删除"):
        attach_photos(db, lecture_id, [tmp_path / "p.jpg"])
    with db.transaction() as session:
        restore_lecture(session, lecture_id)
    assert _stored(db, lecture_id) == before


def test_photos_survive_a_backup_and_restore(photo_session, tmp_path: Path):
    db, lecture_id, _ = photo_session
    attach_photos(db, lecture_id, [camera_jpeg(tmp_path / f"{i}.jpg", size=(900, 700)) for i in range(3)])
    kept = _stored(db, lecture_id)
    backup = make_backup(db, "manual")
    with db.transaction() as session:
        for info in photo_store.photo_infos(session, lecture_id):
            photo_store.remove_photo(session, info.id)
    assert _stored(db, lecture_id) == []
    restore_backup(db, backup)
    reopened = Database.open(db.path)
    try:
        assert _stored(reopened, lecture_id) == kept
    finally:
        reopened.close()


def test_command_line_attach_list_save_and_refusals(photo_session, tmp_path: Path, capsys):
    db, lecture_id, _ = photo_session
    path = str(db.path)
    db.close()
    photo = camera_jpeg(tmp_path / "会场.jpg", size=(1000, 800))
    assert run(["--db", path, "photos", "attach", str(lecture_id), str(photo), "--caption", "会场全景"]) == 0
    assert "已添加 1 张图片" in capsys.readouterr().out
    assert run(["--db", path, "photos", "list", "--session", str(lecture_id)]) == 0
    listing = capsys.readouterr().out
    assert "会场全景" in listing and "1000×800" in listing
    conn = sqlite3.connect(path)
    photo_id, stored = conn.execute("SELECT id, data FROM lecture_photo").fetchone()
    conn.close()
    out = tmp_path / "saved.jpg"
    assert run(["--db", path, "photos", "save", str(photo_id), "-o", str(out)]) == 0
    assert out.read_bytes() == stored
    text = tmp_path / "note.jpg"
    text.write_text("=1+1")
    assert run(["--db", path, "photos", "attach", str(lecture_id), str(text)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "不是照片" in err and err.count("\n") == 1
    assert run(["--db", path, "photos", "attach", "999999", str(photo)]) == 1
    assert run(["--db", path, "photos", "attach", str(lecture_id), str(photo), "--caption", "a", "--caption",
                "b"]) == 2
