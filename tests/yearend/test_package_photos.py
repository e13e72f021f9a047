"""Photos in the 报送包: carried byte for byte, shown under the district's sessions at the city, checked on the
way in, sized before writing; an evaluation travels with its session."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select
from yearend_photos import camera_jpeg

from liuzhou_gui.cli.main import run
from liuzhou_gui.domain.errors import AppError
from liuzhou_gui.services.exchange.package_export import estimate_package, export_package
from liuzhou_gui.services.exchange.package_import import import_package
from liuzhou_gui.services.photos import attach_photos
from liuzhou_gui.storage import photos as photo_store
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.models import District, Lecture


def _photos_by_session(db: Database, district: str) -> dict[tuple, list[tuple[str, str, bytes]]]:
    """(date, place, topic) → [(caption, original name, bytes)] of the district's live sessions."""
    found = {}
    with db.session() as session:
        lectures = session.scalars(select(Lecture).join(Lecture.district).where(
            District.short_name == district, Lecture.deleted_at.is_(None)))
        for x in lectures:
            infos = photo_store.photo_infos(session, x.id)
            if infos:
                found[(x.held_on, x.place, x.topic)] = [
                    (p.caption, p.original_name, photo_store.photo_data(session, p.id)) for p in infos]
    return found


@pytest.fixture
def district_with_photos(photo_session, tmp_path: Path):
    db, lecture_id, _ = photo_session
    with db.session() as session:
        other = session.scalars(select(Lecture.id).join(Lecture.district).where(
            District.short_name == "柳南", Lecture.status == "held", Lecture.id != lecture_id)).first()
    attach_photos(db, lecture_id, [camera_jpeg(tmp_path / f"a{i}.jpg", size=(2000, 1500), colour=(i * 60, 90, 90),
                                               orientation=6 if i else 1) for i in range(3)],
                  ["开场", "授课 <b>&", ""])
    attach_photos(db, other, [camera_jpeg(tmp_path / "b.jpg", size=(800, 600), colour=(9, 9, 200))])
    return db


def test_round_trip_byte_for_byte_under_the_same_sessions(district_with_photos, db, tmp_path: Path, capsys):
    source = district_with_photos
    sent = _photos_by_session(source, "柳南")
    assert sum(len(v) for v in sent.values()) == 4
    estimate = estimate_package(source, "柳南", 2025)
    assert estimate.photos == 4 and estimate.photo_bytes == sum(len(b) for v in sent.values() for *_, b in v)
    package = tmp_path / "柳南.lzbs"
    source_path = str(source.path)
    source.close()
    assert run(["--db", source_path, "package", "export", "--district", "柳南", "-o", str(package)]) == 0
    out = capsys.readouterr().out
    assert out.index("报送包约") < out.index("已导出报送包") and "含活动图片 4 张" in out
    with zipfile.ZipFile(package) as archive:
        names = archive.namelist()
        manifest = json.loads(archive.read("manifest.json"))
    assert sum(n.startswith("图片/") for n in names) == 4 and manifest["counts"]["photos"] == 4
    result = import_package(db, package)
    assert result.counts["photos"] == 4
    assert _photos_by_session(db, "柳南") == sent
    # The city's 活动图片 appendix shows them under the district's sessions.
    path = str(db.path)
    db.close()
    appendix = tmp_path / "图片.pdf"
    assert run(["--db", path, "export", "photos", "-o", str(appendix)]) == 0
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(appendix).pages)
    assert "柳南" in text and "授课 <b>&" in text
    # Imported again (a newer package): replaced, not doubled.
    city = Database.open(Path(path))
    try:
        import_package(city, package, force=True)
        assert _photos_by_session(city, "柳南") == sent
    finally:
        city.close()


def test_evaluation_travels_with_its_session(photo_session, db, tmp_path: Path):
    source, lecture_id, _ = photo_session
    with source.session() as session:
        x = session.get(Lecture, lecture_id)
        sent = (x.held_on, x.place, x.questionnaires_out, x.very_satisfied, x.neutral, x.opinions, x.satisfaction)
    assert sent[3] is not None  # the demo evaluated it
    import_package(db, export_package(source, "柳南", tmp_path / "p.lzbs"))
    with db.session() as session:
        got = session.scalars(select(Lecture).where(Lecture.held_on == sent[0], Lecture.place == sent[1])).one()
        assert (got.held_on, got.place, got.questionnaires_out, got.very_satisfied, got.neutral, got.opinions,
                got.satisfaction) == sent


def _rewrite(package: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(package) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    change(members)
    with zipfile.ZipFile(target, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return target


def test_a_changed_or_foreign_photo_is_refused(district_with_photos, db, tmp_path: Path):
    package = export_package(district_with_photos, "柳南", tmp_path / "p.lzbs")

    def swap_bytes(members):
        name = next(n for n in members if n.startswith("图片/"))
        members[name] = members[name][:-10] + b"0" * 8 + b"\xff\xd9"

    def extra_file(members):
        members["图片/" + "0" * 64 + ".jpg"] = b"\xff\xd8\xff" + b"x" * 50 + b"\xff\xd9"

    def not_a_photo_name(members):
        members["图片/evil.exe"] = b"MZ"

    for change, phrase in ((swap_bytes, "校验码不符"), (extra_file, "清单上没有"), (not_a_photo_name, "不属于报送包")):
        bad = _rewrite(package, tmp_path / f"{change.__name__}.lzbs", change)
        with pytest.raises(AppError, match=phrase):
            import_package(db, bad)
    assert _photos_by_session(db, "柳南") == {}


def test_encrypted_photos_are_sealed_and_checked_after_decryption(tmp_path: Path):
    import hashlib

    from liuzhou_gui.services.exchange.container import REPORT, ContainerRefused, read_container, write_container
    from liuzhou_gui.services.trust.keys import InstallationKey

    district, city = InstallationKey.generate("柳南区卫生健康局"), InstallationKey.generate("市")
    photo = camera_jpeg(tmp_path / "p.jpg", size=(300, 200)).read_bytes()
    name = f"图片/{hashlib.sha256(photo).hexdigest()}.jpg"
    path = write_container(tmp_path / "p.lzbs", REPORT, {"year": 2025}, {"data.json": b"{}", name: photo},
                           sign_with=district, encrypt_to=city.certificate)
    with zipfile.ZipFile(path) as archive:
        assert archive.read(name) != photo  # sealed: not the JPEG itself
    assert read_container(path, REPORT, decrypt_with=city).photos == {name[3:-4]: photo}
    wrong = f"图片/{'0' * 64}.jpg"  # a photo whose name is not its digest
    bad = write_container(tmp_path / "bad.lzbs", REPORT, {"year": 2025}, {"data.json": b"{}", wrong: photo},
                          sign_with=district, encrypt_to=city.certificate)
    with pytest.raises(ContainerRefused) as refused:
        read_container(bad, REPORT, decrypt_with=city)
    assert refused.value.reason == "not_photo"
