"""Signing and encrypting a container's content, with what `cryptography` gives (nothing hand-made).

Signature: ECDSA P-256 with SHA-256 over the exact bytes of the manifest, which lists every other
member's size and SHA-256, so the signature covers all of the content. The signer's certificate
travels inside the manifest (and so under the signature).

Encryption (a 报送包 to the city): an ephemeral P-256 key agreed with the recipient's public key
(ECDH), HKDF-SHA256 turns the shared secret into one AES-256-GCM key for this container, and each
member is sealed with its own random nonce and its name as associated data (a member cannot be
swapped for another). The manifest stays in clear; it names the recipient's fingerprint.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .keys import InstallationKey, fingerprint_of

SCHEME = "ECDH-P256/HKDF-SHA256/AES-256-GCM"
_NONCE = 12


@dataclass(frozen=True)
class Signer:
    """Who signed a container, after the signature has been checked."""

    fingerprint: str
    office: str
    certificate: x509.Certificate

    @property
    def certificate_pem(self) -> str:
        return self.certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")


def sign(key: InstallationKey, content: bytes) -> bytes:
    return key.private_key.sign(content, ec.ECDSA(hashes.SHA256()))


def signature_is_valid(certificate: x509.Certificate, content: bytes, signature: bytes) -> bool:
    try:
        certificate.public_key().verify(signature, content, ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _derive(shared: bytes, ephemeral: bytes, context: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral,
                info=b"liuzhou_gui container v2 " + context).derive(shared)


def _point(public: ec.EllipticCurvePublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)


class Sealer:
    """Encrypts the members of one container to one recipient."""

    def __init__(self, recipient: x509.Certificate, context: str) -> None:
        public = recipient.public_key()
        assert isinstance(public, ec.EllipticCurvePublicKey)
        ephemeral = ec.generate_private_key(ec.SECP256R1())
        self.ephemeral_point = _point(ephemeral.public_key())
        self.context = context.encode("utf-8")
        self._aead = AESGCM(_derive(ephemeral.exchange(ec.ECDH(), public), self.ephemeral_point, self.context))
        self.header = {"scheme": SCHEME, "recipient": fingerprint_of(public),
                       "ephemeral_key": base64.b64encode(self.ephemeral_point).decode("ascii")}

    def seal(self, name: str, content: bytes) -> bytes:
        nonce = os.urandom(_NONCE)
        return nonce + self._aead.encrypt(nonce, content, self.context + b"\0" + name.encode("utf-8"))


class Opener:
    """Decrypts the members of one container with the recipient's private key."""

    def __init__(self, key: InstallationKey, header: dict, context: str) -> None:
        point = base64.b64decode(str(header["ephemeral_key"]), validate=True)
        ephemeral = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
        self.context = context.encode("utf-8")
        self._aead = AESGCM(_derive(key.private_key.exchange(ec.ECDH(), ephemeral), point, self.context))

    def open(self, name: str, sealed: bytes) -> bytes | None:
        """None when the member was not sealed for this key or was changed."""
        if len(sealed) < _NONCE + 16:
            return None
        try:
            return self._aead.decrypt(sealed[:_NONCE], sealed[_NONCE:], self.context + b"\0" + name.encode("utf-8"))
        except InvalidTag:
            return None
