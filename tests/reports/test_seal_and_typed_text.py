"""The seal over （盖章） in both formats, the draft mark, and names printed exactly as typed."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from PIL import Image
from read_back import MM, pdf_fonts, pdf_images, pdf_line_origin, pdf_text, xlsx_body, xlsx_rows

from liuzhou_gui.domain.drafts import UnitDraft
from liuzhou_gui.domain.errors import AppError
from liuzhou_gui.services.district_settings import update_settings
from liuzhou_gui.services.reports.export import ExportOptions, export_attachment, render_pdf_bytes
from liuzhou_gui.services.reports.fonts import missing_characters
from liuzhou_gui.services.reports.seal import transparent_seal
from liuzhou_gui.storage.units import save_unit

BUREAU_LINE = "柳南区卫生健康局（盖章）"
LINE_SIZE = 12  # points: the bureau line's font size; CJK characters are one em wide


def test_a_white_scan_becomes_transparent_and_keeps_its_red(seal_scan):
    with Image.open(io.BytesIO(transparent_seal(seal_scan))) as image:
        assert image.mode == "RGBA"
        assert image.size[0] < 600  # cropped to the ink
        alpha = image.getchannel("A")
        assert alpha.getpixel((image.width // 2, 10)) > 200  # the ring at the top: opaque red
        red, green, blue, _ = image.getpixel((image.width // 2, 10))
        assert red > 150 and green < 80 and blue < 80
        assert alpha.getpixel((image.width // 4, image.height // 2)) == 0  # paper inside the ring


@pytest.mark.parametrize("size_mm", [42.0, 30.0])
def test_the_pdf_seal_sits_on_the_seal_mark_at_its_real_size(demo_db, tmp_path, seal_scan, size_mm):
    update_settings(demo_db, "柳南区", seal=seal_scan)
    pdf = export_attachment(demo_db, 2, district="柳南区", fmt="pdf", output=tmp_path / "a2.pdf",
                            options=ExportOptions(seal_size_mm=size_mm))
    [seal] = pdf_images(pdf)
    assert seal.page == 1
    assert seal.width == pytest.approx(size_mm * MM, abs=0.5)
    x, baseline = pdf_line_origin(pdf, BUREAU_LINE)
    mark_centre = x + (len("柳南区卫生健康局") + len("（盖章）") / 2) * LINE_SIZE
    seal_x, seal_y = seal.centre
    assert seal_x == pytest.approx(mark_centre, abs=3)
    assert seal_y == pytest.approx(baseline + LINE_SIZE / 3, abs=LINE_SIZE)


def test_the_excel_seal_is_anchored_on_the_seal_mark_cell(demo_db, tmp_path, seal_scan):
    update_settings(demo_db, "柳南区", seal=seal_scan)
    xlsx = export_attachment(demo_db, 6, district="柳南区", fmt="xlsx", output=tmp_path / "a6.xlsx")
    sheet = load_workbook(xlsx).active
    bureau_row = next(r for r, row in enumerate(sheet.iter_rows(values_only=True), start=1) if row[0] == BUREAU_LINE)
    [image] = sheet._images
    anchor = image.anchor
    width_mm = anchor.ext.width / 36000  # EMU
    assert width_mm == pytest.approx(42, abs=0.5)
    # The seal's vertical centre falls inside the bureau line's row.
    top_px = sum((sheet.row_dimensions[r].height or 15) * 96 / 72 for r in range(1, anchor._from.row + 1))
    centre_px = top_px + anchor._from.rowOff / 9525 + anchor.ext.height / 9525 / 2
    row_top = sum((sheet.row_dimensions[r].height or 15) * 96 / 72 for r in range(1, bureau_row))
    row_bottom = row_top + sheet.row_dimensions[bureau_row].height * 96 / 72
    assert row_top <= centre_px <= row_bottom


def test_without_a_seal_or_with_no_seal_or_draft_nothing_is_stamped(demo_db, tmp_path, seal_scan):
    bare = export_attachment(demo_db, 2, district="柳南区", fmt="pdf", output=tmp_path / "bare.pdf")
    assert pdf_images(bare) == [] and BUREAU_LINE in pdf_text(bare)
    update_settings(demo_db, "柳南区", seal=seal_scan)
    unsealed = export_attachment(demo_db, 2, district="柳南区", fmt="pdf", output=tmp_path / "no.pdf",
                                 options=ExportOptions(use_seal=False))
    assert pdf_images(unsealed) == []
    draft = ExportOptions(draft=True)
    draft_pdf = export_attachment(demo_db, 2, district="柳南区", fmt="pdf", output=tmp_path / "d.pdf", options=draft)
    assert pdf_images(draft_pdf) == [] and "草稿" in pdf_text(draft_pdf)
    draft_xlsx = export_attachment(demo_db, 2, district="柳南区", fmt="xlsx", output=tmp_path / "d.xlsx",
                                   options=draft)
    sheet = load_workbook(draft_xlsx).active
    assert sheet._images == [] and "草稿" in sheet.oddHeader.right.text


def test_a_broken_seal_file_is_refused_and_nothing_is_written(demo_db, tmp_path):
    fake = tmp_path / "seal.png"
    fake.write_bytes(b"not a picture")
    output = tmp_path / "a2.pdf"
    with pytest.raises(AppError, match="公章图片"):
        export_attachment(demo_db, 2, district="柳南区", fmt="pdf", output=output,
                          options=ExportOptions(seal_file=fake))
    assert not output.exists() and list(tmp_path.glob("*.partial")) == []


TYPED_NAMES = ["A&B <公司>", "=1+1", "+86单位", "@某厂", "-减压阀厂", "𠮷野家餐饮管理有限公司",
               "柳州市" + "很长的单位名称" * 13]


def test_names_print_exactly_as_typed(demo_db, tmp_path):
    assert missing_characters("𠮷") == [], "install a font with CJK Extension B (fonts-hanazono)"
    with demo_db.transaction() as session:
        for name in TYPED_NAMES:
            save_unit(session, UnitDraft(district="柳南区", name=name[:100], kind="企业", categories=["职业健康"]))
    pdf = export_attachment(demo_db, 5, district="柳南区", fmt="pdf", output=tmp_path / "a5.pdf")
    text = pdf_text(pdf)
    for name in TYPED_NAMES:
        assert name[:100].replace(" ", "") in text
    assert any(not font["name"].endswith(("UMingCN-0", "WenQuanYiMicroHei")) for font in pdf_fonts(pdf))
    xlsx = export_attachment(demo_db, 5, district="柳南区", fmt="xlsx", output=tmp_path / "a5.xlsx")
    names = [row[1] for row in xlsx_body(xlsx, ["县区", "单位名称", "单位性质", "活动分类"])]
    for name in TYPED_NAMES:
        assert name[:100] in names
    sheet = load_workbook(xlsx).active
    formula_like = [c for row in sheet.iter_rows() for c in row if c.value in ("=1+1", "+86单位", "@某厂")]
    assert len(formula_like) == 3 and all(c.data_type == "s" for c in formula_like)
    assert not any(str(v).startswith("=") and v != "=1+1" for row in xlsx_rows(xlsx) for v in row)


def test_the_preview_bytes_are_the_file(demo_db, tmp_path):
    data = render_pdf_bytes(demo_db, 3, district="柳南区")
    assert data.startswith(b"%PDF")
    path = tmp_path / "p.pdf"
    path.write_bytes(data)
    assert "专家名单及分组" in pdf_text(path)


def test_output_to_a_missing_folder_says_so(demo_db, tmp_path):
    with pytest.raises(AppError, match="不存在"):
        export_attachment(demo_db, 4, fmt="xlsx", output=tmp_path / "nowhere" / "a4.xlsx")


