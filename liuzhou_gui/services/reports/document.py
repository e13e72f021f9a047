"""A table as the plan prints it, independent of the output format.

Both writers (pdf_writer, xlsx_writer) render the same TableDocument, so a PDF and an Excel file
of one attachment cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SEAL_MARK = "（盖章）"
KEY_LINE_SIZE = 7  # points: small, below everything else, as the fingerprint line of a stamped table


def key_line_text(fingerprint: str) -> str:
    """The foot line of a stamped table: the paper with the red seal vouches for the signing key."""
    return f"完整性签名（非法定电子印章）本单位密钥指纹：{fingerprint}"


@dataclass(frozen=True)
class Cell:
    text: str = ""  # what the PDF prints; the Excel cell too unless `number` is set
    rowspan: int = 1
    colspan: int = 1
    align: str = "center"  # "center" or "left"
    number: int | None = None  # a count: an Excel number (SUM adds it), never text with a green triangle


def count_cell(value: int | None, align: str = "center") -> Cell:
    """A count cell (场次, 人数…): printed as digits, stored in Excel as a number; None is an empty cell."""
    return Cell("" if value is None else str(value), align=align, number=value)


@dataclass
class TableDocument:
    label: str  # 附件N, printed top left
    title_lines: list[str]
    header: list[str]
    widths: list[float]  # relative column widths
    rows: list[list[Cell | None]] = field(default_factory=list)  # None: covered by a span above/left
    bureau_line: str = ""  # "柳南区卫生健康局（盖章）" above the table, where the seal goes
    signer_line: str = ""  # "填报人：…  联系电话：…" below the table
    notes: list[str] = field(default_factory=list)
    key_line: str = ""  # small, at the foot of a stamped table: the signing key's fingerprint
    landscape: bool = False
    file_stem: str = ""  # e.g. 附件5_柳南区_2025
    full_card_count: int = 0  # bank card numbers printed in full (附件6 unmasked): its export is audited

    @property
    def column_count(self) -> int:
        return len(self.header)

    def plain_rows(self) -> list[list[str]]:
        """Rows as text, a spanned cell's text repeated nowhere (for tests and previews)."""
        return [[cell.text if cell else "" for cell in row] for row in self.rows]


def grouped_rows(groups: list[tuple[str, list[list[str]]]], first_column: str) -> list[list[Cell | None]]:
    """Rows of 附件3/附件4: the first column (县区) merged over all rows, the second (分类) per group."""
    rows: list[list[Cell | None]] = []
    total = sum(len(items) for _, items in groups)
    for g, (group, items) in enumerate(groups):
        for i, item in enumerate(items):
            first: Cell | None = Cell(first_column, rowspan=total) if g == 0 and i == 0 and total else None
            second: Cell | None = Cell(group, rowspan=len(items)) if i == 0 else None
            rows.append([first, second, *(Cell(text) for text in item)])
    return rows
