"""A dialog of PDFs in tabs, each in the 报表 page's preview: the tables a stage will send, or the stamped
tables a district sent (the city opens them here instead of in a folder)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from ..widgets.report_preview import ReportPreview


class PdfTabsDialog(QDialog):
    def __init__(self, title: str, intro: str, pdfs: dict[str, bytes], parent: QWidget | None = None, *,
                 accept_text: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(960, 760)
        self.tabs = QTabWidget(self)
        self.previews: dict[str, ReportPreview] = {}
        for name, data in pdfs.items():
            preview = ReportPreview(self)
            self.tabs.addTab(preview, name)
            if not data.startswith(b"%PDF"):
                preview.show_notice(f"“{name}”不是 PDF 文件，无法预览。")
            else:
                preview.show_pdf(data)
            self.previews[name] = preview
        if not pdfs:
            empty = QLabel("没有可显示的表格。")
            self.tabs.addTab(empty, "无")
        label = QLabel(intro)
        label.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        if accept_text:
            self.accept_button = buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
            buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        else:
            buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
