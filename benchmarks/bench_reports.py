"""附件5 export speed: one district with 1,000 units, and all ten districts of a 10,000-unit database.

    .venv/bin/python benchmarks/bench_reports.py [--runs 5]

Targets (issue 4): under 1 s for one district (PDF and Excel each), under 5 s for the whole city.
Baseline in the same run: LibreOffice converting the same 1,000-unit Excel file to PDF (when
`soffice` is installed), since only ratios travel between machines. Exit status 1 over a target.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from timing import median_s, scratch_folder  # noqa: E402 - after the path is set

UNITS_PER_DISTRICT = 1_000
ONE_DISTRICT_S, CITY_S = 1.0, 5.0
KINDS = ("机构", "企业", "学校", "乡村", "社区")
CATEGORY_SETS = (["职业健康"], ["心理健康"], ["职业健康", "慢性病管理"], ["职业健康", "心理健康", "慢性病管理"],
                 ["其他内容"])
WORDS = "鑫达华盛宏远金桥新兴永安恒通富民长青顺发佳美立信博远荣达万隆鸿运"


def build(path: Path) -> None:
    from liuzhou_gui.domain.drafts import UnitDraft
    from liuzhou_gui.domain.reference import DISTRICTS
    from liuzhou_gui.storage.database import Database
    from liuzhou_gui.storage.units import add_units

    rng = random.Random(5)
    db = Database.open(path)
    with db.transaction() as session:
        for district in DISTRICTS:
            drafts = []
            for n in range(UNITS_PER_DISTRICT):
                kind = rng.choice(KINDS)
                words = "".join(rng.sample(WORDS, 4))
                drafts.append(UnitDraft(
                    district=district.name, kind=kind, categories=rng.choice(CATEGORY_SETS),
                    name=f"柳州市{words}{'机械制造有限责任公司' if kind == '企业' else '服务中心'}第{n + 1}分部",
                ))
            add_units(session, drafts)
    db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with scratch_folder() as folder:
        from liuzhou_gui.services.reports.export import export_all_districts, export_attachment
        from liuzhou_gui.services.reports.fonts import main_font
        from liuzhou_gui.storage.database import Database

        db_path = folder / "units_10k.sqlite3"
        start = time.perf_counter()
        build(db_path)
        print(f"built 10 × {UNITS_PER_DISTRICT} units in {time.perf_counter() - start:.1f} s")
        main_font()  # reading the font once is start-up cost, shared by every export after it
        db = Database.open(db_path)
        one = {}
        for fmt in ("pdf", "xlsx"):
            output = folder / f"附件5_柳南区.{fmt}"
            one[fmt] = median_s(lambda fmt=fmt, output=output: export_attachment(
                db, 5, district="柳南区", fmt=fmt, output=output), args.runs)
        city = {}
        for fmt in ("pdf", "xlsx"):
            city[fmt] = median_s(lambda fmt=fmt: export_all_districts(
                db, 5, fmt=fmt, folder=folder / f"city_{fmt}"), max(1, args.runs // 2))
        db.close()
        from pypdf import PdfReader

        pages = len(PdfReader(folder / "附件5_柳南区.pdf").pages)
        print(f"附件5 one district (1,000 units, {pages} pages): "
              f"PDF {one['pdf']:.2f} s, Excel {one['xlsx']:.2f} s (median of {args.runs}; target < {ONE_DISTRICT_S} s)")
        print(f"附件5 all ten districts (10,000 units): PDF {city['pdf']:.2f} s, Excel {city['xlsx']:.2f} s "
              f"(target < {CITY_S} s)")
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice:
            xlsx = folder / "附件5_柳南区.xlsx"
            out = folder / "lo"
            baseline = median_s(lambda: subprocess.run(
                [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(xlsx)],
                capture_output=True, check=True), max(1, args.runs // 2))
            print(f"baseline LibreOffice xlsx → PDF of the same 1,000 units: {baseline:.2f} s; "
                  f"our PDF takes {one['pdf'] / baseline:.2f}× that")
        else:
            print("baseline skipped: LibreOffice (soffice) is not installed")
    over = one["pdf"] > ONE_DISTRICT_S or one["xlsx"] > ONE_DISTRICT_S or max(city.values()) > CITY_S
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
