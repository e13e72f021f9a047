"""报送包 in the GUI: a district writes one for the city; the city checks, confirms and imports it.

Every step that touches the file or the database runs off the GUI thread; the questions
(confirm with the manifest, force an older package) are asked on the GUI thread in between.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from ...domain.errors import AppError
from ...domain.reference import find_district
from ...domain.stages import STAGE_BY_CODE
from ...operations import packages
from ...services.exchange.package_file import SUFFIX, PackagePreview
from ...services.exchange.package_import import ImportResult, received_packages
from ...storage.database import Database
from .. import messages
from ..runner import Runner
from .file_choice import open_file, save_file

PACKAGE_FILTER = f"报送包 (*{SUFFIX})"


def counts_text(counts: dict[str, int]) -> str:
    return f"单位 {counts.get('units', 0)} 家，专家 {counts.get('experts', 0)} 名，活动 {counts.get('sessions', 0)} 场"


def manifest_text(manifest: dict[str, Any]) -> str:
    created = datetime.fromisoformat(manifest["created_at"])
    return (
        f"县区：{manifest['district']}\n年度：{manifest['year']} 年度\n生成于：{created:%Y-%m-%d %H:%M}\n"
        f"内容：{counts_text(manifest.get('counts', {}))}"
    )


def newer_received(db: Database, manifest: dict[str, Any]) -> datetime | None:
    """When a newer package of the same district and year is already held: its creation time."""
    wanted = find_district(str(manifest.get("district", "")))
    created = datetime.fromisoformat(manifest["created_at"])
    held = [
        row["created_at"] for row in received_packages(db)
        if row["year"] == int(manifest["year"]) and wanted is not None and find_district(row["district"]) == wanted
    ]
    latest = max(held, default=None)
    return latest if latest is not None and latest > created else None


def is_package(path: Path) -> bool:
    return path.suffix.lower() == SUFFIX


class PackageActions(QObject):
    """The window's 报送包 work; one package at a time."""

    exported = Signal(object)  # Path
    imported = Signal(object)  # ImportResult
    finished = Signal()  # after every attempt, done or not

    def __init__(self, db: Database, window: QWidget) -> None:
        super().__init__(window)
        self.db = db
        self.window = window
        self.runner = Runner(window)

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def _refuse_if_busy(self) -> bool:
        if self.busy:
            messages.info(self.window, "正在处理报送包，请等它完成后再试。")
        return self.busy


    # --- district: write -------------------------------------------------------------------------
    def export(self, district: str, year: int) -> None:
        if self._refuse_if_busy():
            return
        info = find_district(district)
        short = info.short_name if info else district
        name = f"{short}{year}年度报送包{date.today():%Y%m%d}{SUFFIX}"
        size = packages.package_estimate(self.db, district, year).describe()  # said before anything is written
        target = save_file(self.window, f"生成报送包（{size.removesuffix('。')}）", name, PACKAGE_FILTER, SUFFIX,
                           db_path=self.db.path)
        if target is None:
            return
        self.runner.write(lambda job: packages.export_package(self.db, district, target, year, job),
                          on_success=self._exported, on_done=self.finished.emit,
                          progress=f"正在生成{district} {year} 年度报送包（{size.removesuffix('。')}）…",
                          title="未能生成报送包")

    def _exported(self, written: tuple[Path, str]) -> None:
        path, notice = written
        self.exported.emit(path)
        if messages.ask(self.window, f"已生成报送包：\n{path}\n\n{notice}\n\n请用U盘或邮件交给市卫健委职业健康科。"
                                     "现在打开它所在的文件夹吗？", "报送包已生成"):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    # --- city: read, confirm, import ------------------------------------------------------------
    def choose_and_import(self) -> None:
        if self._refuse_if_busy():
            return
        path = open_file(self.window, "选择县区报送包", PACKAGE_FILTER)
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path) -> None:
        """Verify the file (a changed one is refused here), then ask, then import."""
        if self._refuse_if_busy():
            return
        self.runner.read(lambda job: packages.package_preview(self.db, path, job),
                         on_success=lambda preview: self._confirm_key(path, preview),
                         on_done=self._after_check, progress=f"正在校验“{path.name}”…", title="报送包未导入")

    def _after_check(self) -> None:
        """Refused, declined or failed: the attempt ends here; else the import's own end says it."""
        if not self.runner.busy:
            self.finished.emit()

    def _confirm_key(self, path: Path, preview: PackagePreview) -> None:
        """The district's key before anything else: first package, same key, or another key (held)."""
        signer, known = preview.signer, preview.known_fingerprint
        if preview.key_changed:
            if messages.ask(
                self.window,
                f"注意：这个报送包的签名密钥与已登记的{preview.district}密钥不同！\n\n"
                f"已登记的指纹：{known}\n这个报送包的指纹：{signer.fingerprint}\n\n"
                "如果该县区换了电脑、重装了软件或丢失了密钥，请先打电话或凭其盖章的纸质表格（表格下方印有指纹）"
                "核对新指纹；否则这可能是伪造的报送包。\n\n已核对无误，确认这是该县区的新密钥吗？",
                "签名密钥已改变", default=False,
            ):
                self._confirm(path, preview.manifest, signer.fingerprint, "")
            return
        if known is None:
            note = (f"\n\n这是{preview.district}的第一个报送包，签名密钥指纹：\n{signer.fingerprint}\n"
                    "请与该县区盖章表格下方印的指纹核对（或电话核对）。导入后只接受这把密钥签名的报送包。")
            self._confirm(path, preview.manifest, signer.fingerprint, note)
            return
        self._confirm(path, preview.manifest, None, f"\n\n签名密钥：指纹 {signer.fingerprint}（与已登记的一致）")

    def _confirm(self, path: Path, manifest: dict[str, Any], trust: str | None, key_note: str) -> None:
        try:
            summary = manifest_text(manifest) + key_note
            newer = newer_received(self.db, manifest)
        except (KeyError, ValueError, TypeError):
            messages.error(self.window, f"报送包“{path.name}”的说明信息不完整，未导入。", "报送包未导入")
            return
        except AppError as exc:  # the database cannot be read (locked, damaged): said once, nothing done
            messages.error(self.window, exc.message, "报送包未导入")
            return
        force = False
        staged = manifest.get("stage") in STAGE_BY_CODE
        if newer is not None:
            created = datetime.fromisoformat(manifest["created_at"])
            force = messages.ask(
                self.window,
                f"已导入过该县区 {manifest['year']} 年度更新的报送包（生成于 {newer:%Y-%m-%d %H:%M}），"
                f"这个报送包较旧（生成于 {created:%Y-%m-%d %H:%M}）。\n\n{summary}\n\n"
                "仍要用这个较旧的报送包替换现有数据吗？"
                + ("\n\n选“否”：数据不替换，只把它记为这一环节的报送。" if staged else ""),
                "较旧的报送包",
            )
            if not force and not staged:
                return  # a stage's 报送包 goes on: its 报送 is recorded, the newer data kept
        elif not messages.ask(
            self.window,
            f"导入这个报送包吗？\n\n{summary}\n\n该县区该年度已有的数据将被报送包中的数据整体替换。",
            "导入报送包", default=True,
        ):
            return
        self.runner.write(lambda job: packages.import_package(self.db, path, force, job, trust, confirmed=manifest),
                          on_success=self._imported, on_done=self.finished.emit,
                          progress=f"正在导入{manifest['district']} {manifest['year']} 年度报送包…",
                          cancellable=True, title="报送包未导入")

    def _imported(self, result: ImportResult) -> None:
        self.imported.emit(result)
        if result.older_recorded:
            messages.info(self.window, f"已记为{result.district}{result.stage_label}的报送。"
                                       "该县区已导入过更新的报送包，数据未被这个较旧的替换。", "已记录报送")
            return
        if result.unchanged:
            text = f"{result.district} {result.year} 年度的这个报送包已导入过，没有改动。"
            messages.info(self.window, text, "导入完成")
            return
        messages.info(
            self.window,
            f"已导入{result.district} {result.year} 年度报送包：{counts_text(result.counts)}"
            + ("（替换了之前导入的数据）" if result.replaced_older else "。"),
            "导入完成",
        )
