"""cli.table: columns line up by terminal width, not by character count."""

from __future__ import annotations

import pytest

from liuzhou_gui.cli.table import LEFT, RIGHT, display_width, format_table, pad


@pytest.mark.parametrize(
    ("text", "width"),
    [("", 0), ("abc", 3), ("柳南区", 6), ("Ａ１", 4), ("0772-2868517", 12), ("刘芸 Li", 7), ("e\u0301", 1), ("𠮷", 2)],
)
def test_display_width(text: str, width: int) -> None:
    assert display_width(text) == width


def test_pad_left_and_right() -> None:
    assert pad("柳南", 6) == "柳南  "
    assert pad("柳南", 6, RIGHT) == "  柳南"
    assert pad("融水苗族自治县", 4) == "融水苗族自治县"  # never cut


def test_mixed_rows_line_up() -> None:
    text = format_table(["县区", "场次", "人数"], [["融水苗族自治县", 13, 2826], ["城中区", 9, None]])
    lines = text.splitlines()
    assert lines == [
        "县区            场次  人数",
        "--------------  ----  ----",
        "融水苗族自治县    13  2826",
        "城中区             9     —",
    ]
    assert len({display_width(line) for line in lines}) == 1


def test_explicit_alignment_and_indent() -> None:
    text = format_table(["a", "b"], [["x", "1"]], align=[RIGHT, LEFT], indent="  ")
    assert text.splitlines() == ["  a  b", "  -  -", "  x  1"]
    assert LEFT == "left"


def test_rows_must_match_the_headers() -> None:
    with pytest.raises(ValueError, match="2 cells"):
        format_table(["a"], [["x", "y"]])
