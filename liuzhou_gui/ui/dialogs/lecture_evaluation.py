"""The lecture form's right column (forms/evaluation_panel.ui): the evaluation fields, the questionnaire to
print, and the evidence photos (thumbnails, drag and drop, double click for large, captions).

The evaluation is part of the lecture's draft and saved with the form. Photos are kept at once, in
their own transactions (services.photos), so they need a saved lecture.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from ...domain.errors import AppError
from ...domain.evaluation import satisfaction_rate
from ...domain.reference import STATUS_HELD
from ...operations import yearend
from ...services.photo_files import MAX_FILE_BYTES
from ...storage import photos as photo_store
from ...storage.database import Database
from .. import messages
from ..generated.ui_evaluation_panel import Ui_EvaluationPanel
from ..runner import Runner, broadcast, report_failure
from ..widgets.photo_strip import PhotoViewer
from .about_dialog import open_path
from .file_choice import save_file

if TYPE_CHECKING:
    from ...domain.drafts import LectureDraft

PHOTO_FILTER = "照片 (*.jpg *.jpeg *.png *.heic *.heif *.JPG *.JPEG *.PNG *.HEIC)"


def _spin(spin) -> Any:
    return None if spin.value() < 0 else spin.value()


class EvaluationSection:
    def __init__(self, db: Database, lecture_id: int | None, parent: QWidget) -> None:
        self.db, self.lecture_id, self.parent = db, lecture_id, parent
        self.widget = QWidget(parent)
        self.ui = Ui_EvaluationPanel()
        self.ui.setupUi(self.widget)
        ui = self.ui
        self.rating_spins = (ui.verySatisfiedSpin, ui.satisfiedSpin, ui.neutralSpin, ui.dissatisfiedSpin)
        for spin in self.rating_spins:
            spin.valueChanged.connect(self.update_rate)
        ui.questionnaireButton.clicked.connect(self.print_questionnaire)
        ui.addPhotoButton.clicked.connect(self.choose_photos)
        ui.removePhotoButton.clicked.connect(self.remove_photo)
        ui.captionButton.clicked.connect(self.edit_caption)
        ui.photoStrip.files_dropped.connect(self.attach)
        ui.photoStrip.open_requested.connect(self.open_photo)
        self.runner = Runner(self.widget)
        saved = lecture_id is not None
        for widget in (ui.photoStrip, ui.addPhotoButton, ui.removePhotoButton, ui.captionButton):
            widget.setEnabled(saved)
        ui.photoHint.setText(
            f"可把照片拖到上面；双击查看大图。添加后立即保存，每场最多 {photo_store.MAX_PHOTOS_PER_SESSION} 张，"
            f"每张不超过 {MAX_FILE_BYTES // 1024 // 1024} MB（JPG、PNG、HEIC），自动缩小到 1600 像素并按拍摄方向摆正。"
            if saved else "保存活动后即可添加活动图片。")
        self.refresh_photos()

    @property
    def field_widgets(self) -> dict[str, QWidget]:
        ui = self.ui
        return {
            "questionnaires_out": ui.questionnairesOutSpin, "very_satisfied": ui.verySatisfiedSpin,
            "satisfied": ui.satisfiedSpin, "neutral": ui.neutralSpin, "dissatisfied": ui.dissatisfiedSpin,
            "score_before": ui.scoreBeforeSpin, "score_after": ui.scoreAfterSpin, "opinions": ui.opinionsEdit,
        }

    def show(self, draft: LectureDraft) -> None:
        ui = self.ui
        values = (draft.very_satisfied, draft.satisfied, draft.neutral, draft.dissatisfied)
        for spin, value in zip(self.rating_spins, values, strict=True):
            spin.setValue(-1 if value is None else value)
        ui.questionnairesOutSpin.setValue(-1 if draft.questionnaires_out is None else draft.questionnaires_out)
        ui.scoreBeforeSpin.setValue(-1 if draft.score_before is None else draft.score_before)
        ui.scoreAfterSpin.setValue(-1 if draft.score_after is None else draft.score_after)
        ui.opinionsEdit.setPlainText(draft.opinions)
        self.update_rate()

    def values(self) -> dict[str, Any]:
        """The evaluation fields of the draft."""
        ui = self.ui
        counts = [_spin(s) for s in self.rating_spins]
        out = _spin(ui.questionnairesOutSpin)
        return {
            "questionnaires_out": None if out is None else int(out),
            "very_satisfied": counts[0], "satisfied": counts[1], "neutral": counts[2], "dissatisfied": counts[3],
            "score_before": _spin(ui.scoreBeforeSpin), "score_after": _spin(ui.scoreAfterSpin),
            "opinions": ui.opinionsEdit.toPlainText(),
        }

    def counts_given(self) -> bool:
        return any(s.value() >= 0 for s in self.rating_spins)

    def update_rate(self) -> None:
        rate = satisfaction_rate(tuple(max(s.value(), 0) for s in self.rating_spins))
        shown = "—" if rate is None else f"{rate:g}%"
        self.ui.rateLabel.setText(f"满意率：{shown}（非常满意与满意之和占回收问卷的比例）")

    def set_held(self, status: str) -> None:
        self.ui.evaluationBox.setEnabled(status == STATUS_HELD)

    # --- questionnaire -------------------------------------------------------------------
    def print_questionnaire(self) -> None:
        if self.lecture_id is None:
            messages.info(self.parent, "请先保存活动，再打印这场活动的问卷。", "打印问卷")
            return
        target = save_file(self.parent, "保存满意度调查问卷", f"满意度调查问卷_{self.lecture_id}.pdf",
                           "PDF 文件 (*.pdf)", ".pdf", db_path=self.db.path)
        if target is None:
            return
        try:
            yearend.save_questionnaire(self.db, self.lecture_id, target)
        except AppError as exc:
            report_failure(self.parent, exc, "问卷没有保存")
            return
        if messages.ask(self.parent, f"已保存：\n{target}\n\n要打开它（打印）吗？", "保存完成"):
            open_path(self.parent, target)

    # --- photos --------------------------------------------------------------------------
    def refresh_photos(self) -> None:
        if self.lecture_id is None:
            return
        self.ui.photoStrip.show_photos(yearend.session_photos(self.db, self.lecture_id))

    def choose_photos(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(self.parent, "添加活动图片", "", PHOTO_FILTER)
        if chosen:
            self.attach([Path(p) for p in chosen])

    def attach(self, paths: list[Path]) -> None:
        if self.lecture_id is None or self.runner.busy or not paths:
            return
        lecture_id = self.lecture_id
        self.runner.write(lambda job: yearend.attach_photos(self.db, lecture_id, paths, job),
                          on_success=self._attached, on_error=self._attach_failed,
                          progress=f"正在添加 {len(paths)} 张图片…", title="图片没有添加")

    def _attached(self, result) -> None:
        self.refresh_photos()
        if result.warnings:
            messages.warning(self.parent, "\n".join(result.warnings), "请核对拍摄日期")

    def _attach_failed(self, exc: AppError) -> None:
        messages.error(self.parent, f"{exc.message}\n（这一批图片都没有添加。）")

    def open_photo(self, photo_id: int) -> None:
        if self.lecture_id is None:  # a new lecture has no photos yet
            return
        with self.db.session() as session:
            data = photo_store.photo_data(session, photo_id)
            caption = next((p.caption for p in photo_store.photo_infos(session, self.lecture_id)
                            if p.id == photo_id), "")
        PhotoViewer(data, caption, self.parent).exec()

    def edit_caption(self) -> None:
        photo_id = self.ui.photoStrip.selected_id()
        if photo_id is None:
            messages.info(self.parent, "请先选中一张图片。", "图片说明")
            return
        current = self.ui.photoStrip.currentItem().toolTip()
        text, ok = QInputDialog.getText(self.parent, "图片说明", f"说明（不超过 {photo_store.MAX_CAPTION} 个字）：",
                                        text="" if current == "双击查看大图" else current)
        if not ok:
            return
        try:
            outcome = yearend.set_photo_caption(self.db, photo_id, text)
        except AppError as exc:
            report_failure(self.parent, exc, "图片说明没有修改")
            return
        broadcast(outcome.changes)
        self.refresh_photos()

    def remove_photo(self) -> None:
        photo_id = self.ui.photoStrip.selected_id()
        if photo_id is None:
            messages.info(self.parent, "请先选中一张图片。", "删除图片")
            return
        if not messages.ask(self.parent, "确定删除这张图片吗？删除后不能在回收站中恢复。", "删除图片"):
            return
        try:
            outcome = yearend.remove_photo(self.db, photo_id)
        except AppError as exc:
            report_failure(self.parent, exc, "图片没有删除")
            return
        broadcast(outcome.changes)
        self.refresh_photos()
