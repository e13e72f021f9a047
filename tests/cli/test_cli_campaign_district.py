"""`campaign add/list` and `district show/set`: output, exit codes, and nothing changed on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from liuzhou_gui.cli.main import run
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.lookups import district_by_name
from liuzhou_gui.storage.paths import seals_dir


def _cli(db_path: Path, *argv: str) -> int:
    return run(["--db", str(db_path), *argv])


def test_campaign_add_copies_the_plan_and_lists_both_years(db_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert _cli(db_path, "campaign", "add", "--year", "2026", "--copy-from", "2025") == 0
    assert "已新增 2026 年度：计划 100 场，补助名额 18 场" in capsys.readouterr().out
    assert _cli(db_path, "campaign", "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:2] == ["年度", "专家名单截止"]
    assert [line.split()[0] for line in lines[2:]] == ["2025", "2026"]
    assert lines[3].split()[1:4] == ["4月18日", "5月15日", "11月20日"]
    assert lines[3].split()[-3:] == ["100", "18", "0"]
    assert _cli(db_path, "stats", "--year", "2026", "--json") == 0
    assert json.loads(capsys.readouterr().out)["plan"]["合计"] == 100


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["campaign", "add", "--year", "2025"], 1, "2025 年度的活动已经存在"),
        (["campaign", "add", "--year", "2026", "--copy-from", "2019"], 1, "没有 2019 年度的活动"),
        (["campaign", "add", "--year", "1800"], 1, "不合理"),
        (["campaign", "add"], 2, "缺少必需的参数"),
        (["campaign"], 2, "缺少必需的参数"),
    ],
)
def test_campaign_add_refusals(
    db_path: Path, capsys: pytest.CaptureFixture, argv: list[str], code: int, message: str
) -> None:
    assert _cli(db_path, *argv) == code
    assert message in capsys.readouterr().err
    assert _cli(db_path, "campaign", "list") == 0
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()[2:]] == ["2025"]


def test_district_show_lists_all_ten_in_plan_order(db_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert _cli(db_path, "district", "show") == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines[2:]] == [
        "柳北区", "城中区", "鱼峰区", "柳南区", "柳江区", "柳城县", "鹿寨县", "融安县",
        "融水苗族自治县", "三江侗族自治县",
    ]
    assert all(line.split()[-1] == "未设置" for line in lines[2:])


def test_district_set_reporter_phone_and_seal(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    seal = tmp_path / "公章.png"
    Image.new("RGBA", (80, 80), (200, 0, 0, 255)).save(seal)
    assert _cli(db_path, "district", "set", "--district", "鱼峰", "--reporter", "韦  明",
                "--phone", "(0772)2868517", "--seal", str(seal)) == 0
    assert "已保存鱼峰区的设置" in capsys.readouterr().out
    db = Database.open(db_path)
    try:
        with db.session() as session:
            row = district_by_name(session, "鱼峰区")
            assert (row.reporter, row.reporter_phone) == ("韦明", "0772-2868517")
            stored = seals_dir(db_path) / row.seal_file
    finally:
        db.close()
    assert stored.read_bytes() == seal.read_bytes() and stored.suffix == ".png"
    assert _cli(db_path, "district", "show", "--district", "鱼峰区") == 0
    row_line = capsys.readouterr().out.splitlines()[2].split()
    assert row_line == ["鱼峰区", "鱼峰区卫生健康局", "韦明", "0772-2868517", stored.name]
    assert _cli(db_path, "district", "set", "--district", "鱼峰", "--no-seal") == 0
    capsys.readouterr()
    assert _cli(db_path, "district", "show", "--district", "鱼峰") == 0
    assert capsys.readouterr().out.splitlines()[2].split()[-1] == "未设置"


def test_a_jpeg_seal_is_accepted_whatever_its_file_name(db_path: Path, tmp_path: Path) -> None:
    seal = tmp_path / "seal.dat"
    Image.new("RGB", (40, 40), (200, 0, 0)).save(seal, format="JPEG")
    assert _cli(db_path, "district", "set", "--district", "三江", "--seal", str(seal)) == 0
    assert [p.suffix for p in seals_dir(db_path).iterdir()] == [".jpg"]


@pytest.mark.parametrize(
    ("extra", "code", "message"),
    [
        (["--phone", "0772-28"], 1, "联系电话"),
        (["--phone", "139077212"], 1, "手机号码应为 11 位数字"),
        (["--reporter", "张" * 31], 1, "填报人"),
        (["--seal", "NOT_AN_IMAGE"], 1, "不是可以打开的 PNG 或 JPEG 图片"),
        (["--seal", "GIF"], 1, "只支持 PNG 或 JPEG"),
        (["--seal", "MISSING"], 1, "找不到文件"),
        ([], 2, "请至少指定"),
        (["--seal", "NOT_AN_IMAGE", "--no-seal"], 2, "不能与参数"),
    ],
)
def test_district_set_refuses_bad_input_and_changes_nothing(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture, extra: list[str], code: int, message: str,
) -> None:
    fake = tmp_path / "seal.png"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not really a png" * 10)
    gif = tmp_path / "seal.gif"
    Image.new("RGB", (10, 10)).save(gif)
    paths = {"NOT_AN_IMAGE": str(fake), "GIF": str(gif), "MISSING": str(tmp_path / "missing.png")}
    extra = [paths.get(value, value) for value in extra]
    assert _cli(db_path, "district", "set", "--district", "柳北", "--reporter", "覃丽", "--phone", "13907721234") == 0
    capsys.readouterr()
    # a good reporter beside a bad field is not saved either
    argv = ["district", "set", "--district", "柳北", *extra]
    if extra and "--reporter" not in extra:
        argv += ["--reporter", "李四"]
    assert _cli(db_path, *argv) == code
    err = capsys.readouterr().err
    assert message in err and err.startswith("错误：") and err.count("\n") == 1
    assert _cli(db_path, "district", "show", "--district", "柳北") == 0
    assert capsys.readouterr().out.splitlines()[2].split()[2:] == ["覃丽", "13907721234", "未设置"]
    assert list(seals_dir(db_path).iterdir()) == []


def test_district_set_unknown_district_is_a_usage_error(db_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert _cli(db_path, "district", "set", "--district", "桂林", "--phone", "13907721234") == 2
    assert "没有名为“桂林”的县区" in capsys.readouterr().err


@pytest.mark.parametrize(("option", "value", "label"), [
    ("--reporter", "", "填报人"), ("--reporter", "   ", "填报人"), ("--phone", "", "联系电话"),
])
def test_district_set_requires_a_reporter_as_the_first_start_dialog_does(
        db_path: Path, capsys: pytest.CaptureFixture, option: str, value: str, label: str) -> None:
    """One rule for 填报人 (issue 16): the dialog required one, `district set` accepted an empty one."""
    assert _cli(db_path, "district", "set", "--district", "鱼峰", "--reporter", "韦明", "--phone", "0772-2868517") == 0
    capsys.readouterr()
    assert _cli(db_path, "district", "set", "--district", "鱼峰", option, value) == 1
    err = capsys.readouterr().err
    assert label in err and "不能为空" in err and "Traceback" not in err
    db = Database.open(db_path)
    try:
        with db.session() as session:
            row = district_by_name(session, "鱼峰区")
            assert (row.reporter, row.reporter_phone) == ("韦明", "0772-2868517")
    finally:
        db.close()


def test_the_first_start_rule_is_the_same(db_path: Path) -> None:
    from liuzhou_gui.domain.errors import ValidationError
    from liuzhou_gui.services import installation

    for reporter, phone, field in (("", "0772-2868517", "reporter"), ("韦明", "", "reporter_phone")):
        with pytest.raises(ValidationError) as caught:
            installation.check("鱼峰区卫生健康局", reporter, phone)
        assert [e.field for e in caught.value.errors] == [field]
    assert installation.check("鱼峰区卫生健康局", "韦  明", "(0772)2868517").reporter == "韦明"
