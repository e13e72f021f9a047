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
    keys,
    package,
    restore,
    stats,
    template,
    verify,
)

COMMAND_MODULES = (
    demo, stats, check, campaign, district, export, import_, template, package, keys, verify, backup, restore, audit,
)
