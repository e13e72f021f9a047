"""The lecture form's evaluation and photos, driven as a clerk would: counts typed, photos dropped, opened."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QDialog

from liuzhou_gui.storage import photos as photo_store
from liuzhou_gui.storage.models import Lecture
from liuzhou_gui.ui import messages
from liuzhou_gui.ui.dialogs.lecture_dialog import LectureDialog
from liuzhou_gui.ui.widgets.photo_strip import PhotoViewer


def _open(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _photo(path: Path, colour=(200, 30, 30)) -> Path:
    Image.new("RGB", (1200, 900), colour).save(path, "JPEG")
    return path


def _drop(widget, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(event)


def test_counts_give_the_rate_and_are_saved(qtbot, type_text, installed_db, sample) -> None:
    dialog = _open(qtbot, LectureDialog(installed_db, sample["lecture"], year=2025))
    section = dialog.evaluation
    ui = section.ui
    assert ui.evaluationBox.isEnabled()  # a held lecture
    ui.questionnairesOutSpin.setValue(70)
    for spin, value in zip(section.rating_spins, (30, 20, 9, 1), strict=True):
        spin.setValue(value)
    assert "满意率：83.3%" in ui.rateLabel.text()
    assert not dialog.ui.satisfactionSpin.isEnabled()
    ui.opinionsEdit.setPlainText("希望多讲 <b>&噪声</b> 𠮷")
    assert dialog.try_save(), messages.shown
    with installed_db.session() as s:
        lecture = s.get(Lecture, sample["lecture"])
        assert (lecture.questionnaires_out, lecture.questionnaires, lecture.satisfaction) == (70, 60, 83.3)
        assert lecture.opinions == "希望多讲 <b>&噪声</b> 𠮷"


def test_too_many_questionnaires_show_beside_the_field(qtbot, installed_db, sample) -> None:
    dialog = _open(qtbot, LectureDialog(installed_db, sample["lecture"], year=2025))
    dialog.evaluation.ui.questionnairesOutSpin.setValue(81)  # 80 people came
    assert not dialog.try_save()
    assert "不能多于覆盖人数（80）" in dialog.evaluation.ui.error_questionnaires_out.text()
    assert dialog.evaluation.ui.error_questionnaires_out.isVisible()


def test_planned_session_has_no_evaluation_and_new_session_no_photos(qtbot, installed_db, sample) -> None:
    dialog = _open(qtbot, LectureDialog(installed_db, None, year=2025, district="柳南区"))
    assert not dialog.evaluation.ui.evaluationBox.isEnabled()
    assert not dialog.evaluation.ui.photoStrip.isEnabled()
    assert "保存活动后" in dialog.evaluation.ui.photoHint.text()


def test_dropped_photos_appear_as_thumbnails_and_open_large(qtbot, installed_db, sample, tmp_path: Path) -> None:
    dialog = _open(qtbot, LectureDialog(installed_db, sample["lecture"], year=2025))
    strip = dialog.evaluation.ui.photoStrip
    _drop(strip, [_photo(tmp_path / "a.jpg"), _photo(tmp_path / "b.jpg", (30, 30, 200))])
    qtbot.waitUntil(lambda: strip.count() == 2, timeout=10_000)
    with installed_db.session() as s:
        assert len(photo_store.photo_infos(s, sample["lecture"])) == 2
    shown: list[PhotoViewer] = []
    original = PhotoViewer.exec
    PhotoViewer.exec = lambda self: shown.append(self) or QDialog.DialogCode.Accepted  # type: ignore[method-assign]
    try:
        strip.itemDoubleClicked.emit(strip.item(0))
    finally:
        PhotoViewer.exec = original  # type: ignore[method-assign]
    labels = [label for label in shown[0].findChildren(type(dialog.ui.errorSummary)) if not label.pixmap().isNull()]
    assert labels and labels[0].pixmap().width() >= 1200 * 0.5


def test_a_dropped_text_file_is_refused_with_its_name(qtbot, installed_db, sample, tmp_path: Path) -> None:
    dialog = _open(qtbot, LectureDialog(installed_db, sample["lecture"], year=2025))
    note = tmp_path / "说明.jpg"
    note.write_text("=1+1")
    _drop(dialog.evaluation.ui.photoStrip, [_photo(tmp_path / "ok.jpg"), note])
    qtbot.waitUntil(lambda: any("说明.jpg" in m.text for m in messages.shown), timeout=10_000)
    assert "这一批图片都没有添加" in messages.shown[-1].text
    assert dialog.evaluation.ui.photoStrip.count() == 0
    QApplication.processEvents()
