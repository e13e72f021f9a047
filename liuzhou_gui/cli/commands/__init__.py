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
    package,
    restore,
    stats,
    submissions,
    submit,
    template,
)

COMMAND_MODULES = (
    demo, stats, check, campaign, district, export, import_, template, package, submit, submissions, directive,
    backup, restore, audit,
)
