"""Trust on first use: which signer's packages this installation accepts, and what it asks first.

The city keeps one key per district, a district one key for the city. The first container of a
party is accepted (on the command line its key is recorded and its fingerprint printed; the window
asks first, showing the fingerprint). After that a container signed by another key is refused with
the old and the new fingerprint, unless the user confirmed the new one on purpose (`confirmed`,
the fingerprint typed after `--trust` or accepted in the window).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from ...domain.errors import AppError
from ...storage import trusted_keys
from ...storage.database import Database
from ..exchange.container import ContainerContent, Kind, read_container
from .keys import InstallationKey, normalise_fingerprint
from .sealing import Signer

FIRST_USE, CONFIRMED = "first_use", "confirmed"


class KeyChanged(AppError):
    """A container signed by another key than the one on record for its party: held until confirmed."""

    def __init__(self, what: str, party: str, known: str, signer: Signer) -> None:
        self.party, self.known, self.signer = party, known, signer
        super().__init__(
            f"{what}的签名密钥与已登记的{trusted_keys.party_label(party)}密钥不同：已登记的指纹 {known}，"
            f"这个文件的指纹 {signer.fingerprint}。如果对方换了电脑或重装了软件，请电话或凭盖章的纸质表格"
            f"核对新指纹后再确认（命令行加 --trust {signer.fingerprint}）；否则这可能是伪造的文件。未写入任何数据。"
        )


class ConfirmationWrong(AppError):
    pass


@dataclass(frozen=True)
class TrustDecision:
    party: str
    signer: Signer
    how: str | None  # None: already trusted; else how to record it once the content is in

    def remember(self, session: Session) -> None:
        """Record the key in the same transaction as the content it vouched for."""
        if self.how is not None:
            trusted_keys.record(session, self.party, self.signer.fingerprint, self.signer.office,
                                self.signer.certificate_pem, self.how)


def known_fingerprint(db: Database, party: str) -> str | None:
    with db.session() as session:
        row = trusted_keys.current(session, party)
        return row.fingerprint if row else None


def decide(db: Database, party: str, signer: Signer, what: str, confirmed: str | None = None) -> TrustDecision:
    """Accept or refuse `signer` for `party` (raises KeyChanged); nothing is written here."""
    wanted = None
    if confirmed is not None:
        wanted = normalise_fingerprint(confirmed)
        if wanted is None:
            raise ConfirmationWrong(f"“{confirmed[:40]}”不是密钥指纹：应为 24 位数字（六组，每组四位）。")
        if wanted != signer.fingerprint:
            raise ConfirmationWrong(
                f"{what}的签名密钥指纹是 {signer.fingerprint}，与确认的指纹 {wanted} 不符，未写入任何数据。")
    known = known_fingerprint(db, party)
    if known == signer.fingerprint:
        return TrustDecision(party, signer, None)
    if known is None:
        return TrustDecision(party, signer, CONFIRMED if wanted else FIRST_USE)
    if wanted is None:
        raise KeyChanged(what, party, known, signer)
    return TrustDecision(party, signer, CONFIRMED)


def read_trusted(
    db: Database, path: Path, kind: Kind, party_of: Any, *, confirmed: str | None = None,
    key: InstallationKey | None = None,
) -> tuple[ContainerContent, TrustDecision]:
    """Read a container whose signer must be trusted for the party `party_of(manifest)` names.
    The decision is taken before any member is unpacked; call `decision.remember(session)` in the
    transaction that writes the content."""
    decisions: list[TrustDecision] = []

    def check(signer: Signer, manifest: dict[str, Any]) -> None:
        decisions.append(decide(db, party_of(manifest), signer, f"{kind.name}“{path.name}”", confirmed))

    content = read_container(path, kind, check_signer=check, decrypt_with=key)
    return content, decisions[0]


def city_certificate(db: Database):
    """The city's certificate as this district installation trusts it (from a 下发包 or a key file)."""
    from cryptography import x509

    with db.session() as session:
        row = trusted_keys.current(session, trusted_keys.CITY)
        return x509.load_pem_x509_certificate(row.certificate.encode("ascii")) if row else None


def own_key(db: Database, office_if_unset: str | None = None) -> InstallationKey:
    """This installation's key, its certificate naming the bureau the first-start dialog set
    (or `office_if_unset` before that: the command line used without the window)."""
    from ...storage.lookups import installation_bureau
    from .keys import installation_key

    with db.session() as session:
        bureau = installation_bureau(session)
    return installation_key(bureau or office_if_unset)
