"""报送包: a district writes one for the city; the city checks and imports it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..services.exchange.package_content import CONFIRMED_DIGEST
from ..services.exchange.package_export import PackageEstimate, estimate_package, package_notice
from ..services.exchange.package_export import export_package as write_package
from ..services.exchange.package_file import PackagePreview, preview_package
from ..services.exchange.package_import import ImportResult
from ..services.exchange.package_import import import_package as import_package_file
from ..storage.database import Database
from .core import NO_JOB, Changes, Job, Outcome, failed_after


def export_package(
    db: Database, district: str, target: Path, year: int, job: Job = NO_JOB,
) -> Outcome[tuple[Path, str]]:
    """The package and what the district is told about it (encrypted to the city, or cards left out).
    Writing it records nothing in the database; the file is the whole result."""
    path = write_package(db, district, target, year, progress=job.progress)
    return Outcome((path, package_notice(path)), Changes.NONE)


def package_estimate(db: Database, district: str, year: int) -> PackageEstimate:
    """A quick read: how big the package will be (its photos), said before it is written."""
    return estimate_package(db, district, year)


def package_preview(db: Database, path: Path, _job: Job = NO_JOB) -> PackagePreview:
    """A read: verifies and decrypts the file as an import would, checks its content rules, and says whose
    key signed it. Its manifest carries the digest the import must find again (confirmed = imported)."""
    return preview_package(db, path)


def import_package(
    db: Database, path: Path, force: bool = False, job: Job = NO_JOB, trust: str | None = None, *,
    confirmed: dict[str, Any] | None = None,
) -> Outcome[ImportResult]:
    """Replace the district's year with the package. A backup is made first, even when the import fails.
    `trust`: the fingerprint the user confirmed for a district whose key is new or changed;
    `confirmed`: the manifest shown in the confirmation (package_preview): a file changed since is refused."""
    expected = confirmed.get(CONFIRMED_DIGEST) if confirmed else None
    try:
        result = import_package_file(db, path, force=force, trust=trust, progress=job.progress,
                                     cancelled=job.cancelled, expected_digest=expected)
    except Exception as exc:
        failed_after(exc, Changes.BACKUPS)
        raise
    return Outcome(result, Changes.RECORDS | Changes.CAMPAIGN | Changes.PACKAGES | Changes.BACKUPS | Changes.AUDIT
                   | Changes.SUBMISSIONS)
