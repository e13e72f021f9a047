"""One module per command; each exposes `register(subparsers)` and sets `run` on its parser."""

from . import (
    audit,
    backup,
    campaign,
    check,
    demo,
    directive,
    district,
    export,
    import_,
    keys,
    package,
    photos,
    restore,
    stats,
    submissions,
    submit,
    summary,
    template,
    verify,
)

COMMAND_MODULES = (
    demo, stats, check, campaign, district, export, import_, template, package, submit, submissions, directive,
    keys, verify, photos, summary, backup, restore, audit,
)
