"""Files saved by LibreOffice itself as .xls and .ods (what a bureau's office suite writes) import alike.

Needs `soffice` (scripts/dev.sh installs libreoffice-calc-nogui for the tests); skipped without it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from sheet_files import write_xlsx
from sqlalchemy import select

from liuzhou_gui.services.importing.apply import apply_import
from liuzhou_gui.services.importing.plan import plan_import
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.models import Expert, Unit

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

UNITS = [
    ["附件5"],
    ["县　区", "单 位 名 称", "单位性质", "活动分类", "职工人数", "统一社会信用代码"],
    ["柳南区", "柳州钢铁 A&B <公司>", "企业", "职业健康，心理健康", 300, "91350100M000100Y43"],
    [None, "𠮷祥社区", "社区", "慢病管理;其他内容", "12", None],
]
EXPERTS = [
    ["县区", "分类", "姓名", "所在单位", "职称/职务"],
    ["柳北区", "职业健康", "王  芳", "柳北区疾控中心", "主管医师"],
    [None, None, "李强", "柳北区人民医院", "主治医师"],
]


def _convert(sources: list[Path], fmt: str, folder: Path) -> list[Path]:
    out = folder / fmt
    out.mkdir()
    profile = (folder / "lo-profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt,
                    "--outdir", str(out), *map(str, sources)], check=True, capture_output=True, timeout=180)
    return [out / f"{source.stem}.{fmt}" for source in sources]


@pytest.fixture(scope="module")
def office_files(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    folder = tmp_path_factory.mktemp("office")
    sources = [write_xlsx(folder / "units.xlsx", UNITS), write_xlsx(folder / "experts.xlsx", EXPERTS, ["A2:A3"])]
    result = {"xlsx": tuple(sources)}
    for fmt in ("xls", "ods"):
        result[fmt] = tuple(_convert(sources, fmt, folder))
    return result


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_libreoffice_saved_files_import_like_the_xlsx(tmp_path: Path, office_files, fmt) -> None:
    imported = {}
    for name in ("xlsx", fmt):
        db = Database.open(tmp_path / f"{name}.sqlite3")
        units, experts = office_files[name]
        apply_import(db, plan_import(db, "units", units))
        apply_import(db, plan_import(db, "experts", experts))
        with db.session() as session:
            imported[name] = (
                sorted((u.district.name, u.name, u.kind.name, u.worker_count, u.credit_code,
                        tuple(c.name for c in u.categories)) for u in session.scalars(select(Unit))),
                sorted((e.name, e.unit, e.title, e.district.name if e.district else "")
                       for e in session.scalars(select(Expert).where(Expert.district_id.is_not(None)))),
            )
        db.close()
    assert imported[fmt] == imported["xlsx"]
    assert len(imported["xlsx"][0]) == 2 and {e[3] for e in imported["xlsx"][1]} == {"柳北区"}
