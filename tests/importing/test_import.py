"""Excel import: well-formed files of each kind, every kind of broken file, all or nothing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sheet_files import FORMATS, FORMULA_FORMATS, write_rows
from sqlalchemy import func, select

from liuzhou_gui.cli.main import run
from liuzhou_gui.domain.errors import AppError
from liuzhou_gui.services.importing.apply import ImportRefused, apply_import
from liuzhou_gui.services.importing.error_workbook import write_error_workbook
from liuzhou_gui.services.importing.plan import plan_import
from liuzhou_gui.services.importing.template import write_template
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.models import AuditEntry, Expert, Lecture, Unit
from liuzhou_gui.storage.statistics import district_progress


def _workbook(path: Path, rows: list[list], merges: list[str] = ()) -> Path:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    book.save(path)
    return path


@pytest.fixture(params=FORMATS)
def book(request):
    """Writes rows in one of the formats clerks bring; the tests using it run once per format."""
    request.node.fmt = request.param
    return lambda path, rows, merges=(): write_rows(request.param, path, rows, merges)


def _count(db: Database, model: type) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model).where(model.deleted_at.is_(None)))


def _import(db: Database, kind: str, path: Path, **options):
    plan = plan_import(db, kind, path, options.pop("district", None))
    return plan, apply_import(db, plan, **options)


UNIT_ROWS = [
    ["附件5"],
    ["各县区“十百千”职业健康科普宣传活动“五进”单位名单"],
    ["县　区", "单 位 名 称", "单位性质", "活动分类", "职工人数", "统一社会信用代码"],  # full-width space, spaced name
    ["柳南区", "柳州钢铁 A&B <公司>", "企业", "职业健康，心理健康", 300, "91350100M000100Y43"],
    [None, "𠮷祥社区", "社区", "慢病管理;其他内容", "12", None],
    [None, "柳南第一中学", "学校", "心理健康 慢性病管理", None, None],
]


def test_units_with_title_rows_spaced_headers_and_carried_district(db: Database, tmp_path: Path, book) -> None:
    _plan, outcome = _import(db, "units", book(tmp_path / "units.xlsx", UNIT_ROWS))
    assert (outcome.created, outcome.updated, outcome.skipped) == (3, 0, 0)
    with db.session() as session:
        units = {u.name: u for u in session.scalars(select(Unit))}
        assert set(units) == {"柳州钢铁 A&B <公司>", "𠮷祥社区", "柳南第一中学"}
        assert all(u.district.short_name == "柳南" for u in units.values())
        assert [c.name for c in units["𠮷祥社区"].categories] == ["慢性病管理", "其他内容"]
        assert units["𠮷祥社区"].worker_count == 12
        assert units["柳州钢铁 A&B <公司>"].credit_code == "91350100M000100Y43"
        assert session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "unit")) == 3


def test_wrong_rows_are_listed_and_nothing_is_written(db: Database, tmp_path: Path, book, request) -> None:
    formula = request.node.fmt in FORMULA_FORMATS  # elsewhere "=1+1" is text, a unit's name
    rows = [*UNIT_ROWS, [None, "坏单位", "公司", "运动", "abc"], [None, "柳州钢铁 A&B <公司>", "企业", "职业健康"],
            [None, "=1+1", "企业", "职业健康"], ["火星区", "某厂", "企业", "职业健康"]]
    path = book(tmp_path / "bad.xlsx", rows)
    plan = plan_import(db, "units", path)
    messages = [str(e) for e in plan.errors]
    assert "第 7 行【单位性质】：应为：机构、企业、学校、乡村、社区" in messages
    assert any(m.startswith("第 7 行【活动分类】") and "运动" in m for m in messages)
    assert "第 7 行【职工人数】：应为整数" in messages
    assert "第 8 行：与第 4 行重复" in messages
    assert any(m.startswith("第 9 行【单位名称】") and "公式" in m for m in messages) == formula
    assert any(m.startswith("第 10 行") and "不是柳州市的县区" in m for m in messages)
    with pytest.raises(ImportRefused):
        apply_import(db, plan)
    assert _count(db, Unit) == 0
    # The error workbook gives the sender the wrong rows back with the reasons.
    errors = write_error_workbook(plan, tmp_path / "errors.xlsx")
    sheet = load_workbook(errors).active
    header = [c.value for c in sheet[1]]
    assert header[-1] == "错误原因" and header[-2] == "原行号"
    bad_rows = {row[-2]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(bad_rows) == ({7, 8, 9, 10} if formula else {7, 8, 10})
    assert "单位性质" in bad_rows[7][-1] and "职工人数" in bad_rows[7][-1]


def test_duplicates_are_skipped_or_updated(db: Database, tmp_path: Path, book) -> None:
    _import(db, "units", book(tmp_path / "first.xlsx", UNIT_ROWS))
    changed = [row[:] for row in UNIT_ROWS]
    changed[5][2] = "机构"
    path = book(tmp_path / "again.xlsx", changed)
    plan, outcome = _import(db, "units", path)
    assert len(plan.duplicates) == 3 and (outcome.created, outcome.skipped) == (0, 3)
    _plan, outcome = _import(db, "units", path, update_duplicates=True)
    assert outcome.updated == 3
    with db.session() as session:
        assert session.scalar(select(Unit.kind_id).where(Unit.name == "柳南第一中学")) == 1  # 机构


def test_experts_in_the_table_layout_with_merged_cells(db: Database, tmp_path: Path, book) -> None:
    rows = [
        ["附件3"], ["县区“十百千”职业健康科普宣传活动专家名单及分组"],
        ["县区", "分类", "姓名", "所在单位", "职称/职务", "个人银行卡号"],
        ["柳北区", "职业健康", "王  芳", "柳北区疾控中心", "主管医师", "6222 0212 3456 7890 128"],
        [None, None, "李强", "柳北区人民医院", "主治医师", None],
        [None, "心理健康", "赵敏", "柳北区妇幼保健院", "心理治疗师", None],
        [None, None, "杨静", "广西壮族自治区职业病防治研究院", "副主任医师", None],
    ]
    path = book(tmp_path / "experts.xlsx", rows, merges=["A4:A7", "B4:B5", "B6:B7"])
    _plan, outcome = _import(db, "experts", path)
    assert outcome.created == 3 and outcome.skipped == 1  # 杨静 is already there (附件4)
    with db.session() as session:
        wang = session.scalars(select(Expert).where(Expert.name == "王芳")).one()
        assert (wang.district.name, wang.category.name, wang.level) == ("柳北区", "职业健康", "县区级")
        assert wang.bank_card == "6222021234567890128"
        zhao = session.scalars(select(Expert).where(Expert.name == "赵敏")).one()
        assert zhao.category.name == "心理健康"


def test_sessions_ledger_links_units_and_lecturers_by_name(db: Database, tmp_path: Path, book) -> None:
    _import(db, "units", book(tmp_path / "units.xlsx", UNIT_ROWS))
    rows = [
        ["日期", "县区", "单位名称", "活动分类", "主题", "授课专家", "地点", "覆盖人数", "状态", "备注"],
        [datetime(2025, 6, 18, 9, 30), "柳南", "柳州钢铁 A&B <公司>、𠮷祥社区", "职业健康、心理健康", "职业病防治法",
         "杨静", "会议室", 120, "已开展", None],
        ["2025年7月2日", "柳南区", "柳南第一中学", "心理健康", "青少年心理", "李诗燕,潘润德", "礼堂", "300",
         "已完成", ""],
        ["2025-09-01", "柳南", "柳南第一中学", "慢性病管理", "慢病讲座", None, "礼堂", None, "计划", None],
    ]
    _plan, outcome = _import(db, "sessions", book(tmp_path / "sessions.xlsx", rows))
    assert outcome.created == 3
    with db.session() as session:
        progress = district_progress(session, "柳南", 2025)
    assert progress.distinct.sessions == 2 and progress.distinct.people == 420
    assert progress.categories["心理健康"].sessions == 2
    assert progress.categories["职业健康"].units == 2
    assert progress.regional_sessions == 2
    assert progress.planned["慢性病管理"] == 1


def test_sessions_with_unknown_units_or_lecturers_are_refused(db: Database, tmp_path: Path, book) -> None:
    rows = [
        ["日期", "县区", "单位名称", "活动分类", "授课专家", "地点", "覆盖人数"],
        ["2025-06-18", "柳南", "不存在的厂", "职业健康", "无名氏", "会议室", 10],
        ["2024-06-18", "柳南", None, "职业健康", None, "会议室", 10],
        ["2025-13-40", "柳南", None, "职业健康", None, "会议室", 10],
    ]
    plan = plan_import(db, "sessions", book(tmp_path / "s.xlsx", rows))
    text = plan.error_text()
    assert "没有名为“不存在的厂”的五进单位" in text and "“无名氏”：没有这位专家" in text
    assert "没有 2024 年度的活动" in text and "不是有效日期" in text
    assert _count(db, Lecture) == 0


def _ole2(path: Path, *, encrypted: bool) -> Path:
    body = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    if encrypted:
        body += "EncryptionInfo".encode("utf-16-le")
    path.write_bytes(body + b"\x00" * 512)
    return path


@pytest.mark.parametrize(("maker", "phrase"), [
    (lambda p: _ole2(p, encrypted=False), "旧版 Excel（.xls）"),
    (lambda p: _ole2(p, encrypted=True), "设置了打开密码"),
    (lambda p: (p.write_text("县区,单位名称\n柳南,某厂\n", encoding="utf-8"), p)[1], "不是 Excel（.xlsx）文件"),
    (lambda p: (p.write_bytes(b"PK\x03\x04" + b"\x00" * 100), p)[1], "已损坏（压缩包结构不完整"),
    (lambda p: _workbook(p, []), "找不到表头"),
    (lambda p: _workbook(p, [["县区", "单位名称", "活动分类"], ["柳南", "某厂", "职业健康"]]), "单位性质"),
    (lambda p: _workbook(p, [["县区", "单位名称", "单位性质", "活动分类"]]), "没有数据"),
    (lambda p: _workbook(p, [["县区", "单位名称", "单位性质", "活动分类"], ["柳南区", "柳州某某机械有限公司", "企业",
                                                                      "职业健康、心理健康"]]), "示例行不算"),
])
def test_broken_files_get_a_clear_message_and_change_nothing(db: Database, tmp_path: Path, maker, phrase) -> None:
    path = maker(tmp_path / "input.xlsx")
    with pytest.raises(AppError) as refused:
        plan_import(db, "units", path)
    assert phrase in refused.value.message
    assert _count(db, Unit) == 0


def test_template_has_header_example_and_drop_downs(db: Database, tmp_path: Path) -> None:
    path = write_template("units", tmp_path / "template.xlsx")
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]][:4] == ["县区", "单位名称*", "单位性质*", "活动分类*"]
    assert sheet["C2"].value == "企业"
    lists = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert "机构,企业,学校,乡村,社区" in lists["C2"]
    assert "职业健康" in lists["D2"]
    # Filled in below the example row, it imports; the example row itself is skipped.
    book = load_workbook(path)
    book.active.append(["柳江区", "柳江某厂", "企业", "职业健康"])
    book.save(path)
    _plan, outcome = _import(db, "units", path)
    assert outcome.created == 1 and _count(db, Unit) == 1


@pytest.mark.parametrize("book", ["xlsx", "xls", "ods", "csv"], indirect=True)  # WPS-style: as .xlsx
def test_ten_thousand_units_import_in_one_go(db: Database, tmp_path: Path, book) -> None:
    rows = [["县区", "单位名称", "单位性质", "活动分类"]] + [
        [["柳南区", "柳北区", "三江县"][i % 3], f"单位{i:05d}", "企业", "职业健康"] for i in range(10_000)
    ]
    _plan, outcome = _import(db, "units", book(tmp_path / "many.xlsx", rows))
    assert outcome.created == 10_000 and _count(db, Unit) == 10_000


def test_cancelled_import_writes_nothing(db: Database, tmp_path: Path, book) -> None:
    _import(db, "units", book(tmp_path / "units.xlsx", UNIT_ROWS))
    rows = [["日期", "县区", "单位名称", "活动分类", "地点", "覆盖人数"],
            ["2025-06-18", "柳南", "柳南第一中学", "职业健康", "礼堂", 10]]
    plan = plan_import(db, "sessions", book(tmp_path / "s.xlsx", rows))
    with pytest.raises(AppError, match="已取消"):
        apply_import(db, plan, cancelled=lambda: True)
    assert _count(db, Lecture) == 0


def test_command_line_import_exit_codes_and_error_file(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture, book
) -> None:
    good = book(tmp_path / "good.xlsx", UNIT_ROWS)
    assert run(["--db", str(db_path), "import", "units", str(good)]) == 0
    assert "新增 3 条" in capsys.readouterr().out
    bad = book(tmp_path / "bad.xlsx", [["县区", "单位名称", "单位性质", "活动分类"],
                                           ["柳南", "", "企业", "职业健康"]])
    errors = tmp_path / "errors.xlsx"
    assert run(["--db", str(db_path), "import", "units", str(bad), "--errors", str(errors)]) == 1
    err = capsys.readouterr().err
    assert "第 2 行【单位名称】：不能为空" in err and "Traceback" not in err
    assert errors.exists()
    assert run(["--db", str(db_path), "import", "widgets", str(good)]) == 2
    assert run(["--db", str(db_path), "template", "sessions", "-o", str(tmp_path / "t.xlsx")]) == 0


def test_ledger_times_subsidy_and_namesakes_told_apart_by_their_unit(db: Database, tmp_path: Path, book) -> None:
    from liuzhou_gui.domain.drafts import ExpertDraft
    from liuzhou_gui.storage.experts import save_expert

    _import(db, "units", book(tmp_path / "units.xlsx", UNIT_ROWS))
    with db.transaction() as session:
        for unit in ("柳州市人民医院", "柳南区疾控中心"):
            save_expert(session, ExpertDraft(name="王芳", level="县区级", category="职业健康", unit=unit,
                                             district="柳南"))
    header = ["日期", "县区", "单位名称", "活动分类", "授课专家", "地点", "覆盖人数", "状态", "自治区补助"]
    ambiguous = plan_import(db, "sessions", book(tmp_path / "a.xlsx", [
        header, ["2025-06-18", "柳南", None, "职业健康", "王芳", "会议室", 10, "已开展", None]]))
    assert "有 2 位同名专家，请写成“姓名（所在单位）”" in ambiguous.error_text()
    _plan, outcome = _import(db, "sessions", book(tmp_path / "b.xlsx", [
        header, ["2025-06-18 14:30", "柳南", "柳南第一中学", "职业健康", "王芳（柳南区疾控中心）、杨静", "会议室", 10,
                 "已开展", "是"]]))
    assert outcome.created == 1
    with db.session() as session:
        lecture = session.scalars(select(Lecture)).one()
        assert lecture.start_time.strftime("%H:%M") == "14:30" and lecture.subsidised
        assert sorted(e.unit for e in lecture.experts) == ["广西壮族自治区职业病防治研究院", "柳南区疾控中心"]


@pytest.mark.slow
def test_a_hundred_thousand_rows_are_refused_before_any_work(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "register.xlsx"
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["县区", "单位名称", "单位性质", "活动分类"])
    for i in range(100_000):
        sheet.append(["柳南区", f"单位{i:06d}", "企业", "职业健康"])
    book.save(path)
    with pytest.raises(AppError, match="超过 20,000 行"):
        plan_import(db, "units", path)
    assert _count(db, Unit) == 0


def test_the_row_limit_counts_data_rows_only(db: Database, tmp_path: Path, monkeypatch, book) -> None:
    from liuzhou_gui.services.importing import sheet_limits

    monkeypatch.setattr(sheet_limits, "MAX_DATA_ROWS", 3)
    rows = [["县区", "单位名称", "单位性质", "活动分类"], [], ["柳南区", "甲厂", "企业", "职业健康"], [],
            ["柳南区", "乙厂", "企业", "职业健康"], ["柳南区", "丙厂", "企业", "职业健康"]]
    _plan, outcome = _import(db, "units", book(tmp_path / "three.xlsx", rows))
    assert outcome.created == 3
    rows.append(["柳南区", "丁厂", "企业", "职业健康"])
    with pytest.raises(AppError, match="超过 3 行"):
        plan_import(db, "units", book(tmp_path / "four.xlsx", rows))
