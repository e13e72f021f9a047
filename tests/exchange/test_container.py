"""The exchange container: both kinds round-trip; every hostile variant is refused with its own sentence,
before members are unpacked whole, and nothing is written."""

from __future__ import annotations

import hashlib
import json
import struct
import tracemalloc
import warnings
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from liuzhou_gui.services.exchange.container import (
    DISPATCH,
    MANIFEST,
    REPORT,
    SIGNATURE,
    ContainerRefused,
    Kind,
    Limits,
    check_pdf,
    read_container,
    write_container,
)
from liuzhou_gui.services.trust.keys import InstallationKey, installation_key
from liuzhou_gui.services.trust.sealing import sign

# The smallest PDF our check accepts: a header, one object, a table and a trailer pointing at it.
_BODY = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
PDF = _BODY + b"xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\n" \
    + b"startxref\n" + str(len(_BODY)).encode() + b"\n%%EOF\n"


def _members(**extra: bytes) -> dict[str, bytes]:
    return {"data.json": json.dumps({"year": 2025, "place": "会议室 A&B <1> =1+1 𠮷"}, ensure_ascii=False).encode(),
            "附件/附件2.pdf": PDF, **extra}


def _write(path: Path, kind: Kind = REPORT, **extra: bytes) -> Path:
    return write_container(path, kind, {"district": "柳南区", "year": 2025}, _members(**extra))


def _entries(path: Path) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(path) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def _rezip(path: Path, entries: list[tuple[str | zipfile.ZipInfo, bytes]], *, resign: bool = True) -> None:
    """Write the entries as a new zip. With `resign`, a changed manifest is signed again by this
    installation's key, as a writer that meant it would: the check under test is not the signature."""
    entries = [(name if isinstance(name, str) else name.filename, content) for name, content in entries]
    if resign:
        manifests = [content for name, content in entries if name == MANIFEST]
        entries = [e for e in entries if e[0] != SIGNATURE]
        if manifests:
            entries.insert(1, (SIGNATURE, sign(installation_key(), manifests[0])))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns about the repeated names we write on purpose
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, content in entries:
                archive.writestr(name, content)


def _refused(path: Path, kind: Kind = REPORT) -> ContainerRefused:
    with pytest.raises(ContainerRefused) as refused:
        read_container(path, kind)
    message = refused.value.message
    assert path.name in message and "Traceback" not in message and message.endswith("。")
    return refused.value


@pytest.mark.parametrize("kind", [REPORT, DISPATCH])
def test_both_kinds_round_trip_with_their_own_suffix(tmp_path: Path, kind: Kind) -> None:
    path = _write(tmp_path / f"包{kind.suffix}", kind)
    content = read_container(path, kind)
    assert content.manifest["kind"] == kind.name and content.manifest["district"] == "柳南区"
    assert content.members == _members() and content.attachments == {"附件2.pdf": PDF}
    assert sorted(content.manifest["members"]) == ["data.json", "附件/附件2.pdf"]
    assert next(info.filename for info, _ in _entries(path)) == MANIFEST  # anyone can read what the file is
    assert REPORT.suffix == ".lzbs" and DISPATCH.suffix == ".lzxf"


def test_a_container_of_the_other_kind_is_refused(tmp_path: Path) -> None:
    dispatch = _write(tmp_path / "下发.lzxf", DISPATCH)
    assert _refused(dispatch, REPORT).reason == "wrong_kind"
    assert "是下发包，不是报送包" in _refused(dispatch, REPORT).message
    report = _write(tmp_path / "报送.lzbs", REPORT)
    assert "是报送包，不是下发包" in _refused(report, DISPATCH).message


@pytest.mark.parametrize("second", ["data.json", "附件/附件2.pdf", MANIFEST])
def test_a_repeated_member_name_is_refused(tmp_path: Path, second: str) -> None:
    path = _write(tmp_path / "p.lzbs")
    entries = [(info.filename, content) for info, content in _entries(path)]
    _rezip(path, [*entries, (second, b"{}" if second.endswith(".json") else PDF)])
    assert _refused(path).reason == "repeated"


