"""PDF signatures with pyHanko: PAdES B-B, offline (no timestamp server), by the installation key.

The seal stays drawn in the page content (QtPdf and some viewers do not draw signature widgets);
the signature field lies over it with an empty appearance, so viewers that show signatures show
this one where the seal is. It proves the file was not changed after this office signed it; it is
not a legal 电子印章 (that needs an authorised issuer), and the app says so.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from .keys import InstallationKey, fingerprint_of, office_of

log = logging.getLogger(__name__)

LABEL = "完整性签名（非法定电子印章）"
FIELD = "完整性签名"
MAX_PDF = 96 << 20


@dataclass(frozen=True)
class SealBox:
    page: int  # 0-based
    box: tuple[float, float, float, float]  # x1, y1, x2, y2 in PDF points


@dataclass(frozen=True)
class PdfCheck:
    signed: bool
    valid: bool  # intact, covering the whole file, by the certificate it names
    office: str = ""
    fingerprint: str = ""
    problem: str = ""  # why not, in Chinese

    @property
    def text(self) -> str:
        if self.valid:
            return f"签名有效：由“{self.office}”（密钥指纹 {self.fingerprint}）签名，签名后未被改动。"
        return self.problem


def _asn1(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def sign_pdf(pdf: bytes, key: InstallationKey, seal: SealBox | None = None) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata, PdfSigner
    from pyhanko.stamp import TextStampStyle
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    certificate = _asn1(key.certificate)
    private = asn1_keys.PrivateKeyInfo.load(key.private_key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    signer = signers.SimpleSigner(signing_cert=certificate, signing_key=private,
                                  cert_registry=SimpleCertificateStore.from_certs([certificate]))
    meta = PdfSignatureMetadata(field_name=FIELD, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256",
                                reason=LABEL, name=key.office, location="柳州")
    spec = fields.SigFieldSpec(FIELD, on_page=seal.page if seal else 0, box=seal.box if seal else None)
    output = io.BytesIO()
    PdfSigner(meta, signer, new_field_spec=spec, stamp_style=TextStampStyle(stamp_text="", border_width=0)
              ).sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), output=output)
    return output.getvalue()


def check_pdf_signature(pdf: bytes, trusted: x509.Certificate | None = None) -> PdfCheck:
    """Whether `pdf` carries one signature that is intact and covers the whole file. Without
    `trusted`, the certificate the file carries is its own trust root (who it claims to be: compare
    the fingerprint); with it, only that certificate is accepted."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    if len(pdf) > MAX_PDF:
        return PdfCheck(False, False, problem="文件太大，不是本软件生成的 PDF。")
    try:
        signatures = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
    except (PdfError, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        log.info("unreadable PDF: %s", exc)
        return PdfCheck(False, False, problem="不是完整的 PDF 文件，无法检查签名。")
    if not signatures:
        return PdfCheck(False, False, problem="这个 PDF 没有签名。")
    if len(signatures) > 1:
        return PdfCheck(True, False, problem="这个 PDF 有多个签名，不是本软件生成的。")
    embedded = signatures[0]
    try:
        claimed = x509.load_der_x509_certificate(embedded.signer_cert.dump())
        root = trusted or claimed
        status = validate_pdf_signature(embedded, ValidationContext(trust_roots=[_asn1(root)], allow_fetching=False))
    except (SignatureValidationError, PdfError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.info("PDF signature not valid: %s", exc)
        return PdfCheck(True, False, problem="PDF 的签名无法验证：文件在签名后被改动过或已损坏。")
    office = office_of(claimed)
    fingerprint = fingerprint_of(claimed.public_key())
    if not (status.intact and status.valid):
        return PdfCheck(True, False, office, fingerprint, "PDF 的签名与内容不符：文件在签名后被改动过。")
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return PdfCheck(True, False, office, fingerprint, "PDF 在签名之后又被添加或改动过内容。")
    if not status.trusted:
        return PdfCheck(True, False, office, fingerprint,
                        f"PDF 的签名密钥（指纹 {fingerprint}）不是应有的那把密钥。")
    return PdfCheck(True, True, office, fingerprint)
