"""The installation's own key pair (ECDSA P-256) and its self-signed certificate.

Made at first need and kept in `storage.paths.keys_dir()` as one PEM file (the private key, then
the certificate), readable by the user only, apart from the database and its backups. One key
serves everything: packages and PDFs are signed with it (PDF viewers check ECDSA P-256), and
districts encrypt their 报送包 to the city's key (ECDH on the same curve).

The fingerprint that people read aloud or compare on paper: the SHA-256 of the public key (its DER
SubjectPublicKeyInfo), read as one big-endian number, modulo 10^24, written as 24 decimal digits in
six groups of four (0123-4567-8901-2345-6789-0123). 24 digits are about 80 bits: matching a given
fingerprint with another key takes about 2^80 tries. Only the public key counts, so a certificate
re-issued for a new office name keeps the fingerprint.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from ...domain.errors import AppError
from ...storage.paths import keys_dir

KEY_FILE = "installation.pem"
MAX_KEY_FILE = 64 * 1024
MAX_CERTIFICATE = 16 * 1024
CAMPAIGN = "柳州市“十百千”职业健康科普宣传活动"
UNNAMED_OFFICE = "柳州市“十百千”活动管理软件"
_GROUPS, _DIGITS = 6, 4


def fingerprint_of(public_key: ec.EllipticCurvePublicKey) -> str:
    der = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    number = int.from_bytes(hashlib.sha256(der).digest(), "big") % 10 ** (_GROUPS * _DIGITS)
    digits = f"{number:0{_GROUPS * _DIGITS}d}"
    return "-".join(digits[i:i + _DIGITS] for i in range(0, len(digits), _DIGITS))


def normalise_fingerprint(text: str) -> str | None:
    """What a user typed (spaces, dashes, full-width digits) as a fingerprint, or None."""
    digits = re.sub(r"[\s\-－—_]", "", text or "")
    digits = digits.translate({ord("０") + i: str(i) for i in range(10)})
    if not re.fullmatch(rf"\d{{{_GROUPS * _DIGITS}}}", digits):
        return None
    return "-".join(digits[i:i + _DIGITS] for i in range(0, len(digits), _DIGITS))


def office_of(certificate: x509.Certificate) -> str:
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else ""


def certificate_from_pem(text: str | bytes, what: str = "证书") -> x509.Certificate:
    """A P-256 certificate from someone else (a package, a key file): checked, or a Chinese sentence."""
    raw = text.encode("ascii", "replace") if isinstance(text, str) else text
    if len(raw) > MAX_CERTIFICATE:
        raise AppError(f"{what}太大，不是本软件的证书。")
    try:
        certificate = x509.load_pem_x509_certificate(raw)
    except ValueError as exc:
        raise AppError(f"{what}无法读取，不是本软件的证书。") from exc
    key = certificate.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey) or not isinstance(key.curve, ec.SECP256R1):
        raise AppError(f"{what}的密钥类型不是本软件使用的（ECDSA P-256）。")
    return certificate


def make_certificate(private_key: ec.EllipticCurvePrivateKey, office: str) -> x509.Certificate:
    """Self-signed, naming the office; key usage for signing PDFs (non-repudiation, which PDF
    validators ask for) and for the key agreement of encrypted packages."""
    name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, CAMPAIGN),
        x509.NameAttribute(NameOID.COMMON_NAME, office[:64] or UNNAMED_OFFICE),
    ])
    now = datetime.now(UTC)
    public = private_key.public_key()
    return (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name).public_key(public)
        .serial_number(int.from_bytes(secrets.token_bytes(16), "big") >> 1)
        .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=365 * 30))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False, data_encipherment=False,
            key_agreement=True, key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False,
        ), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(private_key, hashes.SHA256())
    )


@dataclass(frozen=True)
class InstallationKey:
    private_key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate
    path: Path | None = None

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.private_key.public_key())

    @property
    def office(self) -> str:
        return office_of(self.certificate)

    @property
    def certificate_pem(self) -> str:
        return self.certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")

    @classmethod
    def generate(cls, office: str = UNNAMED_OFFICE) -> InstallationKey:
        private = ec.generate_private_key(ec.SECP256R1())
        return cls(private, make_certificate(private, office))

    def pem(self) -> bytes:
        key = self.private_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        return key + self.certificate.public_bytes(serialization.Encoding.PEM)


def _write_private(path: Path, content: bytes, *, replace: bool) -> bool:
    """Write a file only the user can read; False when another process made it first."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            os.replace(partial, path)
            return True
        try:
            os.link(partial, path)  # never over a key another process has just made
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links: the small race is better than no key
            if path.exists():
                return False
            os.replace(partial, path)
        return True
    finally:
        partial.unlink(missing_ok=True)


def _load(path: Path) -> InstallationKey:
    damaged = (f"本机的密钥文件“{path}”已损坏，无法签名或读取加密的报送包。请把该文件移到别处后重新打开软件，"
               "软件会生成新的密钥；新密钥的指纹需要对方（市卫健委或县区）重新确认。")
    try:
        if path.stat().st_size > MAX_KEY_FILE:
            raise AppError(damaged)
        raw = path.read_bytes()
        private = serialization.load_pem_private_key(raw, password=None)
        certificate = x509.load_pem_x509_certificate(raw[raw.index(b"-----BEGIN CERTIFICATE-----"):])
    except (ValueError, TypeError) as exc:
        raise AppError(damaged) from exc
    except OSError as exc:
        raise AppError(f"无法读取本机的密钥文件“{path}”：{exc.strerror or exc}") from exc
    if not isinstance(private, ec.EllipticCurvePrivateKey) or certificate.public_key() != private.public_key():
        raise AppError(damaged)
    if os.name == "posix" and path.stat().st_mode & 0o077:
        path.chmod(0o600)
    return InstallationKey(private, certificate, path)


def installation_key(office: str | None = None, folder: Path | None = None) -> InstallationKey:
    """This installation's key, made at first need. `office` (the bureau this copy belongs to, when
    known) names the certificate; a different name re-issues the certificate for the same key."""
    path = (folder or keys_dir()) / KEY_FILE
    if not path.exists():
        try:
            _write_private(path, InstallationKey.generate(office or UNNAMED_OFFICE).pem(), replace=False)
        except OSError as exc:
            raise AppError(f"无法在“{path.parent}”生成本机密钥：{exc.strerror or exc}") from exc
    key = _load(path)
    if office and key.office != office[:64]:
        renamed = InstallationKey(key.private_key, make_certificate(key.private_key, office), path)
        try:
            _write_private(path, renamed.pem(), replace=True)
        except OSError as exc:
            raise AppError(f"无法更新本机证书“{path}”：{exc.strerror or exc}") from exc
        key = renamed
    return key
