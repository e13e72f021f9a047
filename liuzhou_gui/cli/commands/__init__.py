"""One module per command; each exposes `register(subparsers)` and sets `run` on its parser."""

from . import (
    audit,
    backup,
    campaign,
    check,
    demo,
    district,
    export,
    import_,
    package,
    photos,
    restore,
    stats,
    summary,
    template,
)

COMMAND_MODULES = (
    demo, stats, check, campaign, district, export, import_, template, package, photos, summary, backup, restore, audit,
)
