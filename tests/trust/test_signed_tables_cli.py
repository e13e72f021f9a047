"""Signed tables and the command line: verify, keys, package import --trust, each installation its own profile."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from liuzhou_gui.cli.main import run
from liuzhou_gui.services.trust.keys import installation_key
from liuzhou_gui.services.trust.pdf_signing import check_pdf_signature
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.paths import DATA_DIR_ENV

PYHANKO = shutil.which("pyhanko") or str(Path(__file__).resolve().parents[2] / ".venv" / "bin" / "pyhanko")


class Installation:
    """One PC: its own profile folder (and so its own key) and database, used through the command line."""

    def __init__(self, root: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
        self.profile, self.db = root / name / "profile", root / name / "campaign.sqlite3"
        self.profile.mkdir(parents=True)
        self.monkeypatch = monkeypatch

    def __call__(self, *argv: str) -> int:
        self.monkeypatch.setenv(DATA_DIR_ENV, str(self.profile))
        return run(["--db", str(self.db), *argv])

    def set_up(self, bureau: str) -> None:
        """What the first-start dialog records: which bureau this PC belongs to."""
        from liuzhou_gui.services import installation

        db = Database.open(self.db)
        with db.transaction() as session:
            installation.save(session, bureau, "张三", "13800000000")
        db.close()

    def key(self):
        self.monkeypatch.setenv(DATA_DIR_ENV, str(self.profile))
        return installation_key()


def _signed_table(pc: Installation, folder: Path) -> Path:
    out = folder / "附件2.pdf"
    assert pc("export", "2", "--district", "柳南", "--year", "2025", "-o", str(out)) == 0
    return out


@pytest.fixture
def table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Installation, Path]:
    pc = Installation(tmp_path, "柳南", monkeypatch)
    pc.set_up("柳南区卫生健康局")
    return pc, _signed_table(pc, tmp_path)


def test_a_signed_table_is_valid_for_pyhanko_and_for_verify(table, tmp_path, capsys) -> None:
    pc, pdf = table
    key = pc.key()
    text = PdfReader(pdf).pages[0].extract_text()
    assert f"完整性签名（非法定电子印章）本单位密钥指纹：{key.fingerprint}" in text
    certificate = tmp_path / "office.pem"
    assert pc("keys", "export", "-o", str(certificate)) == 0
    capsys.readouterr()
    validated = subprocess.run(
        [PYHANKO, "sign", "validate", "--trust", str(certificate), "--trust-replace", "--no-revocation-check",
         "--executive-summary", str(pdf)], capture_output=True, text=True, timeout=120)
    assert validated.returncode == 0 and validated.stdout.strip().endswith(":VALID"), validated.stdout
    assert pc("verify", str(pdf)) == 0
    out = capsys.readouterr().out
    assert "有效" in out and key.fingerprint in out and "柳南区卫生健康局" in out

    changed = bytearray(pdf.read_bytes())
    at = changed.find(b"/Contents", 0, len(changed) // 2)  # a byte of the first page, under the signature
    changed[at + 12] ^= 0x01
    pdf.write_bytes(bytes(changed))
    validated = subprocess.run(
        [PYHANKO, "sign", "validate", "--trust", str(certificate), "--trust-replace", "--no-revocation-check",
         "--executive-summary", str(pdf)], capture_output=True, text=True, timeout=120)
    assert validated.returncode != 0 or "INVALID" in validated.stdout or ":VALID" not in validated.stdout
    assert pc("verify", str(pdf)) == 1
    assert "无效" in capsys.readouterr().out


def test_the_signature_field_lies_over_the_seal_with_no_drawing_of_its_own(table) -> None:
    _, pdf = table
    reader = PdfReader(pdf)
    fields = reader.get_fields()
    assert list(fields) == ["完整性签名"]
    widget = next(a.get_object() for a in reader.pages[0]["/Annots"] if a.get_object().get("/FT") == "/Sig")
    assert widget["/T"] == "完整性签名"
    assert check_pdf_signature(pdf.read_bytes()).valid


@pytest.mark.parametrize("content", [b"", b"%PDF-1.4 nothing", b"MZ\x90", "表格".encode()])
def test_verify_refuses_what_is_not_a_signed_file(tmp_path, content: bytes, capsys, db_path) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(content)
    assert run(["--db", str(db_path), "verify", str(path)]) == 1
    captured = capsys.readouterr()
    assert "无效" in captured.out and "Traceback" not in captured.err


def test_verify_a_package(tmp_path, monkeypatch, capsys) -> None:
    pc = Installation(tmp_path, "柳南", monkeypatch)
    assert pc("demo") == 0
    package = tmp_path / "柳南.lzbs"
    assert pc("package", "export", "--district", "柳南", "-o", str(package)) == 0
    out = capsys.readouterr().out
    assert "本机还没有市卫健委的密钥" in out and pc.key().fingerprint in out
    assert pc("verify", str(package)) == 0
    assert "有效：报送包" in capsys.readouterr().out
    damaged = bytearray(package.read_bytes())
    damaged[len(damaged) // 2] ^= 0x01
    package.write_bytes(bytes(damaged))
    assert pc("verify", str(package)) == 1
    assert "无效" in capsys.readouterr().out


def test_the_command_line_round_trip_between_three_pcs(tmp_path, monkeypatch, capsys) -> None:
    """柳南 learns the city's key from a key file; the city learns 柳南's on its first package; a new PC
    of 柳南 is refused until the city confirms its fingerprint."""
    liunan, city, new_pc = (Installation(tmp_path, n, monkeypatch) for n in ("柳南", "city", "新电脑"))
    assert liunan("demo") == 0 and new_pc("demo") == 0 and city("stats") == 0
    city_pem = tmp_path / "市卫健委公钥.pem"
    assert city("keys", "export", "-o", str(city_pem)) == 0
    assert liunan("keys", "import", str(city_pem)) == 0
    assert city.key().fingerprint in capsys.readouterr().out
    package = tmp_path / "柳南.lzbs"
    assert liunan("package", "export", "--district", "柳南", "-o", str(package)) == 0
    assert "已加密，只有市卫健委" in capsys.readouterr().out

    assert city("package", "import", str(package)) == 0
    out = capsys.readouterr().out
    assert "首次收到 柳南区 的报送包" in out and liunan.key().fingerprint in out

    assert new_pc("keys", "import", str(city_pem)) == 0
    other = tmp_path / "新电脑.lzbs"
    assert new_pc("package", "export", "--district", "柳南", "-o", str(other)) == 0
    capsys.readouterr()
    assert city("package", "import", str(other)) == 1
    err = capsys.readouterr().err
    assert liunan.key().fingerprint in err and new_pc.key().fingerprint in err and "Traceback" not in err
    assert city("package", "import", str(other), "--trust", liunan.key().fingerprint) == 1
    assert city("package", "import", str(other), "--trust", new_pc.key().fingerprint) == 0
    assert "已确认 柳南区 的新签名密钥" in capsys.readouterr().out
    assert city("keys", "list") == 0
    assert new_pc.key().fingerprint in capsys.readouterr().out
    # 柳南 refuses a second city key file unless confirmed
    stranger = tmp_path / "假的市卫健委.pem"
    assert new_pc("keys", "export", "-o", str(stranger)) == 0
    assert liunan("keys", "import", str(stranger)) == 1
    assert "--trust" in capsys.readouterr().err


def test_keys_show_and_a_broken_key_file(tmp_path, monkeypatch, capsys) -> None:
    pc = Installation(tmp_path, "柳南", monkeypatch)
    assert pc("keys", "show") == 0
    assert pc.key().fingerprint in capsys.readouterr().out
    broken = tmp_path / "broken.pem"
    broken.write_text("<b>&=1+1 𠮷" * 1000, encoding="utf-8")
    assert pc("keys", "import", str(broken)) == 1
    err = capsys.readouterr().err
    assert "证书" in err and "Traceback" not in err
    assert pc("keys", "export", "-o", str(pc.db)) == 1  # never over the open database
    assert Database.open(pc.db).path == pc.db


def test_the_excel_table_carries_the_fingerprint_line_too(tmp_path, monkeypatch) -> None:
    from openpyxl import load_workbook

    pc = Installation(tmp_path, "柳南", monkeypatch)
    pc.set_up("柳南区卫生健康局")
    out = tmp_path / "附件6.xlsx"
    assert pc("export", "6", "--district", "柳南", "-o", str(out)) == 0
    cells = [c.value for row in load_workbook(out).active.iter_rows() for c in row if c.value]
    assert f"完整性签名（非法定电子印章）本单位密钥指纹：{pc.key().fingerprint}" in cells
    draft = tmp_path / "草稿.pdf"
    assert pc("export", "2", "--district", "柳南", "--draft", "-o", str(draft)) == 0
    assert "密钥指纹" not in PdfReader(draft).pages[0].extract_text()  # a draft is not a stamped table


def test_a_district_learns_the_city_key_from_its_first_directive_and_refuses_another(
    tmp_path, monkeypatch, capsys
) -> None:
    """The whole loop: 下发包 → the city's key recorded → 报送包 encrypted to it; a 下发包 from another
    key (a second city PC, or a forgery) refused until its fingerprint is confirmed."""
    city, liunan, impostor = (Installation(tmp_path, n, monkeypatch) for n in ("city", "柳南", "假市"))
    city.set_up("柳州市卫生健康委员会职业健康科")
    impostor.set_up("柳州市卫生健康委员会职业健康科")
    liunan.set_up("柳南区卫生健康局")
    assert liunan("demo") == 0 and city("stats") == 0 and impostor("stats") == 0
    first = tmp_path / "下发包.lzxf"
    assert city("directive", "export", "--year", "2025", "-o", str(first)) == 0
    capsys.readouterr()
    assert liunan("directive", "import", str(first)) == 0
    assert city.key().fingerprint in capsys.readouterr().out
    package = tmp_path / "柳南.lzbs"
    assert liunan("package", "export", "--district", "柳南", "-o", str(package)) == 0
    assert "已加密，只有市卫健委" in capsys.readouterr().out
    assert city("package", "import", str(package)) == 0

    forged = tmp_path / "假的下发包.lzxf"
    assert impostor("directive", "export", "--year", "2025", "-o", str(forged)) == 0
    capsys.readouterr()
    assert liunan("directive", "import", str(forged)) == 1
    err = capsys.readouterr().err
    assert city.key().fingerprint in err and impostor.key().fingerprint in err and "下发包" in err
    assert liunan("directive", "import", str(forged), "--trust", impostor.key().fingerprint) == 0