def test_names_differing_only_in_case_count_as_repeated(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.lzbs", **{"附件/Table.pdf": PDF, "附件/table.pdf": PDF})
    assert _refused(path).reason == "repeated"


@pytest.mark.parametrize("name", [
    "附件/setup.exe", "附件/run.bat", "附件/page.html", "附件/附件2.PDF.exe", "readme.txt", "data.json.bak",
    "附件/../data2.json", "附件/子目录/附件2.pdf", "../附件2.pdf", "/etc/passwd", "附件\\附件2.pdf", "附件/",
    "附件/a:b.pdf", "附件/.pdf",
])
def test_members_that_are_not_ours_are_refused(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path / "p.lzbs")
    entries = [(info.filename, content) for info, content in _entries(path)]
    _rezip(path, [*entries, (name, PDF)])
    refused = _refused(path)
    assert refused.reason == "unknown_member" and "不属于报送包的文件" in refused.message


def test_the_writer_refuses_to_make_what_the_reader_refuses(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        _write(tmp_path / "p.lzbs", **{"附件/setup.exe": b"MZ"})
    with pytest.raises(ValueError):
        write_container(tmp_path / "q.lzbs", REPORT, {}, {"附件/附件2.pdf": PDF})  # no data.json
    assert not list(tmp_path.glob("*.lzbs*"))


@pytest.mark.parametrize("content", [
    b"MZ\x90\x00 this is a program", b"<html><script>alert(1)</script></html>", PDF[: len(PDF) // 2],
    b"%PDF-1.4\n%%EOF\n", PDF.replace(b"startxref\n" + str(len(_BODY)).encode(), b"startxref\n999999"), b"",
])
def test_an_attachment_must_be_a_whole_pdf(tmp_path: Path, content: bytes) -> None:
    path = _write(tmp_path / "p.lzbs", **{"附件/附件6.pdf": content})
    refused = _refused(path)
    assert refused.reason == "not_pdf" and "附件6.pdf" in refused.message


def test_our_own_stamped_tables_pass_the_pdf_check(tmp_path: Path, db) -> None:
    from liuzhou_gui.services.reports.export import export_attachment

    for number in (2, 6):
        pdf = export_attachment(db, number, district="柳南", year=2025, fmt="pdf", output=tmp_path / f"{number}.pdf")
        assert check_pdf(pdf.read_bytes())


def test_a_member_added_or_removed_after_writing_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.lzbs", **{"附件/附件3.pdf": PDF})
    entries = [(info.filename, content) for info, content in _entries(path)]
    _rezip(path, [*entries, ("附件/附件9.pdf", PDF)])
    added = _refused(path)
    assert added.reason == "member_added" and "附件9.pdf" in added.message
    _rezip(path, [e for e in entries if e[0] != "附件/附件3.pdf"])
    removed = _refused(path)
    assert removed.reason == "member_removed" and "附件3.pdf" in removed.message
    assert added.message != removed.message


def test_a_changed_member_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.lzbs")
    entries = [(info.filename, content.replace(b"2025", b"2026")) for info, content in _entries(path)
               if info.filename != MANIFEST]
    manifest = next(c for i, c in _entries(path) if i.filename == MANIFEST)
    _rezip(path, [(MANIFEST, manifest), *entries])
    assert _refused(path).reason == "digest"


def _bomb(path: Path, declared_in_manifest: int, real: int) -> Path:
    """A small zip whose data.json unpacks to `real` bytes of zeros; the manifest claims another size."""
    _write(path)
    manifest = json.loads(next(c for i, c in _entries(path) if i.filename == MANIFEST))
    manifest["members"]["data.json"]["size"] = declared_in_manifest
    _rezip(path, [(MANIFEST, json.dumps(manifest).encode()), ("data.json", bytes(real)), ("附件/附件2.pdf", PDF)])
    return path


def _refused_with_peak_memory(path: Path) -> tuple[ContainerRefused, int]:
    """The refusal and the most memory Python held while reading up to it."""
    tracemalloc.start()
    try:
        return _refused(path), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_zip_bomb_is_refused_from_its_directory_before_unpacking(tmp_path: Path) -> None:
    path = _bomb(tmp_path / "bomb.lzbs", 100, 300 << 20)
    assert path.stat().st_size < 1_000_000
    refused, peak = _refused_with_peak_memory(path)
    assert refused.reason == "member_size" and "MB 的上限" in refused.message
    assert peak < 8 << 20


def test_a_member_larger_than_its_manifest_says_is_cut_off_while_streaming(tmp_path: Path) -> None:
    """Under every limit, but bigger than the manifest's table: reading stops at the table's size."""
    path = _bomb(tmp_path / "liar.lzbs", 1000, 60 << 20)
    refused, peak = _refused_with_peak_memory(path)
    assert refused.reason == "digest" and "与清单上的大小或校验码不符" in refused.message
    assert peak < 8 << 20


def test_a_zip_directory_that_understates_a_size_is_refused(tmp_path: Path) -> None:
    """The zip's own header says 1,000 bytes for 60 MB of data: never more than 1,000 are unpacked."""
    path = _bomb(tmp_path / "header.lzbs", 1000, 60 << 20)
    raw = bytearray(path.read_bytes())
    name = b"data.json"
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local header, central directory
        at = 0
        while (at := raw.find(signature, at)) >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if raw[name_at:name_at + len(name)] == name:
                struct.pack_into("<I", raw, at + size_at, 1000)
            at += 4
    path.write_bytes(bytes(raw))
    assert _refused(path).reason in {"damaged", "digest"}


def test_limits_on_the_file_the_member_count_and_the_total(tmp_path: Path) -> None:
    big = tmp_path / "big.lzbs"
    with big.open("wb") as sparse:
        sparse.truncate(REPORT.limits.file_bytes + 1)  # sparse: costs no disk
    assert _refused(big).reason == "file_size"

    small = replace(REPORT, limits=Limits(members=5, total_bytes=20_000))
    many = _write(tmp_path / "many.lzbs", **{f"附件/{i}.pdf": PDF for i in range(3)})  # 6 with the manifest
    assert _refused(many, small).reason == "member_count"
    heavy = _write(tmp_path / "heavy.lzbs", **{"附件/大.pdf": PDF + bytes(30_000)})
    assert _refused(heavy, small).reason == "total_size"


@pytest.mark.parametrize("manifest", [
    b"not json", b"[]", b"{\"format\": \"other\"}", b"[" * 100_000, b"{\"format\": \"liuzhou_gui.package\"}",
])
def test_a_broken_manifest_is_refused(tmp_path: Path, manifest: bytes) -> None:
    path = _write(tmp_path / "p.lzbs")
    entries = [(info.filename, content) for info, content in _entries(path) if info.filename != MANIFEST]
    _rezip(path, [(MANIFEST, manifest), *entries])
    assert _refused(path).reason == "bad_manifest"


@pytest.mark.parametrize(("version", "reason", "words"), [(1, "older_format", "旧版本"), (99, "newer_format", "升级")])
def test_another_format_version_is_refused(tmp_path: Path, version: int, reason: str, words: str) -> None:
    path = _write(tmp_path / "p.lzbs")
    entries = _entries(path)
    manifest = json.loads(entries[0][1]) | {"format_version": version}
    _rezip(path, [(MANIFEST, json.dumps(manifest).encode()), *[(i.filename, c) for i, c in entries[1:]]])
    refused = _refused(path)
    assert refused.reason == reason and words in refused.message


def test_not_a_zip_and_a_truncated_zip(tmp_path: Path) -> None:
    path = tmp_path / "p.lzbs"
    path.write_text("这不是报送包", encoding="utf-8")
    assert _refused(path).reason == "damaged"
    _write(path)
    path.write_bytes(path.read_bytes()[:-30])
    assert _refused(path).reason == "damaged"
    missing = tmp_path / "none.lzbs"
    with pytest.raises(ContainerRefused, match="找不到"):
        read_container(missing, REPORT)


def test_each_refusal_has_its_own_sentence(tmp_path: Path) -> None:
    sentences = {}
    for reason, make in {
        "member_added": lambda p: _rezip(p, [*[(i.filename, c) for i, c in _entries(p)], ("附件/9.pdf", PDF)]),
        "unknown_member": lambda p: _rezip(p, [*[(i.filename, c) for i, c in _entries(p)], ("附件/9.exe", PDF)]),
        "repeated": lambda p: _rezip(p, [*[(i.filename, c) for i, c in _entries(p)], ("data.json", b"{}")]),
        "member_removed": lambda p: _rezip(p, [(i.filename, c) for i, c in _entries(p) if "附件" not in i.filename]),
    }.items():
        path = _write(tmp_path / f"{reason}.lzbs")
        make(path)
        refused = _refused(path)
        assert refused.reason == reason
        sentences[reason] = refused.message.replace(path.name, "")
    assert len(set(sentences.values())) == len(sentences)


@pytest.mark.sqlite_only  # compares the database file's bytes
@pytest.mark.parametrize("name", ["附件/setup.exe", "附件/附件9.pdf", "data.json"])
def test_the_city_imports_nothing_from_a_hostile_package(tmp_path: Path, db, name: str) -> None:
    from liuzhou_gui.services.exchange.package_import import import_package, received_packages

    path = _write(tmp_path / "柳南.lzbs")
    _rezip(path, [*[(i.filename, c) for i, c in _entries(path)], (name, PDF)])
    before = db.path.read_bytes()
    with pytest.raises(ContainerRefused):
        import_package(db, path)
    assert received_packages(db) == [] and db.path.read_bytes() == before
    assert not (db.path.parent / "报送包附件").exists()
    assert not list((db.path.parent / "backups").glob("*before-package*"))  # refused before the backup


def test_a_manifest_that_lists_a_member_over_the_limit_is_refused_before_reading_it(tmp_path: Path) -> None:
    path = _bomb(tmp_path / "p.lzbs", REPORT.limits.member_bytes + 1, 100)
    assert _refused(path).reason == "member_size"


def test_a_recomputed_digest_breaks_the_signature(tmp_path: Path) -> None:
    """The attack of issue 14: data changed and the manifest's table recomputed the way the app does it."""
    path = _write(tmp_path / "p.lzbs")
    entries = {info.filename: content for info, content in _entries(path)}
    data = entries["data.json"].replace(b"2025", b"2026")
    manifest = json.loads(entries[MANIFEST])
    manifest["members"]["data.json"] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    entries |= {MANIFEST: json.dumps(manifest, ensure_ascii=False, indent=1).encode(), "data.json": data}
    _rezip(path, list(entries.items()), resign=False)
    refused = _refused(path)
    assert refused.reason == "signature" and "签名与内容不符" in refused.message


def test_a_missing_signature_or_a_swapped_certificate_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.lzbs")
    entries = {info.filename: content for info, content in _entries(path)}
    _rezip(path, [(n, c) for n, c in entries.items() if n != SIGNATURE], resign=False)
    assert _refused(path).reason == "unsigned"

    forger = InstallationKey.generate("柳南区卫生健康局")
    manifest = json.loads(entries[MANIFEST])
    manifest["signer"]["certificate"] = forger.certificate_pem  # the fingerprint left as it was
    _rezip(path, [(MANIFEST, json.dumps(manifest).encode()), *[(n, c) for n, c in entries.items() if n != MANIFEST]],
           resign=False)
    assert _refused(path).reason == "bad_signer"
    manifest["signer"]["fingerprint"] = forger.fingerprint  # now consistent, but the old signature stays
    _rezip(path, [(MANIFEST, json.dumps(manifest).encode()), *[(n, c) for n, c in entries.items() if n != MANIFEST]],
           resign=False)
    assert _refused(path).reason == "signature"


def test_the_signer_is_reported_and_checked_before_members_are_read(tmp_path: Path) -> None:
    key = InstallationKey.generate("柳南区卫生健康局")
    path = write_container(tmp_path / "p.lzbs", REPORT, {"year": 2025}, _members(), sign_with=key)
    seen = []

    def refuse_all(signer, manifest) -> None:
        seen.append((signer.fingerprint, signer.office, manifest["year"]))
        raise ContainerRefused("untrusted", "不认识的签名者。")

    with pytest.raises(ContainerRefused, match="不认识"):
        read_container(path, REPORT, check_signer=refuse_all)
    assert seen == [(key.fingerprint, "柳南区卫生健康局", 2025)]
    assert read_container(path, REPORT).signer.fingerprint == key.fingerprint


def test_an_encrypted_container_is_read_by_its_recipient_only(tmp_path: Path) -> None:
    district, city, other = (InstallationKey.generate(n) for n in ("柳南区卫健局", "柳州市卫健委", "柳北区卫健局"))
    secret = b"6222021234567890128"
    members = _members(**{"data.json": b'{"bank_card": "' + secret + b'"}'})
    path = write_container(tmp_path / "p.lzbs", REPORT, {"year": 2025}, members, sign_with=district,
                           encrypt_to=city.certificate)
    raw = path.read_bytes()
    assert secret not in raw and all(secret not in c and b"%PDF" not in c for n, c in _entries(path)
                                     if n.filename != MANIFEST)
    content = read_container(path, REPORT, decrypt_with=city)
    assert content.encrypted and content.members == members and content.signer.fingerprint == district.fingerprint
    assert json.loads(_entries(path)[0][1])["encryption"]["recipient"] == city.fingerprint
    with pytest.raises(ContainerRefused) as refused:
        read_container(path, REPORT, decrypt_with=other)
    assert refused.value.reason == "not_for_us" and city.fingerprint in refused.value.message
    checked = read_container(path, REPORT, decrypt=False)  # who signed it: no key needed
    assert checked.signer.office == "柳南区卫健局" and checked.members["data.json"] != members["data.json"]


def test_an_encrypted_member_swapped_for_another_is_refused(tmp_path: Path) -> None:
    district, city = InstallationKey.generate("甲"), InstallationKey.generate("市")
    path = write_container(tmp_path / "p.lzbs", REPORT, {}, _members(**{"附件/附件3.pdf": PDF}), sign_with=district,
                           encrypt_to=city.certificate)
    entries = {info.filename: content for info, content in _entries(path)}
    entries["附件/附件2.pdf"], entries["附件/附件3.pdf"] = entries["附件/附件3.pdf"], entries["附件/附件2.pdf"]
    manifest = json.loads(entries[MANIFEST])
    table = manifest["members"]
    table["附件/附件2.pdf"], table["附件/附件3.pdf"] = table["附件/附件3.pdf"], table["附件/附件2.pdf"]
    encoded = json.dumps(manifest, ensure_ascii=False).encode()
    _rezip(path, [(MANIFEST, encoded), (SIGNATURE, sign(district, encoded)),
                  *[(n, c) for n, c in entries.items() if n not in (MANIFEST, SIGNATURE)]], resign=False)
    with pytest.raises(ContainerRefused) as refused:
        read_container(path, REPORT, decrypt_with=city)
    assert refused.value.reason == "decrypt"
